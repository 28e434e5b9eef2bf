using System;
using Microsoft.Extensions.Logging;

namespace VisionDrive.Parking.Data.DynamoDb.Provisioning;

/// <summary>Source-generated log messages of table provisioning: event ids 1100–1199 (the DynamoDB package owns 1000–1999; docs/architecture.md lists every range).</summary>
internal static partial class Log
{
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
}
