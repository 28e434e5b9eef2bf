namespace VisionDrive.Parking.Data.Postgres;

/// <summary>
/// Which rows a <see cref="ParkingSourceReader"/> stream (or <see cref="ParkingSourceReader.CountAsync"/>) covers. Keys are the
/// <see cref="SourceRow{T}.Key"/> values the reader yields: the id (byte order) for every table but events, and
/// <c>yyyy-MM-ddTHH:mm:ss.ffffffZ|id</c> (time, then id) for <c>sensor_events</c> (<c>infinity|id</c> / <c>-infinity|id</c> for infinite times).
/// </summary>
public sealed record SourceReadOptions
{
    /// <summary>The default <see cref="PageSize"/>, 5000.</summary>
    public const int DefaultPageSize = 5000;

    /// <summary>The largest <see cref="PageSize"/>, 100000.</summary>
    public const int MaxPageSize = 100_000;

    /// <summary>Resume strictly after this key (the last key a previous run acknowledged). Default <see langword="null"/>: from the start.</summary>
    public string? AfterKey { get; init; }

    /// <summary>Stop after this key, inclusive (the end of a sync or segment range). Default <see langword="null"/>: to the end.</summary>
    public string? UpToKey { get; init; }

    /// <summary>
    /// This reader's segment, 0 to <see cref="SegmentCount"/> − 1. A row belongs to segment <c>mod(abs(hashtext(id)::bigint), SegmentCount)</c>:
    /// segments are disjoint and together complete. <c>hashtext</c> is stable within one PostgreSQL major version: run all segments of a
    /// migration against the same server version. Default 0.
    /// </summary>
    public int SegmentIndex { get; init; }

    /// <summary>How many segments the table is split into; default 1 (no split).</summary>
    public int SegmentCount { get; init; } = 1;

    /// <summary>Only events whose time is in this half-open range (<c>sensor_events</c> only; an error for other tables). Default <see langword="null"/>: all.</summary>
    public TimeRange? EventTime { get; init; }

    /// <summary>Rows fetched per round trip (keyset page or cursor fetch), 1 to <see cref="MaxPageSize"/>; default <see cref="DefaultPageSize"/>.</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Checks the options.</summary>
    /// <param name="type">The entity type about to be read.</param>
    /// <exception cref="ArgumentException">An option is out of range or does not apply to <paramref name="type"/>.</exception>
    internal void Validate(EntityType type)
    {
        if (SegmentCount < 1)
        {
            throw new ArgumentException($"SourceReadOptions.SegmentCount must be at least 1 (it is {SegmentCount}).", "options");
        }

        if (SegmentIndex < 0 || SegmentIndex >= SegmentCount)
        {
            throw new ArgumentException($"SourceReadOptions.SegmentIndex must be between 0 and SegmentCount - 1 = {SegmentCount - 1} (it is {SegmentIndex}).", "options");
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            throw new ArgumentException($"SourceReadOptions.PageSize must be between 1 and {MaxPageSize} (it is {PageSize}).", "options");
        }

        if (EventTime is not null && type != EntityType.Event)
        {
            throw new ArgumentException($"SourceReadOptions.EventTime filters sensor_events only; it cannot be used to read {type.SourceTable()}.", "options");
        }

        foreach (var key in (string?[])[AfterKey, UpToKey])
        {
            if (key is null)
            {
                continue;
            }

            if (key.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException("A source key cannot contain a NUL character.", "options");
            }

            if (type == EntityType.Event && !Internal.SourceKey.TryParseEventKey(key, out _, out _))
            {
                throw new ArgumentException(
                    $"'{key}' is not a sensor_events key: expected yyyy-MM-ddTHH:mm:ss.ffffffZ|id (or infinity|id, -infinity|id), as yielded in SourceRow.Key.", "options");
            }
        }
    }
}
