using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Datasets;
using VisionDrive.Parking.Samples.Tests.Support;
using static VisionDrive.Parking.Samples.Tests.Support.Uplinks;

namespace VisionDrive.Parking.Samples.Tests.Cutover;

/// <summary>
/// Continuous traffic for the cutover test, bounded in count and time: sensors publishing QoS 1 uplinks (about 20 a second, a bay changing on every fourth uplink of its sensor, at most
/// <see cref="MaxUplinks"/>) and an API client that creates, renames and deletes zones, acknowledges and resolves alerts, and reads every
/// kind of resource, always on the API that takes the traffic now (<see cref="CutoverRig.Api"/>). A request that meets an instance as it is
/// replaced is sent again (a write's retry accepts the answer its first attempt would have left: 409 for a create, 404 for a delete).
/// </summary>
internal sealed class CutoverLoad : IAsyncDisposable
{
    public const int Sensors = 12;
    public const int MaxUplinks = 8_000;
    private static readonly TimeSpan UplinkSpacing = TimeSpan.FromMilliseconds(50);

    private readonly CutoverRig _rig;
    private readonly TestPublisher _publisher;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly List<string> _alerts;
    private readonly Task _uplinks;
    private readonly Task _requests;
    private int _published;
    private int _writes;
    private int _reads;

    private CutoverLoad(CutoverRig rig, TestPublisher publisher, List<string> alerts)
    {
        _rig = rig;
        _publisher = publisher;
        _alerts = alerts;
        Start = DateTimeOffset.UtcNow.AddMinutes(-60);
        Start = Start.AddTicks(-(Start.Ticks % TimeSpan.TicksPerSecond));
        _uplinks = Task.Run(PublishAsync);
        _requests = Task.Run(RequestAsync);
    }

    /// <summary>The time of the first uplink; uplink n is at <c>Start + n × 50 ms</c>.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The event id of every uplink the broker acknowledged.</summary>
    public ConcurrentQueue<string> PublishedEventIds { get; } = new();

    public int Published => Volatile.Read(ref _published);

    public int Writes => Volatile.Read(ref _writes);

    public int Reads => Volatile.Read(ref _reads);

    /// <summary>Requests that did not get an expected answer, with the answer.</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    public static IEnumerable<string> SensorIds => Enumerable.Range(1, Sensors).Select(SensorId);

    /// <summary>The time range holding every uplink of this load.</summary>
    public TimeRange Range => new(Start.AddSeconds(-1), Start + (UplinkSpacing * MaxUplinks) + TimeSpan.FromSeconds(1));

