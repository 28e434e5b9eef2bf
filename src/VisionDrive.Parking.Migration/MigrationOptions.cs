using System;
using System.Collections.Generic;
using VisionDrive.Parking.Data;

namespace VisionDrive.Parking.Migration;

/// <summary>Settings of a migration, verification, sync or export run.</summary>
public sealed class MigrationOptions
{
    /// <summary>The target table. Default <c>VisionDrive-Parking</c>.</summary>
    public string TableName { get; init; } = "VisionDrive-Parking";

    /// <summary>The state directory: checkpoint, lock, <c>rejects.jsonl</c>, <c>warnings.jsonl</c>. Default <c>./vdp-state</c>.</summary>
    public string StateDirectory { get; init; } = "vdp-state";

    /// <summary>The entity types to process, in order; default all seven (parents before children).</summary>
    public IReadOnlyList<EntityType> EntityTypes { get; init; } = Data.EntityTypes.All;

    /// <summary>This process's segment, 0-based, below <see cref="SegmentCount"/>. Default 0.</summary>
    public int SegmentIndex { get; init; }

    /// <summary>How many processes share the migration (each with its own <see cref="SegmentIndex"/> and state directory). Default 1.</summary>
    public int SegmentCount { get; init; } = 1;

    /// <summary>How long DynamoDB keeps an event: its <c>ttl</c> is the event time plus this. Default 400 days.</summary>
    public TimeSpan EventRetention { get; init; } = TimeSpan.FromDays(400);

    /// <summary>Write events whose <c>ttl</c> is already past (DynamoDB deletes them within days). Default <see langword="false"/>: the run refuses and says how many.</summary>
    public bool AllowExpiredTtl { get; init; }

    /// <summary>BatchWriteItem calls in flight at once. Default 4 (1 to 64).</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Parallel scan segments used to read the target during verification and sync. Default 4 (1 to 64).</summary>
    public int ScanSegments { get; init; } = 4;

    /// <summary>Rows read per page from the source. Default 5000.</summary>
    public int SourcePageSize { get; init; } = 5000;

    /// <summary>How often the checkpoint is saved while batches are acknowledged (and always at the end of a table). Default 1 s.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Verify after migrating (counts and checksums). Default <see langword="true"/>; segment runs verify only when all segments are done, with a separate verify run.</summary>
    public bool Verify { get; init; } = true;

    /// <summary>The most differing keys listed per entity type in a report. Default 100.</summary>
    public int MaxListedDifferences { get; init; } = 100;

    /// <summary>
    /// How many times a migration resumes from its checkpoint, in the same run, after the source connection is lost (a server restart or
    /// failover, a terminated backend, a refused connection). Default 5; 0 stops at the first loss (the checkpoint is kept either way,
    /// so a rerun resumes). The budget is per outage: a resume that moves the checkpoint starts the count again. Other source errors
    /// (a wrong password, a TLS failure, a missing table) are never retried; the expired-TTL check before the first write and the
    /// verification after the last are not resumed either (rerun them).
    /// </summary>
    public int SourceReconnectAttempts { get; init; } = 5;

    /// <summary>The wait before the first reconnect; doubled for each next one, at most 30 s. Default 1 s.</summary>
    public TimeSpan SourceReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Checks the values; throws <see cref="ArgumentException"/> naming the one that is wrong.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(TableName))
        {
            throw new ArgumentException("The table name is empty.", nameof(TableName));
        }

        if (string.IsNullOrWhiteSpace(StateDirectory))
        {
            throw new ArgumentException("The state directory is empty.", nameof(StateDirectory));
        }

        if (SegmentCount < 1 || SegmentIndex < 0 || SegmentIndex >= SegmentCount)
        {
            throw new ArgumentException($"Segment {SegmentIndex}/{SegmentCount} is invalid: use i/N with 0 <= i < N.", nameof(SegmentIndex));
        }

        if (EventRetention <= TimeSpan.Zero)
        {
            throw new ArgumentException("The event retention must be positive.", nameof(EventRetention));
        }

        if (SourceReconnectAttempts is < 0 or > 100)
        {
            throw new ArgumentException("The source reconnect attempts must be between 0 and 100.", nameof(SourceReconnectAttempts));
        }

        if (SourceReconnectDelay < TimeSpan.Zero || SourceReconnectDelay > TimeSpan.FromSeconds(30))
        {
            throw new ArgumentException("The source reconnect delay must be between 0 and 30 seconds.", nameof(SourceReconnectDelay));
        }

        if (Parallelism is < 1 or > 64)
        {
            throw new ArgumentException("The parallelism must be between 1 and 64.", nameof(Parallelism));
        }

        if (ScanSegments is < 1 or > 64)
        {
            throw new ArgumentException("The scan segments must be between 1 and 64.", nameof(ScanSegments));
        }

        if (SourcePageSize is < 1 or > 1_000_000)
        {
            throw new ArgumentException("The source page size must be between 1 and 1000000.", nameof(SourcePageSize));
        }

        if (EntityTypes is null || EntityTypes.Count == 0)
        {
            throw new ArgumentException("No entity type selected.", nameof(EntityTypes));
        }
    }
}
