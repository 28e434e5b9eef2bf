using System;

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
    /// the writer gives up and reports the items it could not write. Default 12 (1 to 100).
    /// </summary>
    public int MaxAttempts { get; init; } = 12;

    /// <summary>The first backoff delay; doubles on each attempt, with full jitter. Default 50 ms.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The cap on one backoff delay. Default 5 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

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
