using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace VisionDrive.Parking.Ingestion;

/// <summary>Settings of the ingestion worker (section <c>Ingestion</c>; environment <c>Ingestion__Broker</c>, …). Defaults as written.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>
    /// The broker: <c>mqtt://host:port</c> (plain TCP, port 1883 by default; for a broker on the same host or network only) or
    /// <c>mqtts://host:port</c> (TLS, port 8883 by default: the broker's certificate and host name are verified — against the system trust
    /// store, or <see cref="CaFile"/>). Default <c>mqtt://127.0.0.1:1883</c>.
    /// </summary>
    public string Broker { get; set; } = "mqtt://127.0.0.1:1883";

    /// <summary>For <c>mqtts://</c>: a PEM file of the CA certificate(s) to trust for the broker instead of the system trust store (e.g. Amazon Root CA 1 for AWS IoT Core).</summary>
    public string? CaFile { get; set; }

    /// <summary>For <c>mqtts://</c> with mutual TLS (AWS IoT Core): the worker's certificate, PEM. Needs <see cref="ClientKeyFile"/>.</summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary>The private key of <see cref="ClientCertificateFile"/>, PEM (unencrypted; keep the file readable by the worker only).</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>Fixed client id, so the broker keeps this worker's session (subscriptions and QoS 1 messages) while it is away.</summary>
    public string ClientId { get; set; } = "visiondrive-parking-ingestion";

    /// <summary>Uplink topics: <c>visiondrive/{tenant}/sensors/{devEui}/up</c>, subscribed with QoS 1.</summary>
    public string TopicFilter { get; set; } = "visiondrive/+/sensors/+/up";

    /// <summary>Rejected messages are republished (QoS 1) to <c>{prefix}/{original topic}</c> with the reason (default <c>visiondrive/deadletter</c>).</summary>
    public string DeadLetterTopicPrefix { get; set; } = "visiondrive/deadletter";

    /// <summary>How long the broker keeps the session after a disconnect (default 1 day).</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Keep-alive interval (default 15 s): a dead connection is noticed within 1.5 × this.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First reconnect delay (default 0.5 s); doubles up to <see cref="ReconnectMaxDelay"/>, with jitter.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Largest reconnect delay (default 30 s).</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Devices are spread over this many ordered lanes by DevEUI hash (default 8): concurrency is bounded, each device stays in order.</summary>
    public int Partitions { get; set; } = 8;

    /// <summary>Messages buffered per lane before the MQTT receive loop waits (default 64).</summary>
    public int PartitionCapacity { get; set; } = 64;

    /// <summary>A LOW_BATTERY alert is raised below this voltage (default 3.2 V).</summary>
    public double LowBatteryVolts { get; set; } = 3.2;

    /// <summary>An open LOW_BATTERY alert is resolved at or above this voltage (default 3.3 V; hysteresis so a reading that hovers does not flap).</summary>
    public double BatteryRecoveredVolts { get; set; } = 3.3;

    /// <summary>Uplinks stamped further ahead of the clock are rejected (default 5 minutes): a wrong clock must not pin a bay's status.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest accepted payload (default 64 KiB).</summary>
    public int MaxPayloadBytes { get; set; } = 64 * 1024;

    internal Uri BrokerUri => new(Broker);

    internal IReadOnlyList<string> GetValidationErrors()
    {
        var errors = new List<string>();
        var tls = false;
        if (!Uri.TryCreate(Broker, UriKind.Absolute, out var uri) || uri.Scheme is not ("mqtt" or "mqtts") || string.IsNullOrEmpty(uri.Host))
        {
            errors.Add($"Ingestion:Broker '{Broker}' is not an mqtt://host:port or mqtts://host:port URL.");
        }
        else
        {
            tls = uri.Scheme == "mqtts";
        }

        foreach (var (name, file) in new[] { ("CaFile", CaFile), ("ClientCertificateFile", ClientCertificateFile), ("ClientKeyFile", ClientKeyFile) })
        {
            if (string.IsNullOrWhiteSpace(file))
            {
                continue;
            }

            if (!tls)
            {
                errors.Add($"Ingestion:{name} is set but Ingestion:Broker is not mqtts://: the connection would not use TLS. Use an mqtts:// broker URL.");
            }
            else if (!System.IO.File.Exists(file))
            {
                errors.Add($"Ingestion:{name} '{file}' does not exist.");
            }
        }

        if (string.IsNullOrWhiteSpace(ClientCertificateFile) != string.IsNullOrWhiteSpace(ClientKeyFile))
        {
            errors.Add("Ingestion:ClientCertificateFile and Ingestion:ClientKeyFile go together: set both (mutual TLS) or neither.");
        }

        if (string.IsNullOrWhiteSpace(ClientId) || ClientId.Length > 128)
        {
            errors.Add("Ingestion:ClientId must be set (1 to 128 characters) and fixed, so the broker keeps the session across restarts of the worker.");
        }

        if (string.IsNullOrWhiteSpace(TopicFilter))
        {
            errors.Add("Ingestion:TopicFilter is empty: use e.g. visiondrive/+/sensors/+/up.");
        }

        if (string.IsNullOrWhiteSpace(DeadLetterTopicPrefix) || DeadLetterTopicPrefix.Contains('+', StringComparison.Ordinal) || DeadLetterTopicPrefix.Contains('#', StringComparison.Ordinal))
        {
            errors.Add("Ingestion:DeadLetterTopicPrefix must be a topic without wildcards, e.g. visiondrive/deadletter.");
        }

        if (Partitions is < 1 or > 256)
        {
            errors.Add($"Ingestion:Partitions is {Partitions}: use 1 to 256.");
        }

        if (PartitionCapacity is < 1 or > 10_000)
        {
            errors.Add($"Ingestion:PartitionCapacity is {PartitionCapacity}: use 1 to 10000.");
        }

        if (!(LowBatteryVolts > 0) || BatteryRecoveredVolts < LowBatteryVolts)
        {
            errors.Add($"Ingestion:LowBatteryVolts ({LowBatteryVolts}) must be positive and not above BatteryRecoveredVolts ({BatteryRecoveredVolts}).");
        }

        if (ReconnectMinDelay <= TimeSpan.Zero || ReconnectMaxDelay < ReconnectMinDelay)
        {
            errors.Add("Ingestion:ReconnectMinDelay must be positive and not above ReconnectMaxDelay.");
        }

        if (SessionExpiry < TimeSpan.FromSeconds(1) || SessionExpiry.TotalSeconds > uint.MaxValue)
        {
            errors.Add("Ingestion:SessionExpiry must be at least one second (the broker then keeps the session while the worker is away).");
        }

        return errors;
    }

    internal sealed class Validator : IValidateOptions<IngestionOptions>
    {
        public ValidateOptionsResult Validate(string? name, IngestionOptions options)
        {
            var errors = options.GetValidationErrors();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
