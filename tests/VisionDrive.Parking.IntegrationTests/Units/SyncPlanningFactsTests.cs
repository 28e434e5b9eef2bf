using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb.Mapping;
using VisionDrive.Parking.Migration;
using VisionDrive.Parking.Migration.Verification;

namespace VisionDrive.Parking.IntegrationTests.Units;

/// <summary>The pure parts behind verify and sync: the table's retention read from its events, reasons counted once, one reject row shape.</summary>
public sealed class SyncPlanningFactsTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 12, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_tables_retention_is_ttl_minus_event_time_of_most_of_its_events()
    {
        var facts = new TargetFacts();
        for (var i = 0; i < 3; i++)
        {
            // Microseconds in the time: ttl is floor(time + retention), so ttl - floor(time) is the retention exactly.
            facts.AddEvent(EventItem(At.AddTicks(1234567 * (i + 1)), TimeSpan.FromDays(765)));
        }

        facts.AddEvent(EventItem(At, TimeSpan.FromDays(30)));
        facts.AddEvent(new Dictionary<string, AttributeValue> { ["PK"] = new() { S = "SENSOR#x" }, ["SK"] = new() { S = "EVENT#bad" } });

        facts.TableRetention().Should().Be((TimeSpan.FromDays(765), 3L));
        facts.EventsWithTtl.Should().Be(4, "an item without ttl or time is not counted");
    }

    [Fact]
    public void A_table_without_events_has_no_retention_to_keep()
    {
        new TargetFacts().TableRetention().Should().BeNull();
    }

    [Fact]
    public void Unclaimed_items_are_counted_and_kept_on_disk_by_key_only()
    {
        using var spill = new DiffSpill();
        var facts = new TargetFacts(spill);
        facts.AddUnclaimed("ZONE#z", "NOTE#1", new() { ["PK"] = new() { S = "ZONE#z" }, ["SK"] = new() { S = "NOTE#1" }, ["entityType"] = new() { S = "PARKING_LOT" } });
        facts.AddUnclaimed("JUNK#1", "METADATA", new() { ["PK"] = new() { S = "JUNK#1" }, ["SK"] = new() { S = "METADATA" }, ["name"] = new() { S = "x" } });

        facts.UnclaimedCount.Should().Be(2);
        var read = spill.Merged([facts.UnclaimedKeys!]).ToList();
        read.Select(r => (r.Pk, r.Sk, r.Type, r.Item)).Should().Equal(("JUNK#1", "METADATA", DiffRecord.Unclaimed, (string?)null), ("ZONE#z", "NOTE#1", DiffRecord.Unclaimed, (string?)null));
    }

    [Fact]
    public void Spilled_runs_merge_back_in_ordinal_key_order_and_the_folder_goes_with_the_spill()
    {
        string folder;
        using (var spill = new DiffSpill())
        {
            folder = spill.Folder;
            var a = spill.NewSorter();
            var b = spill.NewSorter();
            var big = new string('x', 1 << 20); // 2 MiB buffered each: a run every 4 records
            var keys = Enumerable.Range(0, 40).Select(i => ((i * 7919) % 40).ToString("D3", CultureInfo.InvariantCulture)).ToList();
            foreach (var (k, i) in keys.Select((k, i) => (k, i)))
            {
                (i % 2 == 0 ? a : b).Add(DiffRecord.Of("PK|" + k, "SK", 1, (UInt128)i, i % 5 == 0 ? big : "item " + k));
            }

            var merged = spill.Merged([a, b]).ToList();

            (a.Runs.Count + b.Runs.Count).Should().BeGreaterThan(2, "the buffers overflowed into several runs");
            merged.Select(r => r.Key).Should().Equal(keys.Select(k => "PK|" + k + "|SK").Order(StringComparer.Ordinal));
            merged.Should().OnlyContain(r => r.Pk.StartsWith("PK|", StringComparison.Ordinal) && r.Sk == "SK");
            merged.Single(r => r.Key == "PK|" + keys[1] + "|SK").Item.Should().Be("item " + keys[1]);
            merged.Single(r => r.Key == "PK|" + keys[1] + "|SK").Hash.Should().Be((UInt128)1);
        }

        Directory.Exists(folder).Should().BeFalse();
    }

    [Fact]
    public void Each_distinct_reason_is_counted_once_most_frequent_first()
    {
        var tally = new RejectTally();
        tally.Add("sensors", "devEui", "is NULL");
        tally.Add("sensor_events", "kind", "is NULL");
        tally.Add("sensor_events", "kind", "is NULL");
        tally.Add("sensor_events", "decoded", "too large");

        tally.Total.Should().Be(4);
        tally.ToList().Should().Equal(
            new RejectReason("sensor_events", "kind", "is NULL", 2),
            new RejectReason("sensor_events", "decoded", "too large", 1),
            new RejectReason("sensors", "devEui", "is NULL", 1));
    }

    [Fact]
    public void A_rejected_entity_is_written_in_the_shape_of_a_source_row()
    {
        var e = new SensorEvent("ev-1", At.AddTicks(10), "tenant-1", "sensor-1", "ARRIVE", JsonText.Parse("""{"n": 1e400}"""));

        using var json = JsonDocument.Parse(EntityJson.Serialize(e));

        json.RootElement.GetProperty("id").GetString().Should().Be("ev-1");
        json.RootElement.GetProperty("time").GetString().Should().Be("2026-01-12T10:30:00.000001Z", "the format of the keys");
        json.RootElement.GetProperty("tenantId").GetString().Should().Be("tenant-1");
        json.RootElement.GetProperty("decoded").GetProperty("n").GetRawText().Should().Be("1e400", "JSON is embedded as it is");
        json.RootElement.TryGetProperty("Id", out _).Should().BeFalse();
    }

    private static Dictionary<string, AttributeValue> EventItem(DateTimeOffset time, TimeSpan retention) =>
        ParkingItemMapper.ToItem(new SensorEvent("ev-" + time.Ticks, time, "tenant-1", "sensor-1", "ARRIVE", null), new ItemMappingOptions { EventRetention = retention });
}
