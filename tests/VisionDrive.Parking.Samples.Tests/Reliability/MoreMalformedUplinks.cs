using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using VisionDrive.Parking.Samples.Tests.Ingestion;
using VisionDrive.Parking.Samples.Tests.Support;
using static VisionDrive.Parking.Samples.Tests.Support.Uplinks;

namespace VisionDrive.Parking.Samples.Tests.Reliability;

/// <summary>
/// The dead-letter cases of the uplink contract that <see cref="UplinkIngestion"/> does not send (docs/bad-input.md): each lands once on
/// the dead-letter topic with its reason, writes no event, and the worker goes on. One topic (one DevEUI) per case, so a letter is
/// matched to its case by topic.
/// </summary>
[Collection(IngestionCollection.Name)]
public sealed class MoreMalformedUplinks(IngestionFixture fixture)
{

    private static string Uplink(int sensor, Action<JsonObject> change)
    {
        var o = new JsonObject
        {
            ["deviceEui"] = DevEuiOf(sensor),
            ["receivedAt"] = Time(DateTimeOffset.UtcNow.AddMinutes(-10)),
            ["fCnt"] = 7,
            ["decoded"] = new JsonObject { ["occupied"] = true, ["battery"] = 3.6, ["temperature"] = 24.5 },
        };
        change(o);
        return o.ToJsonString();
    }

    [Fact]
    public async Task Each_contract_violation_is_dead_lettered_once_with_its_reason_and_writes_no_event()
    {
        var cases = new (int Sensor, string Payload, string Reason)[]
        {
            (41, "", "empty"),
            (42, "{\"deviceEui\":\"" + DevEuiOf(42) + "\",\"pad\":\"" + new string('x', 70 * 1024) + "\"}", "bytes, more than"),
            (43, "[1,2,3]", "not an object"),
            (44, Uplink(44, o => o["deviceEui"] = "XYZ"), "deviceEui is missing or not 16 hexadecimal digits"),
            (45, Uplink(45, o => o.Remove("deviceEui")), "deviceEui is missing"),
            (46, Uplink(46, o => o["receivedAt"] = "2026-01-12T10:30:00"), "receivedAt"),
            (47, Uplink(47, o => o["fCnt"] = -1), "fCnt"),
            (48, Uplink(48, o => o["fCnt"] = 4294967296L), "fCnt"),
            (49, Uplink(49, o => o["eventId"] = "has space"), "eventId"),
            (50, Uplink(50, o => o["decoded"] = new JsonArray(1)), "decoded is a JSON Array"),
            (51, Uplink(51, o => o["decoded"]!["battery"] = "low"), "decoded.battery"),
            (52, Uplink(52, o => o["decoded"]!["temperature"] = "hot"), "decoded.temperature"),
        };

        await using var watcher = await TestPublisher.ConnectAsync(fixture.Broker, subscribeTo: fixture.DeadLetterPrefix + "/#");
        await using var publisher = await TestPublisher.ConnectAsync(fixture.Broker);
        var recordedBefore = fixture.Metrics.Recorded;
        var deadBefore = fixture.Metrics.DeadLettered;
        foreach (var (sensor, payload, _) in cases)
        {
            await publisher.PublishAsync(fixture.UplinkTopic(DevEuiOf(sensor)), payload);
        }

        (await Eventually.HoldsAsync(() => Task.FromResult(fixture.Metrics.DeadLettered >= deadBefore + cases.Length && watcher.Received.Count >= cases.Length), TimeSpan.FromSeconds(30)))
            .Should().BeTrue($"{cases.Length} dead letters (got {watcher.Received.Count})");
        var letters = watcher.Received.ToList();
        foreach (var (sensor, payload, reason) in cases)
        {
            var mine = letters.Where(l => l.Topic == fixture.DeadLetterPrefix + "/" + fixture.UplinkTopic(DevEuiOf(sensor))).ToList();
            mine.Should().ContainSingle($"one dead letter for '{reason}'");
            var json = JsonDocument.Parse(mine[0].Payload).RootElement;
            json.GetProperty("reason").GetString().Should().Contain(reason);
            var original = json.GetProperty("payloadBase64").GetString() is { } b64 ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(b64)) : null;
            original.Should().Be(payload, "the dead letter carries the message as it came");
        }

        fixture.Metrics.Recorded.Should().Be(recordedBefore, "no event is written for a rejected uplink");

        // The worker is still there.
        await publisher.PublishAsync(fixture.UplinkTopic(DevEuiOf(2)), Uplink(2, o => o["fCnt"] = 777));
        (await Eventually.HoldsAsync(() => Task.FromResult(fixture.Metrics.Recorded > recordedBefore), TimeSpan.FromSeconds(30))).Should().BeTrue();
    }
}
