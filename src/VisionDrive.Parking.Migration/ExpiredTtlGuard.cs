namespace VisionDrive.Parking.Migration;

/// <summary>
/// The expired-TTL guard (docs/design.md §1, row 4) shared by <c>migrate</c> and <c>sync</c>: before anything is written, refuse to write events
/// whose <c>ttl</c> (event time + retention) is already past, which DynamoDB would delete within days, unless told to
/// (<see cref="MigrationOptions.AllowExpiredTtl"/>). The refusal says how many and names <c>--retention-days</c> and <c>--allow-expired-ttl</c>.
/// </summary>
internal static class ExpiredTtlGuard
{
    /// <summary>Migrate: counts the source's events older than the retention (in the run's segment) and refuses when there are any.</summary>
    public static async Task CheckSourceAsync(
        ParkingSourceReader source,
        SourceReadOptions readOptions,
        MigrationOptions options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (options.AllowExpiredTtl)
        {
            return;
        }

        var now = time.GetUtcNow();
        var cutoff = now - options.EventRetention;
        var expired = await source.CountAsync(
            EntityType.Event,
            readOptions with { EventTime = new TimeRange(DateTimeOffset.UnixEpoch.AddYears(-1969), cutoff) },
            cancellationToken).ConfigureAwait(false);
        if (expired > 0)
        {
            throw Refusal(expired, options.EventRetention, now, "the migration");
        }
    }

    /// <summary>Sync: counts the planned puts that are already expired at the clock's now and refuses when there are any.</summary>
    public static void CheckPlanned(IEnumerable<Dictionary<string, AttributeValue>> puts, MigrationOptions options, TimeProvider time)
    {
        if (options.AllowExpiredTtl)
        {
            return;
        }

        var now = time.GetUtcNow();
        long expired = 0;
        foreach (var item in puts)
        {
            if (ParkingItemMapper.IsExpired(item, now))
            {
                expired++;
            }
        }

        if (expired > 0)
        {
            throw Refusal(expired, options.EventRetention, now, "the sync");
        }
    }

    private static MigrationException Refusal(long expired, TimeSpan retention, DateTimeOffset now, string run)
    {
        var cutoff = now - retention;
        var days = Math.Ceiling((now - cutoff).TotalDays);
        return new MigrationException(
            $"{expired} events are older than the retention of {retention.TotalDays:0} days: their ttl would already be past and " +
            $"DynamoDB would delete them within days of {run}. Nothing was written. Set --retention-days high enough to keep them " +
            $"(older than {cutoff:yyyy-MM-dd} means more than {days:0} days), or pass --allow-expired-ttl to write them anyway.");
    }
}
