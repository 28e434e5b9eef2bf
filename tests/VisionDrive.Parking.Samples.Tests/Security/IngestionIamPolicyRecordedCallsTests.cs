using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb;
using VisionDrive.Parking.Ingestion;
using VisionDrive.Parking.Ingestion.Processing;
using VisionDrive.Parking.Samples.Tests.Ingestion;
using VisionDrive.Parking.Samples.Tests.Support;
using VisionDrive.Parking.TestSupport;
using Xunit.Abstractions;
using static VisionDrive.Parking.Samples.Tests.Support.Uplinks;

namespace VisionDrive.Parking.Samples.Tests.Security;

/// <summary>
/// docs/iam/ingestion-policy.json grants exactly what the ingestion worker does on DynamoDB: the real worker (its own seeded world on
/// DynamoDB Local, its own topic root on the real mosquitto) with the store's client recording every request, fed uplinks that take every
/// path of <see cref="UplinkProcessor"/>; then the recorded (action, resource) grants must equal the policy's, both ways. Outcomes are
/// checked through an unrecorded client, so the checks add no calls. In the <see cref="IngestionCollection"/>: another test there
/// restarts the broker.
/// </summary>
[Collection(IngestionCollection.Name)]
public sealed class IngestionIamPolicyRecordedCallsTests(ITestOutputHelper output)
{
    private const string Policy = "ingestion-policy.json";

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyyMMdd'T'HHmmssffffff'Z'", CultureInfo.InvariantCulture);

    private static string Uplink(string devEui, DateTimeOffset at, long fCnt, bool? occupied = null, double? battery = null, JsonObject? decoded = null)
    {
        decoded ??= new JsonObject { ["temperature"] = 24.5 };
        if (occupied is { } o)
        {
            decoded["occupied"] = o;
        }

        if (battery is { } b)
        {
            decoded["battery"] = b;
        }

        return new JsonObject { ["deviceEui"] = devEui, ["receivedAt"] = Time(at), ["fCnt"] = fCnt, ["decoded"] = decoded }.ToJsonString();
    }

