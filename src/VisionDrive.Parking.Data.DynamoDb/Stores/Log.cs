using Microsoft.Extensions.Logging;

namespace VisionDrive.Parking.Data.DynamoDb.Stores;

/// <summary>Log messages of <see cref="DynamoDbParkingStore"/>: event ids 1300–1399 (the DynamoDB package owns 1000–1999; docs/architecture.md lists every range).</summary>
internal static partial class Log
{
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
