namespace VisionDrive.Parking.Migration;

/// <summary>Log messages of the migration engine: event ids 3000–3999 (docs/architecture.md lists every range).</summary>
internal static partial class Log
{
    internal const int TableStartingId = 3001;
    internal const int TableDoneId = 3002;
    internal const int TableAlreadyDoneId = 3003;
    internal const int TableFailedId = 3004;
    internal const int SourceLostId = 3005;
    internal const int VerifyMismatchId = 3010;
    internal const int UnknownItemId = 3011;
    internal const int SyncPlanId = 3020;
    internal const int SyncKeyConflictId = 3021;
    internal const int OnlineDeletedRemovedId = 3030;

    [LoggerMessage(EventId = TableStartingId, Level = LogLevel.Information, Message = "{Entity}: migrating {Total} source rows from the {From}")]
    internal static partial void TableStarting(ILogger logger, string entity, long total, string from);

    [LoggerMessage(EventId = TableDoneId, Level = LogLevel.Information, Message = "{Entity}: {Read} rows read, {Written} items written, {Rejected} rejected")]
    internal static partial void TableDone(ILogger logger, string entity, long read, long written, long rejected);

    [LoggerMessage(EventId = TableAlreadyDoneId, Level = LogLevel.Information, Message = "{Entity}: already migrated according to the checkpoint")]
    internal static partial void TableAlreadyDone(ILogger logger, string entity);

    [LoggerMessage(EventId = TableFailedId, Level = LogLevel.Error, Message = "{Entity}: stopped after {Read} acknowledged rows ({Error}); the checkpoint is saved, rerun to resume")]
    internal static partial void TableFailed(ILogger logger, string entity, long read, string error);

    [LoggerMessage(EventId = SourceLostId, Level = LogLevel.Warning, Message = "{Entity}: the source connection was lost ({Error}); resuming from the checkpoint ({Read} rows) in {DelaySeconds:0.#} s, reconnect {Attempt} of {Attempts}")]
    internal static partial void SourceLost(ILogger logger, string entity, string error, long read, double delaySeconds, int attempt, int attempts);

    [LoggerMessage(EventId = VerifyMismatchId, Level = LogLevel.Warning, Message = "{Entity}: source and target differ ({Missing} missing, {Extra} extra, {Different} different)")]
    internal static partial void VerifyMismatch(ILogger logger, string entity, long missing, long extra, long different);

    [LoggerMessage(EventId = UnknownItemId, Level = LogLevel.Warning, Message = "The target holds {Count} items that no entity type claims (no entityType, or an unknown one), e.g. {Key}: extra, so not verified; sync deletes them")]
    internal static partial void UnclaimedItems(ILogger logger, long count, string key);

    [LoggerMessage(EventId = SyncKeyConflictId, Level = LogLevel.Information, Message = "{Key}: the target's item there is a {TargetType}, the source's a {SourceType}: sync puts the {SourceType} over it (no delete)")]
    internal static partial void SyncKeyConflict(ILogger logger, string key, string targetType, string sourceType);

    [LoggerMessage(EventId = SyncPlanId, Level = LogLevel.Information, Message = "{Entity}: sync {Mode}: {Puts} puts, {Deletes} deletes")]
    internal static partial void SyncPlan(ILogger logger, string entity, string mode, long puts, long deletes);

    // Upload and Import from S3 (`ExportUploader`, `DynamoDbImporter`): 3100–3199.
    internal const int ObjectSkippedId = 3101;
    internal const int ObjectUploadedId = 3102;
    internal const int ImportStartedId = 3110;
    internal const int ImportProgressId = 3111;
    internal const int ImportFinishedId = 3112;

    [LoggerMessage(EventId = OnlineDeletedRemovedId, Level = LogLevel.Information, Message = "Online: {Removed} items of rows deleted during the run removed from the table again ({Tombstones} deletions since the run started)")]
    internal static partial void OnlineDeletedRemoved(ILogger logger, long removed, int tombstones);

    [LoggerMessage(EventId = ObjectSkippedId, Level = LogLevel.Debug, Message = "s3://{Bucket}/{Key}: already uploaded with SHA-256 {Sha256}, skipped")]
    internal static partial void ObjectSkipped(ILogger logger, string bucket, string key, string sha256);

    [LoggerMessage(EventId = ObjectUploadedId, Level = LogLevel.Information, Message = "s3://{Bucket}/{Key}: uploaded {Bytes} bytes")]
    internal static partial void ObjectUploaded(ILogger logger, string bucket, string key, long bytes);

    [LoggerMessage(EventId = ImportStartedId, Level = LogLevel.Information, Message = "Import {ImportArn} into table {Table} from s3://{Bucket}/{Prefix}: {Status}")]
    internal static partial void ImportStarted(ILogger logger, string importArn, string table, string bucket, string prefix, string status);

    [LoggerMessage(EventId = ImportProgressId, Level = LogLevel.Information, Message = "Import {ImportArn}: {Status}, {Processed} items processed")]
    internal static partial void ImportProgress(ILogger logger, string importArn, string status, long processed);

    [LoggerMessage(EventId = ImportFinishedId, Level = LogLevel.Information, Message = "Import {ImportArn}: {Status}: {Imported} imported, {Processed} processed, {Errors} errors (expected {Expected})")]
    internal static partial void ImportFinished(ILogger logger, string importArn, string status, long imported, long processed, long errors, long expected);
}
