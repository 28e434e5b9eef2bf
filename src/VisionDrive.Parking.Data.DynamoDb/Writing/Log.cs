using Microsoft.Extensions.Logging;

namespace VisionDrive.Parking.Data.DynamoDb.Writing;

/// <summary>Log messages of <see cref="DynamoDbBatchWriter"/>: event ids 1200–1299 (the DynamoDB package owns 1000–1999; docs/architecture.md lists every range).</summary>
internal static partial class Log
{
    internal const int RetryingId = 1201;
    internal const int UnprocessedId = 1202;
    internal const int GaveUpId = 1203;

    [LoggerMessage(EventId = RetryingId, Level = LogLevel.Debug, Message = "BatchWriteItem on {Table}: attempt {Attempt} failed with {Error}; retrying with backoff")]
    internal static partial void Retrying(ILogger logger, string table, int attempt, string error);

    [LoggerMessage(EventId = UnprocessedId, Level = LogLevel.Debug, Message = "BatchWriteItem on {Table}: {Count} unprocessed items after attempt {Attempt}; resubmitting with backoff")]
    internal static partial void Unprocessed(ILogger logger, string table, int count, int attempt);

    [LoggerMessage(EventId = GaveUpId, Level = LogLevel.Error, Message = "BatchWriteItem on {Table}: {Count} items not written after {Attempts} attempts")]
    internal static partial void GaveUp(ILogger logger, string table, int count, int attempts);
}
