using System.Collections.Concurrent;

namespace VisionDrive.Parking.Migration.Verification;

/// <summary>
/// What the first scan of the target learns besides the digests: the items no entity type claims (the source never produces them; their
/// keys go to sorted runs on disk, not memory), and the
/// event retention the table's events were written with (<c>ttl</c> − event time). Filled concurrently by the scan segments.
/// </summary>
internal sealed class TargetFacts
{
    private readonly ConcurrentDictionary<long, long> _retentions = new();

    private readonly DiffSpill.Sorter? _unclaimed;
    private long _unclaimedCount;

    /// <param name="spill">Where the keys of items no entity type claims are kept (sorted runs on disk); <see langword="null"/>: only counted.</param>
    public TargetFacts(DiffSpill? spill = null)
    {
        _unclaimed = spill?.NewSorter();
    }

    /// <summary>How many items have no <c>entityType</c>, or one that is not an entity type.</summary>
    public long UnclaimedCount => Interlocked.Read(ref _unclaimedCount);

    /// <summary>The sorted runs of the unclaimed items' keys (<see cref="DiffRecord.Unclaimed"/>), to merge with the other differences.</summary>
    public DiffSpill.Sorter? UnclaimedKeys => _unclaimed;

    /// <summary>The first unclaimed keys in ordinal key order (at most <see cref="MigrationOptions.MaxListedDifferences"/>), filled by the comparison's merge.</summary>
    public List<string> UnclaimedListed { get; } = [];

    public void AddUnclaimed(string pk, string sk, Dictionary<string, AttributeValue> item)
    {
        Interlocked.Increment(ref _unclaimedCount);
        if (_unclaimed is null)
        {
            return;
        }

        // Called concurrently by the scan segments; such items are rare, so one lock is enough.
        lock (_unclaimed)
        {
            _unclaimed.Add(DiffRecord.Of(pk, sk, DiffRecord.Unclaimed, 0, null));
        }
    }

    /// <summary>Event items whose <c>ttl</c> and time could be read.</summary>
    public long EventsWithTtl => _retentions.Values.Sum();

    /// <summary>Records the retention one event item was written with: its <c>ttl</c> minus its time, in whole seconds.</summary>
    public void AddEvent(Dictionary<string, AttributeValue> item)
    {
        if (item.TryGetValue("ttl", out var ttl) && ttl.N is not null
            && long.TryParse(ttl.N, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var expires)
            && item.TryGetValue("timestamp", out var ts) && ts.S is not null
            && KeyTime.TryParse(ts.S, out var time))
        {
            _retentions.AddOrUpdate(expires - time.ToUnixTimeSeconds(), 1, static (_, n) => n + 1);
        }
    }

    /// <summary>The retention most of the table's events were written with, and how many were; <see langword="null"/> when the table holds no event.</summary>
    public (TimeSpan Retention, long Events)? TableRetention()
    {
        if (_retentions.IsEmpty)
        {
            return null;
        }

        var (seconds, count) = _retentions.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).First();
        return (TimeSpan.FromSeconds(seconds), count);
    }
}
