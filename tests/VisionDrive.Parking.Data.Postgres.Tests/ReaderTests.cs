using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using VisionDrive.Parking.Data.Postgres.Internal;
using VisionDrive.Parking.Datasets;

namespace VisionDrive.Parking.Data.Postgres.Tests;

public sealed class ReaderTests(GuideDatabase db) : IClassFixture<GuideDatabase>
{
    public static TheoryData<string> Strategies => ["Keyset", "SingleQuery", "Cursor", "BinaryCopy"];

    internal ParkingSourceReader Reader(SourceReadStrategy strategy) =>
        new(db.DataSource) { EventStrategy = strategy, TableStrategy = strategy };

    private static async Task<List<SourceRow<T>>> ToListAsync<T>(IAsyncEnumerable<SourceRow<T>> rows, int? take = null)
        where T : class
    {
        var list = new List<SourceRow<T>>();
        await foreach (var row in rows)
        {
            list.Add(row);
            if (list.Count == take)
            {
                break;
            }
        }

        return list;
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Every_table_streams_completely_in_key_order_without_failures(string strategyName)
    {
        var strategy = Enum.Parse<SourceReadStrategy>(strategyName);
        var reader = Reader(strategy);
        var options = new SourceReadOptions { PageSize = 7 };
        (await ToListAsync(reader.ReadTenantsAsync(options))).Should().HaveCount(1);
        (await ToListAsync(reader.ReadSitesAsync(options))).Should().HaveCount(1);
        var zones = await ToListAsync(reader.ReadZonesAsync(options));
        zones.Should().HaveCount(36);
        zones.Select(z => z.Key).Should().BeInAscendingOrder(StringComparer.Ordinal);
        (await ToListAsync(reader.ReadBaysAsync(options))).Should().HaveCount(40);
        (await ToListAsync(reader.ReadSensorsAsync(options))).Should().HaveCount(46);
        var events = await ToListAsync(reader.ReadEventsAsync(options));
        events.Should().HaveCount(192).And.OnlyContain(r => r.Entity != null && r.Failure == null);
        events.Select(e => e.Key).Should().BeInAscendingOrder(StringComparer.Ordinal).And.OnlyHaveUniqueItems();
        events.Select(e => e.Entity!.Time).Should().BeInAscendingOrder();
        events[0].Key.Should().Be(Keys.KeyTime.ToKey(events[0].Entity!.Time) + "|" + events[0].Entity!.Id);
        (await ToListAsync(reader.ReadAlertsAsync(options))).Should().HaveCount(40);
        foreach (var type in EntityTypes.All)
        {
            (await reader.CountAsync(type)).Should().Be(db.Summary.Count(type));
        }
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Stream_half_then_resume_after_the_last_key_gives_the_full_stream(string strategyName)
    {
        var strategy = Enum.Parse<SourceReadStrategy>(strategyName);
        var reader = Reader(strategy);
        var full = await ToListAsync(reader.ReadEventsAsync(new SourceReadOptions { PageSize = 10 }));
        var firstHalf = await ToListAsync(reader.ReadEventsAsync(new SourceReadOptions { PageSize = 10 }), take: 96);
        var rest = await ToListAsync(reader.ReadEventsAsync(new SourceReadOptions { PageSize = 10, AfterKey = firstHalf[^1].Key }));
        firstHalf.Concat(rest).Select(r => r.Key).Should().Equal(full.Select(r => r.Key));
        firstHalf.Concat(rest).Select(r => r.Entity).Should().Equal(full.Select(r => r.Entity));

        var zones = await ToListAsync(reader.ReadZonesAsync(new SourceReadOptions { PageSize = 5 }), take: 13);
        var moreZones = await ToListAsync(reader.ReadZonesAsync(new SourceReadOptions { PageSize = 5, AfterKey = zones[^1].Key }));
        zones.Concat(moreZones).Select(z => z.Key).Should().OnlyHaveUniqueItems().And.HaveCount(36);
    }

    [Fact]
    public async Task UpToKey_is_an_inclusive_upper_bound()
    {
        var full = await ToListAsync(db.Reader.ReadEventsAsync());
        var upTo = await ToListAsync(db.Reader.ReadEventsAsync(new SourceReadOptions { UpToKey = full[99].Key }));
        upTo.Select(r => r.Key).Should().Equal(full.Take(100).Select(r => r.Key));
        var range = await ToListAsync(db.Reader.ReadEventsAsync(new SourceReadOptions { AfterKey = full[9].Key, UpToKey = full[19].Key }));
        range.Select(r => r.Key).Should().Equal(full.Skip(10).Take(10).Select(r => r.Key));
        (await db.Reader.CountAsync(EntityType.Event, new SourceReadOptions { AfterKey = full[9].Key, UpToKey = full[19].Key })).Should().Be(10);

        var zones = await ToListAsync(db.Reader.ReadZonesAsync(new SourceReadOptions { UpToKey = "zone-010" }));
        zones.Select(z => z.Key).Should().Equal(Enumerable.Range(0, 10).Select(DatasetGenerator.ZoneId));
    }

    [Fact]
    public async Task EventTime_filters_a_half_open_range()
    {
        var full = await ToListAsync(db.Reader.ReadEventsAsync());
        var from = full[50].Entity!.Time;
        var to = full[150].Entity!.Time;
        var options = new SourceReadOptions { EventTime = new TimeRange(from, to) };
        var filtered = await ToListAsync(db.Reader.ReadEventsAsync(options));
        filtered.Select(r => r.Key).Should().Equal(full.Where(r => r.Entity!.Time >= from && r.Entity.Time < to).Select(r => r.Key));
        (await db.Reader.CountAsync(EntityType.Event, options)).Should().Be(filtered.Count);
    }

    [Theory]
    [InlineData("Keyset")]
    [InlineData("SingleQuery")]
    public async Task Three_segments_are_disjoint_and_complete(string strategyName)
    {
        var strategy = Enum.Parse<SourceReadStrategy>(strategyName);
        var reader = Reader(strategy);
        var full = await ToListAsync(reader.ReadEventsAsync());
        var segments = new List<List<SourceRow<SensorEvent>>>();
        for (var i = 0; i < 3; i++)
        {
            var options = new SourceReadOptions { SegmentIndex = i, SegmentCount = 3, PageSize = 11 };
            var segment = await ToListAsync(reader.ReadEventsAsync(options));
            segment.Should().NotBeEmpty();
            (await reader.CountAsync(EntityType.Event, options)).Should().Be(segment.Count);
            segments.Add(segment);
        }

        var union = segments.SelectMany(s => s).Select(r => r.Key).ToList();
        union.Should().OnlyHaveUniqueItems();
        union.Should().BeEquivalentTo(full.Select(r => r.Key));

        var zoneSegments = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            zoneSegments.AddRange((await ToListAsync(reader.ReadZonesAsync(new SourceReadOptions { SegmentIndex = i, SegmentCount = 3 }))).Select(z => z.Key));
        }

        zoneSegments.Should().OnlyHaveUniqueItems().And.HaveCount(36);
    }

    [Fact]
    public async Task Bays_stream_with_the_same_derived_status_as_the_store()
    {
        foreach (var row in await ToListAsync(db.Reader.ReadBaysAsync()))
        {
            row.Entity.Should().Be(await db.Store.GetBayAsync(row.Key));
        }
    }

    [Fact]
    public async Task Streamed_entities_equal_the_stores()
    {
        foreach (var row in await ToListAsync(db.Reader.ReadSensorsAsync()))
        {
            row.Entity.Should().Be(await db.Store.GetSensorAsync(row.Key));
        }

        foreach (var row in await ToListAsync(db.Reader.ReadAlertsAsync()))
        {
            row.Entity.Should().Be(await db.Store.GetAlertAsync(row.Key));
        }

        foreach (var row in await ToListAsync(db.Reader.ReadZonesAsync()))
        {
            row.Entity.Should().Be(await db.Store.GetZoneAsync(row.Key));
        }
    }

    [Fact]
    public async Task Invalid_options_are_argument_exceptions()
    {
        var bad = new[]
        {
            new SourceReadOptions { SegmentIndex = 3, SegmentCount = 3 },
            new SourceReadOptions { SegmentIndex = -1, SegmentCount = 3 },
            new SourceReadOptions { SegmentCount = 0 },
            new SourceReadOptions { PageSize = 0 },
            new SourceReadOptions { AfterKey = "not-an-event-key" },
        };
        foreach (var options in bad)
        {
            var act = () => db.Reader.ReadEventsAsync(options);
            act.Should().Throw<ArgumentException>().Which.Message.Should().Match(m => m.Contains("SourceReadOptions") || m.Contains("key"));
        }

        var zones = () => db.Reader.ReadZonesAsync(new SourceReadOptions { EventTime = new TimeRange(DateTimeOffset.MinValue, DateTimeOffset.MaxValue) });
        zones.Should().Throw<ArgumentException>().WithMessage("*EventTime*");
        var count = () => db.Reader.CountAsync(EntityType.Zone, new SourceReadOptions { PageSize = 0 });
        await count.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task Ids_with_quotes_and_backslashes_are_safe_keys()
    {
        var rows = await ToListAsync(db.Reader.ReadZonesAsync(new SourceReadOptions { AfterKey = "zz' OR 1=1 --\\" }));
        rows.Should().BeEmpty();
    }
}
