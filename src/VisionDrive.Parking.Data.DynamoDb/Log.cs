namespace VisionDrive.Parking.Data.DynamoDb;

/// <summary>
/// Source-generated log messages of the DynamoDB package: event ids 1000–1999, one range per area (docs/architecture.md lists every range).
/// </summary>
internal static partial class Log
{
    // Table provisioning (`TableProvisioner`): 1100–1199.
    public const int TableExistsId = 1100;
    public const int CreatingTableId = 1101;
    public const int TableCreatedId = 1102;
    public const int WaitingForTableId = 1103;
    public const int TtlEnabledId = 1104;
    public const int TtlAlreadyEnabledId = 1105;
    public const int NotPayPerRequestId = 1106;
    public const int StreamEnabledId = 1107;
    public const int StreamAlreadyEnabledId = 1108;

    [LoggerMessage(EventId = TableExistsId, Level = LogLevel.Information, Message = "Table {TableName} exists (status {Status}); checking its schema.")]
    public static partial void TableExists(ILogger logger, string tableName, string status);

    [LoggerMessage(EventId = CreatingTableId, Level = LogLevel.Information, Message = "Creating table {TableName} (PK/SK, GSI1, GSI2, pay per request).")]
    public static partial void CreatingTable(ILogger logger, string tableName);

    [LoggerMessage(EventId = TableCreatedId, Level = LogLevel.Information, Message = "Table {TableName} is ACTIVE after {Elapsed}.")]
    public static partial void TableActive(ILogger logger, string tableName, string elapsed);

    [LoggerMessage(EventId = WaitingForTableId, Level = LogLevel.Debug, Message = "Table {TableName} is {Status}; checking again in {Delay}.")]
    public static partial void WaitingForTable(ILogger logger, string tableName, string status, string delay);

    [LoggerMessage(EventId = TtlEnabledId, Level = LogLevel.Information, Message = "Enabled TTL on attribute {Attribute} of table {TableName}.")]
    public static partial void TtlEnabled(ILogger logger, string tableName, string attribute);

    [LoggerMessage(EventId = TtlAlreadyEnabledId, Level = LogLevel.Debug, Message = "TTL on attribute {Attribute} of table {TableName} is already {Status}.")]
    public static partial void TtlAlreadyEnabled(ILogger logger, string tableName, string attribute, string status);

    [LoggerMessage(EventId = NotPayPerRequestId, Level = LogLevel.Warning, Message = "Table {TableName} uses billing mode {BillingMode}, not PAY_PER_REQUEST; it is kept as it is. Bulk loads may be throttled at its provisioned capacity.")]
    public static partial void NotPayPerRequest(ILogger logger, string tableName, string billingMode);

    [LoggerMessage(EventId = StreamEnabledId, Level = LogLevel.Information, Message = "Enabled the stream ({ViewType}) of table {TableName}: {StreamArn}.")]
    public static partial void StreamEnabled(ILogger logger, string tableName, string viewType, string streamArn);

    [LoggerMessage(EventId = StreamAlreadyEnabledId, Level = LogLevel.Debug, Message = "The stream of table {TableName} is already enabled ({ViewType}): {StreamArn}.")]
    public static partial void StreamAlreadyEnabled(ILogger logger, string tableName, string viewType, string streamArn);

    // The batch writer (`DynamoDbBatchWriter`): 1200–1299.
    internal const int RetryingId = 1201;
    internal const int UnprocessedId = 1202;
    internal const int GaveUpId = 1203;

    [LoggerMessage(EventId = RetryingId, Level = LogLevel.Debug, Message = "BatchWriteItem on {Table}: attempt {Attempt} failed with {Error}; retrying with backoff")]
    internal static partial void Retrying(ILogger logger, string table, int attempt, string error);

    [LoggerMessage(EventId = UnprocessedId, Level = LogLevel.Debug, Message = "BatchWriteItem on {Table}: {Count} unprocessed items after attempt {Attempt}; resubmitting with backoff")]
    internal static partial void Unprocessed(ILogger logger, string table, int count, int attempt);

    [LoggerMessage(EventId = GaveUpId, Level = LogLevel.Error, Message = "BatchWriteItem on {Table}: {Count} items not written after {Attempts} attempts")]
    internal static partial void GaveUp(ILogger logger, string table, int count, int attempts);

    // The store (`DynamoDbParkingStore`): 1300–1399.
    internal const int EventRedeliveredId = 1301;
    internal const int BayNotFoundId = 1302;
    internal const int StaleBayStatusId = 1303;
    internal const int AlertUpdateRaceId = 1304;
    internal const int WriteRaceId = 1305;

    [LoggerMessage(EventId = EventRedeliveredId, Level = LogLevel.Debug, Message = "Event {EventId} of sensor {SensorId} was already recorded (a redelivery); nothing new written.")]
    public static partial void EventRedelivered(ILogger logger, string eventId, string sensorId);

    [LoggerMessage(EventId = BayNotFoundId, Level = LogLevel.Debug, Message = "{Kind} event {EventId}: sensor {SensorId} has no bay in table {Table} (unknown sensor, no bay assigned, or bay item missing); no bay status updated.")]
    public static partial void BayNotFound(ILogger logger, string kind, string eventId, string sensorId, string table);

    [LoggerMessage(EventId = StaleBayStatusId, Level = LogLevel.Debug, Message = "{Kind} event {EventId} is not newer than the status bay {BayId} holds (out-of-order or repeated delivery); bay status kept.")]
    public static partial void StaleBayStatus(ILogger logger, string kind, string eventId, string bayId);

    [LoggerMessage(EventId = AlertUpdateRaceId, Level = LogLevel.Debug, Message = "Alert {AlertId} changed while it was being updated to {Status}; reading it again.")]
    public static partial void AlertUpdateRace(ILogger logger, string alertId, string status);

    [LoggerMessage(EventId = WriteRaceId, Level = LogLevel.Debug, Message = "Write of {EntityType} {EntityId}: an item changed between the read and the write (attempt {Attempt}); reading again.")]
    public static partial void WriteRace(ILogger logger, string entityType, string entityId, int attempt);
}
