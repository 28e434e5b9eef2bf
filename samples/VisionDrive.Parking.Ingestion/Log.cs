using System;
using Microsoft.Extensions.Logging;

namespace VisionDrive.Parking.Ingestion;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Connected to {Broker} as {ClientId} (session present: {SessionPresent}); subscribed to {TopicFilter} with QoS 1")]
    public static partial void Connected(ILogger logger, string broker, string clientId, bool sessionPresent, string topicFilter);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Cannot connect to {Broker} ({Reason}); retrying in {DelayMs} ms")]
    public static partial void ConnectFailed(ILogger logger, string broker, string reason, int delayMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Disconnected from the broker ({Reason}); reconnecting")]
    public static partial void Disconnected(ILogger logger, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Rejected the message on {Topic}: {Reason}; republished to {DeadLetterTopic}")]
    public static partial void DeadLettered(ILogger logger, string topic, string reason, string deadLetterTopic);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Processing the message on {Topic} failed (attempt {Attempt}); retrying in {DelayMs} ms")]
    public static partial void ProcessingFailed(ILogger logger, Exception exception, string topic, int attempt, int delayMs);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Uplink on {Topic}: sensor {SensorId}, event {EventId}, new {Created}, bay changed {BayChanged}")]
    public static partial void Recorded(ILogger logger, string topic, string sensorId, string eventId, bool created, bool bayChanged);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Not acknowledging a message of an earlier connection (the broker redelivers it if it kept the session)")]
    public static partial void StaleAcknowledgement(ILogger logger);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "Acknowledging a message failed: {Reason}")]
    public static partial void AcknowledgeFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Publishing the dead letter for {Topic} failed ({Reason}); retrying")]
    public static partial void DeadLetterPublishFailed(ILogger logger, string topic, string reason);
}
