using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using VisionDrive.Parking.Ingestion;
using VisionDrive.Parking.Ingestion.Processing;
using VisionDrive.Parking.Samples.Tests.Api;
using VisionDrive.Parking.Samples.Tests.Ingestion;
using VisionDrive.Parking.Samples.Tests.Support;
using Xunit.Abstractions;
using static VisionDrive.Parking.Samples.Tests.Support.Uplinks;

namespace VisionDrive.Parking.Samples.Tests.Reliability;

/// <summary>
/// Fuzz-style: generated uplinks (seeded mutations of a valid one: members removed, retyped, renamed, duplicated, truncated, odd
/// characters inserted, nested deep) published to the real broker. Each message has exactly one outcome — an event, a duplicate, or a
/// dead letter carrying its reason and the payload as it came — the worker never stops, and the events written are exactly the ones
/// counted as recorded.
/// </summary>
[Collection(IngestionCollection.Name)]
public sealed class UplinkFuzz(IngestionFixture fixture, ITestOutputHelper output)
{
    /// <summary>Fixed so a failure reproduces; <c>VDP_FUZZ_SEED</c> explores others.</summary>
    private static readonly int Seed = int.TryParse(System.Environment.GetEnvironmentVariable("VDP_FUZZ_SEED"), out var s) ? s : 1_881;
    private const int Messages = 300;
    // UplinkIngestion's broker-restart test also publishes for PSL01B-030, but 30 minutes ago; the fuzzed events are 3 hours old, and
    // this test has a worker of its own (own topic root and counters).
    private const int Sensor = 30;

    private static readonly string[] Members = ["deviceEui", "receivedAt", "fCnt", "decoded", "eventId"];

    [Fact]
    public async Task Every_generated_uplink_has_exactly_one_clear_outcome_and_the_worker_goes_on()
    {
        var random = new Random(Seed);
        var start = DateTimeOffset.UtcNow.AddMinutes(-180);
        start = start.AddTicks(-(start.Ticks % TimeSpan.TicksPerSecond));
        var payloads = Enumerable.Range(0, Messages).Select(i => Generate(random, start.AddSeconds(i), 5000 + i)).ToList();

        var root = "vdpfuzz" + Guid.NewGuid().ToString("N")[..8];
        using var worker = IngestionHost.Build(IngestionWorkers.Args(
            fixture.World.DynamoDbArgs(), $"mqtt://{fixture.Broker.Host}:{fixture.Broker.Port}", root, "--Ingestion:SessionExpiry=00:01:00"));
        await worker.StartAsync();
        await IngestionWorkers.WaitConnectedAsync(worker);
        var metrics = worker.Services.GetRequiredService<IngestionMetrics>();
        await using var watcher = await TestPublisher.ConnectAsync(fixture.Broker, subscribeTo: root + "/deadletter/#");
        await using var publisher = await TestPublisher.ConnectAsync(fixture.Broker);
        var (received0, recorded0, duplicates0, dead0) = (metrics.Received, metrics.Recorded, metrics.Duplicates, metrics.DeadLettered);
        var topic = $"{root}/visiondrive/sensors/{DevEuiOf(Sensor)}/up";
        foreach (var payload in payloads)
        {
            await publisher.PublishAsync(topic, payload);
        }

        long Handled() => metrics.Recorded - recorded0 + metrics.Duplicates - duplicates0 + metrics.DeadLettered - dead0;
        (await Eventually.HoldsAsync(() => Task.FromResult(Handled() >= Messages), TimeSpan.FromSeconds(90)))
            .Should().BeTrue($"every message is handled once (handled {Handled()} of {Messages})");
        var dead = metrics.DeadLettered - dead0;
        (await Eventually.HoldsAsync(() => Task.FromResult(watcher.Received.Count(l => l.Topic.EndsWith(topic, StringComparison.Ordinal)) >= dead), TimeSpan.FromSeconds(30)))
            .Should().BeTrue("each dead letter is published");
        await Task.Delay(500);
        Handled().Should().Be(Messages, "exactly one outcome per message");
        (metrics.Received - received0).Should().Be(Messages);

        // Dead letters: one per dead-lettered message, each with a reason and the payload as it came.
        var letters = watcher.Received.Where(l => l.Topic == root + "/deadletter/" + topic).ToList();
        letters.Should().HaveCount((int)dead);
        // As the broker carried them: UTF-8 (a lone surrogate the generator put in became U+FFFD on the wire).
        var remaining = payloads.Select(p => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(p))).ToList();
        foreach (var letter in letters)
        {
            var json = JsonDocument.Parse(letter.Payload).RootElement;
            json.GetProperty("reason").GetString().Should().NotBeNullOrWhiteSpace(letter.Payload);
            var original = Encoding.UTF8.GetString(Convert.FromBase64String(json.GetProperty("payloadBase64").GetString()!));
            remaining.Remove(original).Should().BeTrue("a dead letter carries one of the published payloads unchanged: " + original);
        }

