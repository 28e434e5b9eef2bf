namespace VisionDrive.Parking.Cli;

/// <summary>
/// Progress as plain lines (<c>progress: EVENT migrate 12000/50000 (24%)</c>) for output that is not a terminal: a line when a table starts a
/// phase, then at most one per <c>interval</c> per table, and one when it reaches its total, so a long write shows it is alive in a log file.
/// </summary>
internal sealed class PlainProgress(TextWriter output, TimeProvider time, TimeSpan interval) : IProgress<MigrationProgress>
{
    private readonly object _gate = new();
    private readonly Dictionary<EntityType, (string Phase, long At, bool Done)> _last = [];

    public void Report(MigrationProgress value)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            var done = value.Total is { } total && value.Processed >= total;
            if (_last.TryGetValue(value.EntityType, out var last) && last.Phase == value.Phase)
            {
                var due = time.GetElapsedTime(last.At, now) >= interval;
                if (last.Done || !(due || done))
                {
                    return;
                }
            }

            _last[value.EntityType] = (value.Phase, now, done);
            output.WriteLine(Line(value));
            output.Flush();
        }
    }

    internal static string Line(MigrationProgress p)
    {
        var ci = CultureInfo.InvariantCulture;
        var count = p.Total is { } total
            ? string.Create(ci, $"{p.Processed}/{total}{(total > 0 ? $" ({Math.Min(100, p.Processed * 100 / total)}%)" : "")}")
            : p.Processed.ToString(ci);
        return $"progress: {p.EntityType.Name()} {p.Phase} {count}";
    }
}