    [Fact]
    public async Task The_ingestion_policy_grants_exactly_the_dynamodb_calls_of_every_uplink_path()
    {
        var broker = new MqttServer();
        await using var world = await ParkingWorld.CreateAsync();
        var root = "vdpi" + Guid.NewGuid().ToString("N")[..10];
        var recorder = new RecordingHttpClientFactory();
        using var worker = IngestionHost.Build(
            IngestionWorkers.Args(world.DynamoDbArgs(), $"mqtt://{broker.Host}:{broker.Port}", root),
            builder => IamPolicies.RecordDynamoDbCalls(builder.Services, recorder));
        await worker.StartAsync();
        try
        {
            var metrics = worker.Services.GetRequiredService<IngestionMetrics>();
            (await Eventually.HoldsAsync(() => Task.FromResult(metrics.Connects > 0), TimeSpan.FromSeconds(30))).Should().BeTrue("the worker connects to the broker");
            await using var watcher = await TestPublisher.ConnectAsync(broker, subscribeTo: root + "/deadletter/#");
            await using var publisher = await TestPublisher.ConnectAsync(broker);

            string Topic(string devEui, string tenant = ParkingWorld.TenantA) => $"{root}/{tenant}/sensors/{devEui}/up";
            const string Slug = "visiondrive";
            var now = DateTimeOffset.UtcNow;
            var t = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(-30).AddTicks(1234560);
            var stock = 41; // PSL01B-041: in stock, no zone and no bay
            var cases = new (string Topic, string Payload, string Outcome)[]
            {
                // Rejected before the store; an unknown device (GSI2 lookup); a topic tenant that is not the sensor's (tenant read by id).
                (Topic(DevEuiOf(1)), "{not json", "dead:not JSON"),
                (Topic("FFFFFFFFFFFFFFF0"), Uplink("FFFFFFFFFFFFFFF0", t, 1, occupied: true), "dead:Unknown device"),
                (Topic(DevEuiOf(1), ParkingWorld.TenantBSlug), Uplink(DevEuiOf(1), t, 1, occupied: true), "dead:tenant"),

                // ARRIVE (topic by slug), its redelivery, a newer LEAVE, then an older ARRIVE that must not flip the bay back.
                (Topic(DevEuiOf(1), Slug), Uplink(DevEuiOf(1), t, 1, occupied: true), "new"),
                (Topic(DevEuiOf(1), Slug), Uplink(DevEuiOf(1), t, 1, occupied: true), "duplicate"),
                (Topic(DevEuiOf(1)), Uplink(DevEuiOf(1), t.AddSeconds(10), 2, occupied: false), "new"),
                (Topic(DevEuiOf(1)), Uplink(DevEuiOf(1), t.AddSeconds(-10), 0, occupied: true), "new"),

                // HEARTBEAT with a healthy battery (the open-alert lookup finds none).
                (Topic(DevEuiOf(2)), Uplink(DevEuiOf(2), t, 5, battery: 3.6), "new"),

                // Low battery raises an alert; lower again, in between, and an older reading do nothing more; recovery resolves it.
                (Topic(DevEuiOf(3)), Uplink(DevEuiOf(3), t, 7, battery: 3.05), "new"),
                (Topic(DevEuiOf(3)), Uplink(DevEuiOf(3), t.AddSeconds(10), 8, battery: 3.01), "new"),
                (Topic(DevEuiOf(3)), Uplink(DevEuiOf(3), t.AddSeconds(20), 9, battery: 3.25), "new"),
                (Topic(DevEuiOf(3)), Uplink(DevEuiOf(3), t.AddSeconds(5), 6, battery: 3.0), "new"),
                (Topic(DevEuiOf(3)), Uplink(DevEuiOf(3), t.AddSeconds(30), 10, battery: 3.6), "new"),

                // A sensor with no zone and no bay: ARRIVE moves no bay; its low battery raises a zone-less alert.
                (Topic(DevEuiOf(stock)), Uplink(DevEuiOf(stock), t, 3, occupied: true, battery: 3.05), "new"),

                // The other tenant's sensor on its slug.
                (Topic(ParkingWorld.SensorBDevEui, ParkingWorld.TenantBSlug), Uplink(ParkingWorld.SensorBDevEui, t, 4, occupied: true), "new"),

                // Parsed, but the event cannot be stored (an empty member name is no DynamoDB map key).
                (Topic(DevEuiOf(4)), Uplink(DevEuiOf(4), t, 11, decoded: new JsonObject { [""] = 1 }), "dead:cannot be stored"),
            };

            foreach (var (topic, payload, _) in cases)
            {
                await publisher.PublishAsync(topic, payload);
            }

            var dead = cases.Count(c => c.Outcome.StartsWith("dead:", StringComparison.Ordinal));
            var created = cases.Count(c => c.Outcome == "new");
            var duplicates = cases.Count(c => c.Outcome == "duplicate");
            (await Eventually.HoldsAsync(
                () => Task.FromResult(metrics.Recorded + metrics.Duplicates + metrics.DeadLettered >= cases.Length && watcher.Received.Count >= dead),
                TimeSpan.FromSeconds(60))).Should().BeTrue($"the worker handles {cases.Length} uplinks (recorded {metrics.Recorded}, duplicates {metrics.Duplicates}, dead {metrics.DeadLettered})");
            metrics.Recorded.Should().Be(created);
            metrics.Duplicates.Should().Be(duplicates);
            metrics.DeadLettered.Should().Be(dead);
            metrics.Retries.Should().Be(0, "no store call failed");
            var letters = watcher.Received.Select(l => JsonDocument.Parse(l.Payload).RootElement.GetProperty("reason").GetString()!).ToList();
            foreach (var reason in cases.Where(c => c.Outcome.StartsWith("dead:", StringComparison.Ordinal)).Select(c => c.Outcome["dead:".Length..]))
            {
                letters.Should().ContainSingle(l => l.Contains(reason, StringComparison.Ordinal), $"one dead letter for '{reason}'");
            }

            // The paths did what they should (read through an unrecorded client).
            var check = new DynamoDbParkingStore(world.Ddb.Client, new DynamoDbStoreOptions { TableName = world.Table, ConsistentReads = true });
            var bay1 = await check.GetBayAsync("bay-001");
            bay1!.Status.Should().Be("vacant", "the newer LEAVE holds; the older ARRIVE is history");
            bay1.StatusEventId.Should().Be($"up-{DevEuiOf(1)}-2-{Stamp(t.AddSeconds(10))}");
            (await check.GetBayAsync(ParkingWorld.BayB))!.Status.Should().Be("occupied");
            var episode = await check.GetAlertAsync($"lowbat-PSL01B-003-{Stamp(t)}");
            episode!.Status.Should().Be(AlertStatus.Resolved);
            episode.ResolvedAt.Should().Be(t.AddSeconds(30));
            (await check.ListAlertsBySensorAsync("PSL01B-003", new PageRequest(100))).Items.Count(a => a.Type == UplinkProcessor.LowBatteryType && a.CreatedAt >= t)
                .Should().Be(1, "one episode, however many low readings");
            (await check.GetAlertAsync($"lowbat-PSL01B-041-{Stamp(t)}"))!.Status.Should().Be(AlertStatus.Open);
            (await check.ListAlertsBySensorAsync("PSL01B-002", new PageRequest(100))).Items.Should().NotContain(a => a.Type == UplinkProcessor.LowBatteryType && a.Status != AlertStatus.Resolved);

            // The recorded calls are exactly the policy's grants.
            var calls = recorder.Handler.Calls;
            output.WriteLine($"{calls.Count} DynamoDB requests:{Environment.NewLine}{IamPolicies.Describe(calls, world.Table)}");
            calls.Should().NotBeEmpty("the worker's store client must be the recording one");
            var needed = calls.Select(c => IamPolicies.Needs(c, world.Table)).ToHashSet();
            var granted = IamPolicies.Read(Policy);
            needed.Except(granted).Should().BeEmpty($"every DynamoDB call of the ingestion worker must be allowed by docs/iam/{Policy}");
            granted.Except(needed).Should().BeEmpty($"docs/iam/{Policy} must grant nothing the worker does not call (least privilege)");
        }
        finally
        {
            await worker.StopAsync();
        }
    }
}
