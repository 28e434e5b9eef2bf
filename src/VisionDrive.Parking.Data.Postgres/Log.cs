namespace VisionDrive.Parking.Data.Postgres;

/// <summary>Source-generated log messages of the PostgreSQL store and readers: event ids 5000–5999 (docs/architecture.md lists every range). No message ever carries a password.</summary>
internal static partial class Log
{
    public const int InsecureTlsId = 5001;
    public const int DataSourceCreatedId = 5002;
    public const int RowFailedId = 5003;
    public const int ReaderPageId = 5004;
    // 5005 (dataset seeded) moved with the datasets to VisionDrive.Parking.Datasets; do not reuse it.

    [LoggerMessage(EventId = InsecureTlsId, Level = LogLevel.Warning,
        Message = "INSECURE TLS: AllowInsecureTls is set and the connection to {Host} uses SSL Mode={SslMode}. The server's certificate may not be verified: a man in the middle can read the data and the password. Use SSL Mode=VerifyFull with the server's CA (RootCertificatePath) for anything but a local test.")]
    public static partial void InsecureTls(ILogger logger, string sslMode, string host);

    [LoggerMessage(EventId = DataSourceCreatedId, Level = LogLevel.Debug,
        Message = "PostgreSQL data source for {Host}:{Port}/{Database} as {Username}, SSL Mode={SslMode}")]
    public static partial void DataSourceCreated(ILogger logger, string host, int port, string database, string username, string sslMode);

    [LoggerMessage(EventId = RowFailedId, Level = LogLevel.Warning,
        Message = "Source row {Table} '{PrimaryKey}' cannot become an entity: column {Column}: {Reason}")]
    public static partial void RowFailed(ILogger logger, string table, string primaryKey, string column, string reason);

    [LoggerMessage(EventId = ReaderPageId, Level = LogLevel.Trace,
        Message = "Read {Count} rows of {Table} after key {AfterKey}")]
    public static partial void ReaderPage(ILogger logger, int count, string table, string afterKey);
}
