namespace VisionDrive.Parking.Cutover;

/// <summary>
/// Source-generated log messages of the cutover package: event ids 6000–6999 (docs/architecture.md lists every range); the dual-write
/// store uses 6001–6099, the replication 6100 onwards. Keys are logged (ids and event times), never entity content.
/// </summary>
internal static partial class Log
{
    public const int SecondaryCopyFailedId = 6001;
    public const int ShadowMismatchId = 6002;
    public const int ShadowReadFailedId = 6003;
    public const int KeysUnknownId = 6004;
    public const int ShadowDifferenceSettledId = 6005;

    [LoggerMessage(EventId = SecondaryCopyFailedId, Level = LogLevel.Warning,
        Message = "Dual write: {Operation} succeeded on the primary ({Primary}) but the copy of {Keys} to the secondary failed after {ElapsedMs} ms; the replication applies it later")]
    public static partial void SecondaryCopyFailed(ILogger logger, Exception exception, string operation, string primary, string keys, long elapsedMs);

    [LoggerMessage(EventId = ShadowMismatchId, Level = LogLevel.Warning,
        Message = "Shadow read mismatch on {AccessPattern} ({Arguments}): key {Key}: {Reason}. The primary's ({Primary}) answer was returned")]
    public static partial void ShadowMismatch(ILogger logger, string accessPattern, string arguments, string key, string reason, string primary);

    [LoggerMessage(EventId = ShadowReadFailedId, Level = LogLevel.Warning,
        Message = "Shadow read on {AccessPattern} ({Arguments}) failed on the secondary ({Secondary}); not compared, the primary's answer was returned")]
    public static partial void ShadowReadFailed(ILogger logger, Exception exception, string accessPattern, string arguments, string secondary);

    [LoggerMessage(EventId = ShadowDifferenceSettledId, Level = LogLevel.Debug,
        Message = "Shadow read on {AccessPattern} ({Arguments}) differed, then agreed on recheck {Recheck}: a write was in flight, not a mismatch")]
    public static partial void ShadowDifferenceSettled(ILogger logger, string accessPattern, string arguments, int recheck);

    [LoggerMessage(EventId = KeysUnknownId, Level = LogLevel.Debug,
        Message = "Dual write: {Operation} succeeded on the primary; reading the keys it touched failed, so only {Keys} are copied now (the replication copies the rest)")]
    public static partial void KeysUnknown(ILogger logger, Exception exception, string operation, string keys);

    // The replication (outbox and stream appliers): 6100–6199.
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
