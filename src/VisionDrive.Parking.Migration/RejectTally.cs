namespace VisionDrive.Parking.Migration;

/// <summary>Counts rejected rows by distinct (table, field, reason): each reason is listed once, with its count, most frequent first.</summary>
internal sealed class RejectTally
{
    private readonly Dictionary<(string Table, string Field, string Reason), long> _counts = [];

    public long Total { get; private set; }

    public void Add(string table, string field, string reason)
    {
        var key = (table, field, reason);
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
        Total++;
    }

    public List<RejectReason> ToList() =>
        _counts
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key.Table, StringComparer.Ordinal)
            .ThenBy(kv => kv.Key.Field, StringComparer.Ordinal)
            .ThenBy(kv => kv.Key.Reason, StringComparer.Ordinal)
            .Select(kv => new RejectReason(kv.Key.Table, kv.Key.Field, kv.Key.Reason, kv.Value))
            .ToList();
}
