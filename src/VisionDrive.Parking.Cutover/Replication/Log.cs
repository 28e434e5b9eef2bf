namespace VisionDrive.Parking.Cutover.Replication;

/// <summary>Source-generated log messages of the replication: event ids 6100–6199 (the Cutover package owns 6000–6999; docs/architecture.md).</summary>
internal static partial class Log
{
    public const int OutboxDrainedId = 6101;
    public const int OutboxSecondaryDownId = 6102;
    public const int OutboxKeyPendingId = 6103;
    public const int StreamAppliedId = 6111;
    public const int StreamSecondaryDownId = 6112;
    public const int StreamRecordPendingId = 6113;
    public const int StreamNoStreamId = 6114;
    public const int StreamTrimmedId = 6115;
    public const int StreamRecordSkippedId = 6116;

    [LoggerMessage(EventId = OutboxDrainedId, Level = LogLevel.Debug, Message = "Outbox: applied {Keys} keys ({Rows} rows) to DynamoDB.")]
    public static partial void OutboxDrained(ILogger logger, int keys, int rows);

    [LoggerMessage(EventId = OutboxSecondaryDownId, Level = LogLevel.Warning, Message = "Outbox: DynamoDB cannot be written ({Reason}); {Pending} rows stay in vdp_outbox, next attempt in {Delay}.")]
    public static partial void OutboxSecondaryDown(ILogger logger, string reason, long pending, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = OutboxKeyPendingId, Level = LogLevel.Warning, Message = "Outbox: {EntityType} '{EntityId}' cannot be copied to DynamoDB yet ({Reason}); its rows stay and are retried.")]
    public static partial void OutboxKeyPending(ILogger logger, string entityType, string entityId, string reason);

    [LoggerMessage(EventId = StreamAppliedId, Level = LogLevel.Debug, Message = "Stream: applied {Records} records of shard {ShardId} to PostgreSQL, checkpoint {SequenceNumber}.")]
    public static partial void StreamApplied(ILogger logger, int records, string shardId, string sequenceNumber);

    [LoggerMessage(EventId = StreamSecondaryDownId, Level = LogLevel.Warning, Message = "Stream: cannot apply to PostgreSQL or read the stream ({Reason}); {Pending} records or copies pending, next attempt in {Delay}.")]
    public static partial void StreamSecondaryDown(ILogger logger, string reason, long pending, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = StreamRecordPendingId, Level = LogLevel.Warning, Message = "Stream: {EntityType} '{EntityId}' (shard {ShardId}, sequence {SequenceNumber}) cannot be applied to PostgreSQL yet ({Reason}); the shard waits and retries.")]
    public static partial void StreamRecordPending(ILogger logger, string entityType, string entityId, string shardId, string sequenceNumber, string reason);

    [LoggerMessage(EventId = StreamNoStreamId, Level = LogLevel.Warning, Message = "Stream: table {TableName} has no stream; enable it (NEW_AND_OLD_IMAGES) with TableProvisioner.EnsureStreamAsync. Next check in {Delay}.")]
    public static partial void StreamNoStream(ILogger logger, string tableName, TimeSpan delay);

    [LoggerMessage(EventId = StreamTrimmedId, Level = LogLevel.Warning, Message = "Stream: the checkpoint {SequenceNumber} of shard {ShardId} is older than the stream keeps (24 hours); reading from the oldest record kept. Changes in between may be missing: run `vdp sync` to PostgreSQL.")]
    public static partial void StreamTrimmed(ILogger logger, string shardId, string sequenceNumber);

    [LoggerMessage(EventId = StreamRecordSkippedId, Level = LogLevel.Warning, Message = "Stream: record {SequenceNumber} of shard {ShardId} (PK={Pk} SK={Sk}) is not an entity this library can map ({Reason}); skipped.")]
    public static partial void StreamRecordSkipped(ILogger logger, string shardId, string sequenceNumber, string pk, string sk, string reason);
}
