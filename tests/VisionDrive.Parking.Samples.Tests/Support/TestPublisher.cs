using System;
using System.Collections.Concurrent;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.Samples.Tests.Support;

/// <summary>
/// A network-server stand-in: publishes QoS 1 and retries until the broker acknowledges with success. "No matching subscribers" is a
/// retry too (MQTT 5 reason 16: the message was dropped, e.g. while the worker re-subscribes after a broker restart), as is a lost connection.
/// Also collects what arrives on the topics it subscribes to (the dead-letter topic).
/// </summary>
public sealed class TestPublisher : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _options;
    private readonly string? _subscription;

    private TestPublisher(MqttServer server, string? subscription)
    {
        _client = new MqttClientFactory().CreateMqttClient();
        _options = new MqttClientOptionsBuilder().WithTcpServer(server.Host, server.Port).WithClientId("vdp-test-pub-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(true).WithTimeout(TimeSpan.FromSeconds(5)).Build();
        _subscription = subscription;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            Received.Enqueue((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload)));
            return Task.CompletedTask;
        };
    }

    public ConcurrentQueue<(string Topic, string Payload)> Received { get; } = new();

    public int Retries { get; private set; }

    /// <summary>Why publishes were retried: a reason code or an exception type, per attempt.</summary>
    public ConcurrentQueue<string> Failures { get; } = new();

    public static async Task<TestPublisher> ConnectAsync(MqttServer server, string? subscribeTo = null)
    {
        var publisher = new TestPublisher(server, subscribeTo);
        await publisher.EnsureConnectedAsync(CancellationToken.None);
        return publisher;
    }

    public async Task PublishAsync(string topic, string payload, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        while (true)
        {
            cts.Token.ThrowIfCancellationRequested();
            try
            {
                await EnsureConnectedAsync(cts.Token);
                var result = await _client.PublishAsync(message, cts.Token);
                if (result.ReasonCode == MqttClientPublishReasonCode.Success)
                {
                    return;
                }

                Failures.Enqueue(topic + ": " + result.ReasonCode);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cts.IsCancellationRequested)
            {
                Failures.Enqueue(topic + ": " + ex.GetType().Name);
            }

            Retries++;
            await Task.Delay(100, cts.Token);
        }
    }

    private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        while (!_client.IsConnected)
        {
            try
            {
                await _client.ConnectAsync(_options, cancellationToken);
                if (_subscription is not null)
                {
                    await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(_subscription, MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
