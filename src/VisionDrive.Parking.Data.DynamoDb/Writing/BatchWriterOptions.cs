namespace VisionDrive.Parking.Data.DynamoDb.Writing;

/// <summary>Settings of <see cref="DynamoDbBatchWriter"/>.</summary>
public sealed class BatchWriterOptions
{
    /// <summary>The most items one BatchWriteItem call carries: DynamoDB's limit, 25. With items of at most 400 KB a batch stays under the 16 MB request limit.</summary>
    public const int MaxBatchSize = 25;

    /// <summary>How many BatchWriteItem calls may be in flight at once. Default 4 (1 to 64).</summary>
    public int MaxParallelism { get; init; } = 4;

    /// <summary>
    /// How many times one batch is sent in all (first send, resubmissions of <c>UnprocessedItems</c>, retries after throttling or 5xx) before
    /// the writer gives up and reports the items it could not write. Default 12 (1 to 100). These are the only retries: the client of bulk
    /// work is built with the SDK's retries off (see <see cref="Client.DynamoDbRetry"/>).
    /// </summary>
    public int MaxAttempts { get; init; } = 12;

    /// <summary>The first backoff delay; doubles on each attempt, with full jitter. Default 50 ms.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The cap on one backoff delay. Default 5 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The jitter source: a uniform draw in [0, 1) that scales each backoff delay (full jitter). Default <see langword="null"/>:
    /// <see cref="Random.Shared"/>. Tests pass a fixed sequence to make delays reproducible.
    /// </summary>
    public Func<double>? Jitter { get; init; }

    /// <summary>
    /// Whether a parallel write (<see cref="DynamoDbBatchWriter.WriteBatchesAsync{TBatch}"/>) starts no further batch once one batch ran out of
    /// attempts (the batches in flight still finish). Default <see langword="false"/>: every batch is tried and the failures are reported
    /// together. The migration sets it: once DynamoDB refuses a batch for the whole retry budget, the next would be refused too, and the
    /// checkpoint cannot move past the refused batch anyway.
    /// </summary>
    public bool StopAfterFailedBatch { get; init; }

    /// <summary>
    /// Caps the write units per second of this writer and every other writer given the same governor; <see langword="null"/> (the default)
    /// for no cap. With a governor every call asks for its consumed capacity (<c>ReturnConsumedCapacity = TOTAL</c>).
    /// </summary>
    public WriteGovernor? Governor { get; init; }

    /// <summary>
    /// Whether puts of versioned items (every entity but events) are conditional PutItem calls, one per item, that never go back over a
    /// newer state the table holds (<see cref="Infrastructure.ItemConditions.OnlyOverOlder"/>; the same state is replaced, so an item
    /// edited in the table at the same version is repaired). A put left out counts in <see cref="BatchWriteStats.Skipped"/>. Events
    /// stay in BatchWriteItem calls. Default <see langword="false"/>. For a backfill while an application writes the table (the online cutover).
    /// </summary>
    public bool PutOnlyOverOlder { get; init; }

    /// <summary>
    /// When set, deletes are conditional DeleteItem calls, one per key, that remove an item only if its <c>updatedAt</c> is before this
    /// time (<see cref="Infrastructure.ItemConditions.OnlyUpdatedBefore"/>): items written since, and items without one (events, alerts),
    /// are kept and counted in <see cref="BatchWriteStats.Skipped"/>. Default <see langword="null"/>: deletes are BatchWriteItem deletes.
    /// </summary>
    public DateTimeOffset? DeleteOnlyUpdatedBefore { get; init; }

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the one out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (MaxParallelism is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxParallelism), MaxParallelism, "MaxParallelism must be between 1 and 64.");
        }

        if (MaxAttempts is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "MaxAttempts must be between 1 and 100.");
        }

        if (BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(BaseDelay), BaseDelay, "BaseDelay must be non-negative and not above MaxDelay.");
        }
    }
}
