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

    [LoggerMessage(EventId = SecondaryCopyFailedId, Level = LogLevel.Warning,
        Message = "Dual write: {Operation} succeeded on the primary ({Primary}) but the copy of {Keys} to the secondary failed after {ElapsedMs} ms; the replication applies it later")]
    public static partial void SecondaryCopyFailed(ILogger logger, Exception exception, string operation, string primary, string keys, long elapsedMs);

    [LoggerMessage(EventId = ShadowMismatchId, Level = LogLevel.Warning,
        Message = "Shadow read mismatch on {AccessPattern} ({Arguments}): key {Key}: {Reason}. The primary's ({Primary}) answer was returned")]
    public static partial void ShadowMismatch(ILogger logger, string accessPattern, string arguments, string key, string reason, string primary);

    [LoggerMessage(EventId = ShadowReadFailedId, Level = LogLevel.Warning,
        Message = "Shadow read on {AccessPattern} ({Arguments}) failed on the secondary ({Secondary}); not compared, the primary's answer was returned")]
    public static partial void ShadowReadFailed(ILogger logger, Exception exception, string accessPattern, string arguments, string secondary);

    [LoggerMessage(EventId = KeysUnknownId, Level = LogLevel.Debug,
        Message = "Dual write: {Operation} succeeded on the primary; reading the keys it touched failed, so only {Keys} are copied now (the replication copies the rest)")]
    public static partial void KeysUnknown(ILogger logger, Exception exception, string operation, string keys);
}
