using System;
using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using VisionDrive.Parking.Ingestion.Processing;

namespace VisionDrive.Parking.Ingestion.Mqtt;

/// <summary>
/// The MQTT side: one persistent session (fixed client id, clean start off, session expiry) subscribed with QoS 1; every message goes to
/// the lane of its device and is acknowledged only after it was recorded or dead-lettered, so a crash or a lost connection means a
/// redelivery (harmless: recording is idempotent), never a loss. Reconnects with capped, jittered exponential backoff and subscribes again
/// after every connect (a restarted broker without persistence has forgotten the session).
/// </summary>
internal sealed class MqttIngestionService(
    UplinkProcessor processor, IngestionMetrics metrics, IOptions<IngestionOptions> options, TimeProvider clock, ILogger<MqttIngestionService> logger) : BackgroundService
{
    private readonly IngestionOptions _options = options.Value;
    private readonly MqttClientFactory _factory = new();
    private IMqttClient? _client;
    private UplinkLanes<Received>? _lanes;
    private int _generation;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var client = _factory.CreateMqttClient();
        _client = client;
        _lanes = new UplinkLanes<Received>(_options.Partitions, _options.PartitionCapacity, HandleAsync, stoppingToken);
        var disconnected = new SemaphoreSlim(0);
        client.ApplicationMessageReceivedAsync += OnMessageAsync;
        client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
            {
                Log.Disconnected(logger, e.Exception?.Message ?? e.Reason.ToString());
                disconnected.Release();
            }

            return Task.CompletedTask;
        };

        var broker = _options.BrokerUri;
        var tls = broker.Scheme == "mqtts";
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port > 0 ? broker.Port : tls ? 8883 : 1883);
        if (tls)
        {
            builder = builder.WithTlsOptions(BrokerTls.Configure(_options, broker.Host));
        }

        var clientOptions = builder
            .WithClientId(_options.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)_options.SessionExpiry.TotalSeconds)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithReceiveMaximum((ushort)Math.Min(ushort.MaxValue, _options.Partitions * _options.PartitionCapacity))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();

        var delay = _options.ReconnectMinDelay;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (!client.IsConnected)
                {
                    try
                    {
                        var result = await client.ConnectAsync(clientOptions, stoppingToken);
                        Interlocked.Increment(ref _generation);
                        var subscription = await client.SubscribeAsync(
                            _factory.CreateSubscribeOptionsBuilder().WithTopicFilter(_options.TopicFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                            stoppingToken);
                        foreach (var item in subscription.Items)
                        {
                            if (item.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2)
                            {
                                throw new InvalidOperationException($"The broker refused the subscription to {_options.TopicFilter}: {item.ResultCode}.");
                            }
                        }

                        metrics.OnConnected();
                        Log.Connected(logger, broker.ToString(), _options.ClientId, result.IsSessionPresent, _options.TopicFilter);
                        delay = _options.ReconnectMinDelay;
                        while (disconnected.CurrentCount > 0)
                        {
                            await disconnected.WaitAsync(stoppingToken);
                        }
                    }
                    catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                    {
                        var wait = Jitter(delay);
                        Log.ConnectFailed(logger, broker.ToString(), ex.Message, (int)wait.TotalMilliseconds);
                        if (client.IsConnected)
                        {
                            await client.DisconnectAsync(cancellationToken: CancellationToken.None);
                        }

                        await Task.Delay(wait, clock, stoppingToken);
                        delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconnectMaxDelay.Ticks));
                        continue;
                    }
                }

                // Woken by a disconnect, or every few seconds to check (a failed keep-alive is also reported as a disconnect).
                await disconnected.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await _lanes.CompleteAsync();
            if (client.IsConnected)
            {
                // A normal disconnect keeps the session for SessionExpiry: messages published meanwhile wait for the next start.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or MqttCommunicationException)
                {
                }
            }

            disconnected.Dispose();
        }
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        e.AutoAcknowledge = false;
        metrics.OnReceived();
        var topic = e.ApplicationMessage.Topic;
        var payload = e.ApplicationMessage.Payload.ToArray();
        var received = new Received(topic, payload, e, Volatile.Read(ref _generation));
        var segments = topic.Split('/');
        var deviceKey = segments.Length >= 2 ? VisionDrive.Parking.Data.Keys.DevEui.Normalize(segments[^2]) : topic;
        await _lanes!.EnqueueAsync(deviceKey, received, CancellationToken.None);
    }

    private async Task HandleAsync(Received message, CancellationToken stoppingToken)
    {
        UplinkOutcome outcome;
        var attempt = 0;
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                outcome = await processor.ProcessAsync(message.Topic, message.Payload, stoppingToken);
                break;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The store did not answer: keep the device's order by retrying this message before the next one.
                attempt++;
                metrics.OnRetry();
                var wait = Jitter(delay);
                Log.ProcessingFailed(logger, ex, message.Topic, attempt, (int)wait.TotalMilliseconds);
                await Task.Delay(wait, clock, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }

        if (outcome.Rejected)
        {
            await PublishDeadLetterAsync(message, outcome.RejectReason!, stoppingToken);
            metrics.OnDeadLettered();
        }
        else
        {
            metrics.OnRecorded(outcome.Created);
            Log.Recorded(logger, message.Topic, outcome.SensorId!, outcome.EventId!, outcome.Created, outcome.BayStatusChanged);
        }

        await AcknowledgeAsync(message, stoppingToken);
    }

    private async Task AcknowledgeAsync(Received message, CancellationToken stoppingToken)
    {
        // A packet id is only meaningful on the connection it came from: after a reconnect the broker may have reused it for another message.
        if (message.Generation != Volatile.Read(ref _generation) || _client is not { IsConnected: true })
        {
            Log.StaleAcknowledgement(logger);
            return;
        }

        try
        {
            await message.Args.AcknowledgeAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException or ObjectDisposedException)
        {
            Log.AcknowledgeFailed(logger, ex.Message);
        }
    }

    private async Task PublishDeadLetterAsync(Received message, string reason, CancellationToken stoppingToken)
    {
        var topic = _options.DeadLetterTopicPrefix.TrimEnd('/') + "/" + message.Topic;
        Log.DeadLettered(logger, message.Topic, reason, topic);
        var body = JsonSerializer.SerializeToUtf8Bytes(new DeadLetter(
            reason, message.Topic, clock.GetUtcNow(), TryUtf8(message.Payload), Convert.ToBase64String(message.Payload)));
        var deadLetter = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(body)
            .WithContentType("application/json")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithUserProperty("reason", new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes(reason.Length > 200 ? reason[..200] : reason)))
            .Build();
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                if (_client is { IsConnected: true } client)
                {
                    await client.PublishAsync(deadLetter, stoppingToken);
                    return;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is not OperationCanceledException)
            {
                Log.DeadLetterPublishFailed(logger, message.Topic, ex.Message);
            }

            metrics.OnRetry();
            await Task.Delay(Jitter(delay), clock, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
        }
    }

    private static string? TryUtf8(byte[] payload)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static TimeSpan Jitter(TimeSpan delay) => delay * (0.8 + (Random.Shared.NextDouble() * 0.4));

    private sealed record Received(string Topic, byte[] Payload, MqttApplicationMessageReceivedEventArgs Args, int Generation);

    /// <summary>The dead-letter message: why, the original topic, when, and the original payload (as text when it is UTF-8, always as base64).</summary>
    private sealed record DeadLetter(
        [property: System.Text.Json.Serialization.JsonPropertyName("reason")] string Reason,
        [property: System.Text.Json.Serialization.JsonPropertyName("topic")] string Topic,
        [property: System.Text.Json.Serialization.JsonPropertyName("rejectedAt")] DateTimeOffset RejectedAt,
        [property: System.Text.Json.Serialization.JsonPropertyName("payload")] string? Payload,
        [property: System.Text.Json.Serialization.JsonPropertyName("payloadBase64")] string PayloadBase64);
}
