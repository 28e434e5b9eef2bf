using System;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VisionDrive.Parking.Ingestion;
using VisionDrive.Parking.Ingestion.Processing;
using VisionDrive.Parking.Samples.Tests.Api;
using VisionDrive.Parking.Samples.Tests.Ingestion;
using VisionDrive.Parking.Samples.Tests.Support;
using Xunit.Abstractions;
using static VisionDrive.Parking.Samples.Tests.Support.Uplinks;

namespace VisionDrive.Parking.Samples.Tests.Reliability;

/// <summary>
/// The worker stopped while sensors keep publishing QoS 1, then started again with the same client id: the broker kept its session and
/// queued what came meanwhile, so every message — before, during and after the outage — becomes exactly one event.
/// </summary>
[Collection(IngestionCollection.Name)]
public sealed class WorkerDownWhilePublishing(IngestionFixture fixture, ITestOutputHelper output)
{
    // UplinkIngestion's broker-restart test also publishes for PSL01B-028, but 30 minutes ago; this test's events are 2½ hours old.
    private const int Sensor = 28;
    private const int Before = 100;
    private const int WhileDown = 300; // under mosquitto's max_queued_messages (1,000) for the absent session
    private const int After = 100;

    private static string DevEui => DevEuiOf(Sensor);

    [Fact]
    public async Task Messages_published_while_the_worker_is_down_are_each_recorded_once_when_it_is_back()
    {
        var root = "vdpdown" + Guid.NewGuid().ToString("N")[..8];
        var topic = $"{root}/visiondrive/sensors/{DevEui}/up";
        var start = DateTimeOffset.UtcNow.AddMinutes(-150);
        start = start.AddTicks(-(start.Ticks % TimeSpan.TicksPerSecond));
        await using var publisher = await TestPublisher.ConnectAsync(fixture.Broker);
        var n = 0;

        var first = await StartWorkerAsync(root);
        await PublishAsync(Before);
        (await Eventually.HoldsAsync(() => Task.FromResult(Recorded(first) >= Before), TimeSpan.FromSeconds(60))).Should().BeTrue("the first worker records the first messages");
        await first.StopAsync(); // a graceful stop: the session stays on the broker (session expiry 1 day)
        var firstRecorded = Recorded(first);
        first.Dispose();

        await PublishAsync(WhileDown); // nobody connected: the broker queues them for the session

        var second = await StartWorkerAsync(root);
        try
        {
            await PublishAsync(After);
            var total = Before + WhileDown + After;
            (await Eventually.HoldsAsync(() => Task.FromResult(firstRecorded + Recorded(second) >= total), TimeSpan.FromSeconds(120)))
                .Should().BeTrue($"every message is recorded once the worker is back ({firstRecorded} + {Recorded(second)} of {total})");
            await Task.Delay(500);
            var metrics = second.Services.GetRequiredService<IngestionMetrics>();
            (firstRecorded + metrics.Recorded).Should().Be(total, "no message recorded twice (a redelivery is a duplicate, not a second event)");
            metrics.DeadLettered.Should().Be(0);

            var from = Uri.EscapeDataString(Time(start.AddSeconds(-1)));
            var to = Uri.EscapeDataString(Time(start.AddSeconds(total + 1)));
            var events = await fixture.Api.SendAsync($"/sensors/PSL01B-{Sensor:000}/events?from={from}&to={to}&limit=1000");
            events.Status.Should().Be(HttpStatusCode.OK, events.Body);
            var ids = events.Json["items"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()).ToList();
            var expected = Enumerable.Range(0, total).Select(i => $"up-{DevEui}-{70_000 + i}-{start.AddSeconds(i).UtcDateTime:yyyyMMdd'T'HHmmssffffff'Z'}").ToList();
            ids.Should().OnlyHaveUniqueItems().And.Contain(expected, "every message is one event");
            ids.Where(id => id.StartsWith($"up-{DevEui}-7", StringComparison.Ordinal)).Should().HaveCount(total, "and no other event came from this test");
            output.WriteLine($"[VDP-WORKER-DOWN] {Before} before, {WhileDown} while down, {After} after → {ids.Count} events; " +
                             $"first worker {firstRecorded}, second {metrics.Recorded} (+{metrics.Duplicates} duplicates)");
            await second.StopAsync();
        }
        finally
        {
            second.Dispose();
        }

        async Task PublishAsync(int count)
        {
            for (var i = 0; i < count; i++, n++)
            {
                await publisher.PublishAsync(topic, new JsonObject
                {
                    ["deviceEui"] = DevEui,
                    ["receivedAt"] = Time(start.AddSeconds(n)),
                    ["fCnt"] = 70_000 + n,
                    ["decoded"] = new JsonObject { ["occupied"] = n % 2 == 0, ["battery"] = 3.6 },
                }.ToJsonString());
            }
        }
    }

    private static long Recorded(IHost worker) => worker.Services.GetRequiredService<IngestionMetrics>().Recorded;

    private async Task<IHost> StartWorkerAsync(string root)
    {
        // The same root, so the same client id, both times: the broker's session is this worker's. The session outlives the outage,
        // not the test by a day.
        var worker = IngestionHost.Build(IngestionWorkers.Args(
            fixture.World.DynamoDbArgs(), $"mqtt://{fixture.Broker.Host}:{fixture.Broker.Port}", root, "--Ingestion:SessionExpiry=00:03:00"));
        await worker.StartAsync();
        await IngestionWorkers.WaitConnectedAsync(worker);
        return worker;
    }
}
