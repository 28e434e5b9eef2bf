namespace VisionDrive.Parking.Migration;

public sealed partial class MigrationEngine
{
    /// <summary>Migrate's expired-TTL guard: the source's events older than the retention (see <see cref="ExpiredTtlGuard"/>).</summary>
    private Task GuardExpiredTtlAsync(CancellationToken cancellationToken) =>
        ExpiredTtlGuard.CheckSourceAsync(_source, ReadOptions(), _options, _time, cancellationToken);

    /// <summary>
    /// Sync refuses a retention other than the one the table's events were written with: each event's <c>ttl</c> is part of its content, so
    /// another retention would rewrite every event (to a past <c>ttl</c>, if it is short). The table's retention is read from the table itself,
    /// <c>ttl</c> − event time of its events (the most common value), so it holds whatever state directory the sync is given.
    /// </summary>
    private void GuardTableRetention(TargetFacts facts)
    {
        if (facts.TableRetention() is not { } table || Math.Abs((table.Retention - _options.EventRetention).TotalSeconds) <= 1)
        {
            return;
        }

        var tableDays = table.Retention.TotalDays.ToString("0.######", CultureInfo.InvariantCulture);
        var runDays = _options.EventRetention.TotalDays.ToString("0.######", CultureInfo.InvariantCulture);
        throw new MigrationException(
            $"The table '{_options.TableName}' holds events written with a retention of {tableDays} days (ttl - event time, {table.Events} of " +
            $"{facts.EventsWithTtl} events), and this sync has {runDays} days: it would rewrite the ttl of every event. Nothing was written. " +
            $"Rerun with --retention-days {tableDays} (or VDP_RETENTION_DAYS={tableDays}); to change the retention of a migrated table, migrate it again.");
    }
}
