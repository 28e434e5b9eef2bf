namespace VisionDrive.Parking.Data;

/// <summary>A half-open time range: <see cref="From"/> inclusive, <see cref="To"/> exclusive.</summary>
public readonly record struct TimeRange
{
    /// <summary>Creates a range.</summary>
    /// <param name="from">The inclusive start.</param>
    /// <param name="to">The exclusive end; not before <paramref name="from"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public TimeRange(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            throw new ArgumentException($"The range end ({to:O}) is before its start ({from:O}).", nameof(to));
        }

        From = from;
        To = to;
    }

    /// <summary>The inclusive start.</summary>
    public DateTimeOffset From { get; }

    /// <summary>The exclusive end.</summary>
    public DateTimeOffset To { get; }

    /// <summary>Whether <paramref name="time"/> is in the range.</summary>
    /// <param name="time">The time.</param>
    /// <returns><see langword="true"/> when <c>From &lt;= time &lt; To</c>.</returns>
    public bool Contains(DateTimeOffset time) => time >= From && time < To;
}