    public static async Task<CutoverLoad> StartAsync(CutoverRig rig)
    {
        var open = await rig.Api.Client.GetFromJsonAsync<JsonObject>("/alerts?status=OPEN&limit=100");
        var alerts = open!["items"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ToList();
        alerts.Should().NotBeEmpty("the guide has open alerts to acknowledge and resolve");
        return new CutoverLoad(rig, await TestPublisher.ConnectAsync(rig.Broker), alerts);
    }

    /// <summary>Waits until the traffic has made <paramref name="uplinks"/> more uplinks and <paramref name="writes"/> more API writes.</summary>
    public async Task RunForAsync(int uplinks, int writes = 0)
    {
        var (u, w) = (Published + uplinks, Writes + writes);
        var started = System.Diagnostics.Stopwatch.StartNew();
        (await Eventually.HoldsAsync(() => Task.FromResult((Published >= u && Writes >= w) || _uplinks.IsCompleted || _requests.IsCompleted), TimeSpan.FromSeconds(180)))
            .Should().BeTrue($"the traffic goes on ({Published}/{u} uplinks, {Writes}/{w} writes)");
        ThrowIfStopped();
        _rig.Say(string.Create(CultureInfo.InvariantCulture, $"traffic: {uplinks} uplinks, {writes} writes in {started.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>Stops the traffic and waits for the last request and uplink.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_uplinks, _requests);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        try
        {
            await Task.WhenAll(_uplinks, _requests);
        }
        catch (Exception)
        {
            // Reported by the test's own assertions.
        }

        await _publisher.DisposeAsync();
        _stop.Dispose();
    }

    private void ThrowIfStopped()
    {
        foreach (var task in new[] { _uplinks, _requests })
        {
            if (task.IsFaulted)
            {
                task.GetAwaiter().GetResult();
            }
        }
    }

    private async Task PublishAsync()
    {
        for (var n = 0; n < MaxUplinks && !_stop.IsCancellationRequested; n++)
        {
            var sensor = (n % Sensors) + 1;
            var devEui = DevEuiOf(sensor);
            var time = Start + (UplinkSpacing * n);
            var fCnt = 500_000 + n;
            await _publisher.PublishAsync($"{_rig.Root}/visiondrive/sensors/{devEui}/up", new JsonObject
            {
                ["deviceEui"] = devEui,
                ["receivedAt"] = Time(time),
                ["fCnt"] = fCnt,
                ["decoded"] = new JsonObject { ["occupied"] = (n / (Sensors * 4)) % 2 == 0, ["battery"] = 3.6 },
            }.ToJsonString());
            PublishedEventIds.Enqueue(string.Create(CultureInfo.InvariantCulture, $"up-{devEui}-{fCnt}-{time.UtcDateTime:yyyyMMdd'T'HHmmssffffff'Z'}"));
            Interlocked.Increment(ref _published);
            await Task.Delay(40);
        }
    }

    private async Task RequestAsync()
    {
        var january = "from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z";
        for (var k = 0; !_stop.IsCancellationRequested; k++)
        {
            var zone = string.Create(CultureInfo.InvariantCulture, $"zone-e2e-{k:0000}");
            await WriteAsync(HttpMethod.Post, "/zones", $$$"""{"id":"{{{zone}}}","siteId":"{{{GuideDataset.SiteId}}}","name":"E2E {{{k}}}","kind":"PAID","tariff":{"pricePerHour":{{{5 + (k % 7)}}},"currency":"AED"}}""", HttpStatusCode.Created, HttpStatusCode.Conflict);
            await WriteAsync(HttpMethod.Put, "/zones/" + zone, $$"""{"name":"E2E {{k}} renamed"}""", HttpStatusCode.OK, null);
            if (k % 3 == 2)
            {
                await WriteAsync(HttpMethod.Delete, "/zones/" + zone, null, HttpStatusCode.NoContent, HttpStatusCode.NotFound);
            }

            if (k / 2 < _alerts.Count)
            {
                // The worker resolves a LOW_BATTERY episode of its sensors on a good reading: acknowledging it then is a 409, not a failure.
                var action = k % 2 == 0 ? "acknowledge" : "resolve";
                await WriteAsync(HttpMethod.Post, $"/alerts/{_alerts[k / 2]}/{action}", null, HttpStatusCode.OK, HttpStatusCode.Conflict, anyAttempt: true);
            }

            var sensor = SensorId((k % Sensors) + 1);
            foreach (var path in new[]
            {
                "/zones?limit=100", "/zones/" + GuideDataset.FirstZoneId, $"/zones/{GuideDataset.FirstZoneId}/bays", "/zones/" + zone,
                "/sensors/" + sensor, "/sensors/by-deveui/" + DevEuiOf((k % Sensors) + 1), $"/sensors/{SensorId(20 + (k % 20))}/events?{january}&limit=100",
                "/alerts?status=OPEN&limit=100", "/alerts?status=ACKNOWLEDGED&limit=100", "/alerts?status=RESOLVED&limit=100",
            })
            {
                await SendAsync(HttpMethod.Get, path, null, HttpStatusCode.OK, HttpStatusCode.NotFound, anyAttempt: true);
                Interlocked.Increment(ref _reads);
            }

            await Task.Delay(30);
        }
    }

    private async Task WriteAsync(HttpMethod method, string path, string? json, HttpStatusCode expected, HttpStatusCode? onRetry, bool anyAttempt = false)
    {
        await SendAsync(method, path, json, expected, onRetry, anyAttempt);
        Interlocked.Increment(ref _writes);
    }

    /// <summary>Sends until an answer comes (an instance being replaced refuses or drops the connection; 30 s at most).</summary>
    private async Task SendAsync(HttpMethod method, string path, string? json, HttpStatusCode expected, HttpStatusCode? onRetry, bool anyAttempt = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(method, path);
                if (json is not null)
                {
                    request.Content = new StringContent(json, Encoding.UTF8, "application/json");
                }

                if (method == HttpMethod.Put || method == HttpMethod.Delete)
                {
                    request.Headers.TryAddWithoutValidation("If-Match", "*");
                }

                using var response = await _rig.Api.Client.SendAsync(request);
                if (response.StatusCode != expected && !((attempt > 1 || anyAttempt || method == HttpMethod.Get) && response.StatusCode == onRetry))
                {
                    _failures.Enqueue($"{method} {path} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }

                return;
            }
            catch (HttpRequestException) when (attempt < 300)
            {
                await Task.Delay(100);
            }
            catch (TaskCanceledException) when (attempt < 300 && !_stop.IsCancellationRequested)
            {
                await Task.Delay(100);
            }
        }
    }
}
