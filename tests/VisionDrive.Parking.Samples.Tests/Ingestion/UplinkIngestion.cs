using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Samples.Tests.Api;
using VisionDrive.Parking.Samples.Tests.Support;
using VisionDrive.Parking.TestSupport;
using VisionDrive.Parking.TestSupport.Servers;
using Xunit.Abstractions;
using static VisionDrive.Parking.Samples.Tests.Support.Uplinks;

namespace VisionDrive.Parking.Samples.Tests.Ingestion;

/// <summary>Uplinks published through the real mosquitto into the worker, observed through the API and the store.</summary>
[Collection(IngestionCollection.Name)]
public sealed class UplinkIngestion(IngestionFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static string Uplink(string devEui, DateTimeOffset at, long fCnt, bool? occupied = null, double? battery = null)
    {
        var decoded = new JsonObject { ["temperature"] = 24.5 };
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

    private static string EventId(int sensor, long fCnt, DateTimeOffset at) =>
        $"up-{DevEuiOf(sensor)}-{fCnt}-{at.UtcDateTime:yyyyMMdd'T'HHmmssffffff'Z'}";

    /// <summary>A start time of its own per test (minutes apart), in the past of the real clock, after the guide's January 2026 data.</summary>
    private static DateTimeOffset Start(int slot)
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(-60 + (slot * 5)).AddTicks(1234560);
    }

    private async Task<JsonNode> BayOfAsync(int sensor)
    {
        var s = (await fixture.Api.SendAsync("/sensors/" + SensorId(sensor))).Json;
        var bays = (await fixture.Api.SendAsync($"/zones/{s["zoneId"]!.GetValue<string>()}/bays")).Json;
        return bays["items"]!.AsArray().Single(b => b!["id"]!.GetValue<string>() == s["bayId"]!.GetValue<string>())!;
    }

    private async Task<List<string>> EventIdsAsync(int sensor, DateTimeOffset from, DateTimeOffset to)
    {
        var answer = await fixture.Api.SendAsync($"/sensors/{SensorId(sensor)}/events?from={Uri.EscapeDataString(Time(from))}&to={Uri.EscapeDataString(Time(to))}&limit=1000");
        answer.Status.Should().Be(HttpStatusCode.OK, answer.Body);
        return answer.Json["items"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()).ToList();
    }

    private long Handled => fixture.Metrics.Recorded + fixture.Metrics.Duplicates + fixture.Metrics.DeadLettered;

    private async Task WaitHandledAsync(long target) =>
        (await Eventually.HoldsAsync(() => Task.FromResult(Handled >= target), Wait)).Should().BeTrue($"the worker should have handled {target} messages (handled {Handled})");

    [Fact]
    public async Task Arrive_flips_the_bay_to_occupied_and_leave_back_to_vacant_visible_through_the_api()
    {
        await using var publisher = await TestPublisher.ConnectAsync(fixture.Broker);
        var t = Start(1);

        await publisher.PublishAsync(fixture.UplinkTopic(DevEuiOf(5)), Uplink(DevEuiOf(5), t, 10, occupied: true));
        (await Eventually.HoldsAsync(async () => (await BayOfAsync(5))["statusEventId"]?.GetValue<string>() == EventId(5, 10, t), Wait)).Should().BeTrue();
        (await BayOfAsync(5))["status"]!.GetValue<string>().Should().Be("occupied");

        // Separators and lower case in the topic and payload DevEUI are normalised.
        var lower = string.Join("-", Enumerable.Range(0, 8).Select(i => DevEuiOf(5).Substring(i * 2, 2).ToLowerInvariant()));
        await publisher.PublishAsync(fixture.UplinkTopic(lower), Uplink(lower, t.AddSeconds(30), 11, occupied: false));
        (await Eventually.HoldsAsync(async () => (await BayOfAsync(5))["status"]!.GetValue<string>() == "vacant", Wait)).Should().BeTrue();

        var sensor = (await fixture.Api.SendAsync("/sensors/" + SensorId(5))).Json;
        sensor["lastSeenAt"]!.GetValue<DateTimeOffset>().Should().Be(t.AddSeconds(30));
        (await EventIdsAsync(5, t, t.AddMinutes(1))).Should().Equal(EventId(5, 11, t.AddSeconds(30)), EventId(5, 10, t));
    }

    [Fact]
    public async Task A_redelivered_message_creates_no_duplicate_event()
    {
        await using var publisher = await TestPublisher.ConnectAsync(fixture.Broker);
        var t = Start(2);
        var before = fixture.Metrics.Duplicates;
        var payload = Uplink(DevEuiOf(6), t, 20, occupied: true);

        for (var i = 0; i < 3; i++)
        {
            await publisher.PublishAsync(fixture.UplinkTopic(DevEuiOf(6)), payload);
        }

        // Wait for the two redeliveries themselves, not for "3 more handled": the previous test's last message may be counted only
        // now (its event is visible before the worker counts it), which would end a count-based wait one message early.
        (await Eventually.HoldsAsync(() => Task.FromResult(fixture.Metrics.Duplicates >= before + 2), Wait))
            .Should().BeTrue($"the two redeliveries are handled as duplicates (duplicates {fixture.Metrics.Duplicates - before})");
        (await EventIdsAsync(6, t.AddMinutes(-1), t.AddMinutes(1))).Should().Equal(EventId(6, 20, t));
    }

    [Fact]
    public async Task An_older_event_does_not_flip_a_newer_status()
    {
        await using var publisher = await TestPublisher.ConnectAsync(fixture.Broker);
        var t = Start(3);
        var handled = Handled;

        await publisher.PublishAsync(fixture.UplinkTopic(DevEuiOf(7)), Uplink(DevEuiOf(7), t, 31, occupied: true));
        await publisher.PublishAsync(fixture.UplinkTopic(DevEuiOf(7)), Uplink(DevEuiOf(7), t.AddMinutes(-1), 30, occupied: false));
        // Both events visible, not only "2 more handled": the previous test's last message may be counted only now, which would end a
        // count-based wait one message early. The count still has to be reached: the bay is read after the LEAVE was fully handled.
        (await Eventually.HoldsAsync(async () => (await EventIdsAsync(7, t.AddMinutes(-2), t.AddMinutes(1))).Count == 2, Wait))
            .Should().BeTrue("both uplinks become events");
        await WaitHandledAsync(handled + 2);

        var bay = await BayOfAsync(7);
        bay["status"]!.GetValue<string>().Should().Be("occupied");
        bay["statusEventId"]!.GetValue<string>().Should().Be(EventId(7, 31, t));
        (await EventIdsAsync(7, t.AddMinutes(-2), t.AddMinutes(1))).Should().HaveCount(2, "the late LEAVE is recorded as history, it just does not move the bay");
    }

    [Fact]
    public async Task Malformed_and_unknown_device_messages_land_on_the_dead_letter_topic_with_the_reason()
    {
        await using var watcher = await TestPublisher.ConnectAsync(fixture.Broker, subscribeTo: fixture.DeadLetterPrefix + "/#");
        await using var publisher = await TestPublisher.ConnectAsync(fixture.Broker);
        var t = Start(4);
        var cases = new (string Topic, string Payload, string Reason)[]
        {
            (fixture.UplinkTopic(DevEuiOf(9)), "{not json", "not JSON"),
            (fixture.UplinkTopic(DevEuiOf(9)), "{\"deviceEui\":\"" + DevEuiOf(9) + "\",\"receivedAt\":\"" + Time(t) + "\"}", "fCnt"),
            (fixture.UplinkTopic(DevEuiOf(9)), Uplink(DevEuiOf(9), t, 1, occupied: true).Replace("true", "\"yes\"", StringComparison.Ordinal), "occupied"),
            (fixture.UplinkTopic("FFFFFFFFFFFFFFF0"), Uplink("FFFFFFFFFFFFFFF0", t, 1, occupied: true), "Unknown device"),
            (fixture.UplinkTopic(DevEuiOf(10)), Uplink(DevEuiOf(9), t, 1, occupied: true), "does not match"),
            (fixture.UplinkTopic(DevEuiOf(9), tenant: ParkingWorld.TenantBSlug), Uplink(DevEuiOf(9), t, 1, occupied: true), "tenant"),
            (fixture.UplinkTopic(DevEuiOf(9)), Uplink(DevEuiOf(9), DateTimeOffset.UtcNow.AddHours(1), 1, occupied: true), "future"),
        };

        foreach (var (topic, payload, _) in cases)
        {
            await publisher.PublishAsync(topic, payload);
        }

        (await Eventually.HoldsAsync(() => Task.FromResult(watcher.Received.Count >= cases.Length), Wait)).Should().BeTrue($"{cases.Length} dead letters (got {watcher.Received.Count})");
        var letters = watcher.Received.ToList();
        foreach (var (topic, payload, reason) in cases)
        {
            var letter = letters.Select(l => (l.Topic, Json: JsonDocument.Parse(l.Payload).RootElement))
                .Where(l => l.Topic == fixture.DeadLetterPrefix + "/" + topic && l.Json.GetProperty("payload").GetString() == payload)
                .ToList();
            letter.Should().ContainSingle($"one dead letter for the case '{reason}'");
            letter[0].Json.GetProperty("reason").GetString().Should().Contain(reason);
        }

        // The worker is still there.
        await publisher.PublishAsync(fixture.UplinkTopic(DevEuiOf(9)), Uplink(DevEuiOf(9), t, 2, occupied: true));
        (await Eventually.HoldsAsync(async () => (await EventIdsAsync(9, t.AddMinutes(-1), t.AddMinutes(1))).Count == 1, Wait)).Should().BeTrue();
    }

    [Fact]
    public async Task Low_battery_raises_one_alert_and_recovery_resolves_it()
    {
        await using var publisher = await TestPublisher.ConnectAsync(fixture.Broker);
        var t = Start(5);
        var topic = fixture.UplinkTopic(DevEuiOf(8));
        var alertId = "lowbat-" + SensorId(8) + "-" + t.UtcDateTime.ToString("yyyyMMdd'T'HHmmssffffff'Z'", CultureInfo.InvariantCulture);

        async Task<List<JsonNode>> LowBatteryAlerts(string status) =>
            (await fixture.Api.SendAsync("/alerts?limit=1000&status=" + status)).Json["items"]!.AsArray()
                .Where(a => a!["sensorId"]?.GetValue<string>() == SensorId(8) && a["type"]!.GetValue<string>() == "LOW_BATTERY").Select(a => a!).ToList();

        var handled = Handled;
        await publisher.PublishAsync(topic, Uplink(DevEuiOf(8), t, 40, battery: 3.05));
        await publisher.PublishAsync(topic, Uplink(DevEuiOf(8), t, 40, battery: 3.05));
        await publisher.PublishAsync(topic, Uplink(DevEuiOf(8), t.AddSeconds(10), 41, battery: 3.01));
        await WaitHandledAsync(handled + 3);
        (await Eventually.HoldsAsync(async () => (await LowBatteryAlerts("OPEN")).Any(a => a["id"]!.GetValue<string>() == alertId), Wait)).Should().BeTrue();
        (await LowBatteryAlerts("OPEN")).Should().ContainSingle("one alert per episode, however many low readings");

        await publisher.PublishAsync(topic, Uplink(DevEuiOf(8), t.AddSeconds(20), 42, battery: 3.6));
        (await Eventually.HoldsAsync(async () => (await LowBatteryAlerts("RESOLVED")).Any(a => a["id"]!.GetValue<string>() == alertId), Wait)).Should().BeTrue();
        (await LowBatteryAlerts("OPEN")).Should().BeEmpty();
        var resolved = (await LowBatteryAlerts("RESOLVED")).Single(a => a["id"]!.GetValue<string>() == alertId);
        resolved["resolvedAt"]!.GetValue<DateTimeOffset>().Should().Be(t.AddSeconds(20));
    }

    [Fact]
    public async Task A_broker_restart_mid_stream_loses_no_QoS1_message()
    {
        const int N = 200;
        var mosquitto = LocalServers.Mosquitto;
        await using var publisher = await TestPublisher.ConnectAsync(fixture.Broker);
        var t = Start(6);
        var connectsBefore = fixture.Metrics.Connects;
        var clock = Stopwatch.StartNew();
        Task<int>? restart = null;

        // mosquitto here runs without persistence: a message it has acknowledged to the publisher but not yet handed to the worker dies
        // with it, whatever any client does (a broker durability matter: mosquitto `persistence true`, IoT Core). So the broker is
        // restarted once the worker holds everything published so far; what the test checks is the clients' side: the worker notices,
        // reconnects with backoff and subscribes again, and the messages published from the moment the broker is back — while the worker
        // is still away or not yet subscribed ("no matching subscribers", retried by the publisher) — all become events.
        var handledBefore = Handled;
        for (var i = 0; i < N; i++)
        {
            if (i == N / 4)
            {
                (await Eventually.HoldsAsync(() => Task.FromResult(Handled >= handledBefore + i), Wait)).Should().BeTrue();
                restart = Task.Run(() => RunRestart(mosquitto));
                (await restart).Should().Be(0, "the broker restarts");
            }

            var sensor = 10 + (i % 30);
            await publisher.PublishAsync(fixture.UplinkTopic(DevEuiOf(sensor)), Uplink(DevEuiOf(sensor), t.AddMilliseconds(i), 1000 + i, occupied: i % 2 == 0), TimeSpan.FromSeconds(90));
            await Task.Delay(5);
        }

        (await restart!).Should().Be(0, "the broker restarts");
        var published = clock.Elapsed;

        var seen = new HashSet<string>();
        async Task<int> CountAsync()
        {
            for (var sensor = 10; sensor < 40; sensor++)
            {
                var page = await fixture.Store.ListSensorEventsAsync(SensorId(sensor), new TimeRange(t, t.AddSeconds(1)), new PageRequest(1000));
                seen.UnionWith(page.Items.Select(e => e.Id));
            }

            return seen.Count;
        }

        var count = 0;
        await Eventually.HoldsAsync(async () => (count = await CountAsync()) >= N, TimeSpan.FromSeconds(90));
        output.WriteLine($"published {N} QoS 1 messages across a broker restart in {published.TotalSeconds:0.0} s (publisher retries {publisher.Retries}); " +
            $"events recorded {count} after {clock.Elapsed.TotalSeconds:0.0} s; worker connects {fixture.Metrics.Connects - connectsBefore}, retries {fixture.Metrics.Retries}");
        output.WriteLine("publisher retried for: " + string.Join("; ", publisher.Failures));
        var missing = Enumerable.Range(0, N).Where(i => !seen.Contains(EventId(10 + (i % 30), 1000 + i, t.AddMilliseconds(i)))).ToList();
        output.WriteLine("missing messages: " + string.Join(", ", missing));
        count.Should().Be(N);
        (fixture.Metrics.Connects - connectsBefore).Should().BeGreaterThanOrEqualTo(1, "the worker reconnected after the restart");
    }

    /// <summary>Stops the broker of this test process (SIGTERM: it saves its persistence) and starts it again on the same port.</summary>
    private static int RunRestart(LocalMosquitto mosquitto)
    {
        mosquitto.Restart();
        return 0;
    }
}
