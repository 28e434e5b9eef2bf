using Microsoft.Extensions.Logging;

namespace VisionDrive.Parking.Migration.Import;

internal static partial class Log
{
    internal const int ObjectSkippedId = 3101;
    internal const int ObjectUploadedId = 3102;
    internal const int ImportStartedId = 3110;
    internal const int ImportProgressId = 3111;
    internal const int ImportFinishedId = 3112;

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