        // Events: exactly the recorded ones, all on the fuzzed sensor in the fuzzed window.
        var recorded = metrics.Recorded - recorded0;
        var from = Uri.EscapeDataString(Time(start.AddSeconds(-1)));
        var to = Uri.EscapeDataString(Time(start.AddSeconds(Messages + 1)));
        var events = await fixture.Api.SendAsync($"/sensors/{SensorId(Sensor)}/events?from={from}&to={to}&limit=1000");
        events.Status.Should().Be(HttpStatusCode.OK, events.Body);
        events.Json["items"]!.AsArray().Count.Should().Be((int)recorded, "every recorded uplink is one event, and nothing else was written");
        recorded.Should().BeGreaterThan(0, "the generator keeps some uplinks valid");
        dead.Should().BeGreaterThan(0, "the generator breaks most uplinks");

        // The worker is still there.
        await publisher.PublishAsync(topic, Valid(start.AddSeconds(Messages + 5), 9999).ToJsonString());
        (await Eventually.HoldsAsync(() => Task.FromResult(metrics.Recorded > recorded0 + recorded), TimeSpan.FromSeconds(30))).Should().BeTrue();
        await worker.StopAsync();
        output.WriteLine($"[VDP-UPLINK-FUZZ] seed {Seed}: {Messages} messages → {recorded} events, {metrics.Duplicates - duplicates0} duplicates, {dead} dead letters");
    }

    private static JsonObject Valid(DateTimeOffset at, long fCnt) => new()
    {
        ["deviceEui"] = DevEuiOf(Sensor),
        ["receivedAt"] = Time(at),
        ["fCnt"] = fCnt,
        ["decoded"] = new JsonObject { ["occupied"] = at.Second % 2 == 0, ["battery"] = 3.6, ["temperature"] = 24.5 },
    };

    private static string Generate(Random random, DateTimeOffset at, long fCnt)
    {
        var o = Valid(at, fCnt);
        var mutations = random.Next(0, 4); // 0: left valid
        for (var m = 0; m < mutations; m++)
        {
            var member = Members[random.Next(Members.Length)];
            switch (random.Next(5))
            {
                case 0:
                    o.Remove(member);
                    break;
                case 1:
                    o[member] = RandomValue(random, 0);
                    break;
                case 2:
                    o["decoded"] = random.Next(2) == 0 ? RandomValue(random, 0) : new JsonObject { [Odd(random)] = RandomValue(random, 0) };
                    break;
                case 3:
                    if (o[member] is { } value)
                    {
                        o.Remove(member);
                        o[member.ToUpperInvariant()] = value;
                    }

                    break;
                default:
                    o[Odd(random)] = RandomValue(random, 0);
                    break;
            }
        }

        var text = o.ToJsonString();
        return random.Next(8) switch
        {
            0 => text[..random.Next(text.Length)], // truncated
            1 => text.Insert(random.Next(text.Length), Odd(random)), // odd characters anywhere
            2 => text[..^1] + ",\"fCnt\":" + random.Next(100).ToString(CultureInfo.InvariantCulture) + "}", // a duplicate member
            3 when random.Next(4) == 0 => new string('[', 300) + new string(']', 300), // deep nesting
            _ => text,
        };
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 2 ? 7 : 9) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.NextInt64(long.MinValue, long.MaxValue)),
        3 => JsonValue.Create(random.NextDouble() * Math.Pow(10, random.Next(-30, 30))),
        4 => JsonValue.Create(Odd(random)),
        // Never a valid instant: a recorded event must fall in the fuzzed window to be counted.
        5 => JsonValue.Create(Pick(random, ["2026-01-12T10:30:00", "2026-13-12T10:30:00Z", "2026-01-12 10:30", "yesterday", "0000-00-00T00:00:00Z"])),
        6 => JsonValue.Create(new string('x', random.Next(0, 2000))),
        7 => new JsonArray(RandomValue(random, depth + 1), RandomValue(random, depth + 1)),
        _ => new JsonObject { ["occupied"] = RandomValue(random, depth + 1), [Odd(random)] = RandomValue(random, depth + 1) },
    };

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string Odd(Random random) => Pick(random,
    [
        "", " ", "\u0000", "\n", "\"", "\\", "}", "{", ",", ":", "'", "#", "%", "é", "موقف", "🚗", "\u202E", "\uFEFF", "\uD800", "NaN",
        "Infinity", "-0", "1e400", "FFFFFFFFFFFFFFFF", "A84041000181234", "null", "true", "occupied",
    ]);
}
