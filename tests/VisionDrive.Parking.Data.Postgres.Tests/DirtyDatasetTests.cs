using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using VisionDrive.Parking.Data.Postgres.Internal;
using VisionDrive.Parking.Datasets;

namespace VisionDrive.Parking.Data.Postgres.Tests;

public sealed class DirtyDatasetTests(DirtyDatabase db) : IClassFixture<DirtyDatabase>
{
    private async Task<List<(string Table, string Key, string Id, object? Entity, RowFailure? Failure)>> StreamAllAsync(ParkingSourceReader reader)
    {
        var all = new List<(string, string, string, object?, RowFailure?)>();
        async Task Add<T>(string table, IAsyncEnumerable<SourceRow<T>> rows)
            where T : class
        {
            await foreach (var r in rows)
            {
                var id = table == "sensor_events" ? r.Key[(r.Key.IndexOf('|', StringComparison.Ordinal) + 1)..] : r.Key;
                all.Add((table, r.Key, id, r.Entity, r.Failure));
            }
        }

        await Add("tenants", reader.ReadTenantsAsync());
        await Add("sites", reader.ReadSitesAsync());
        await Add("zones", reader.ReadZonesAsync());
        await Add("bays", reader.ReadBaysAsync());
        await Add("sensors", reader.ReadSensorsAsync());
        await Add("sensor_events", reader.ReadEventsAsync());
        await Add("alerts", reader.ReadAlertsAsync());
        return all;
    }

    [Theory]
    [InlineData("Keyset")]
    [InlineData("SingleQuery")]
    [InlineData("Cursor")]
    [InlineData("BinaryCopy")]
    public async Task Every_row_is_yielded_and_each_dirty_case_has_its_expected_source_outcome(string strategyName)
    {
        var strategy = Enum.Parse<SourceReadStrategy>(strategyName);
        var reader = new ParkingSourceReader(db.DataSource) { EventStrategy = strategy, TableStrategy = strategy };
        var all = await StreamAllAsync(reader);
        all.Should().HaveCount((int)db.Summary.Total, "no row is skipped");
        foreach (var type in EntityTypes.All)
        {
            (await reader.CountAsync(type)).Should().Be(db.Summary.Count(type));
        }

        foreach (var c in DirtyCases.All)
        {
            var rows = all.Where(r => r.Table == c.Table && r.Id == c.Key).ToList();
            rows.Should().ContainSingle($"case {c.Key} is in {c.Table}");
            var row = rows[0];
            if (c.SourceRowFailure)
            {
                row.Entity.Should().BeNull();
                row.Failure.Should().NotBeNull();
                row.Failure!.Table.Should().Be(c.Table);
                row.Failure.Field.Should().Be(c.Field);
                row.Failure.PrimaryKey.Should().StartWith(c.Key);
                row.Failure.Reason.Should().NotBeNullOrWhiteSpace();
                using var json = JsonDocument.Parse(row.Failure.RowJson);
                json.RootElement.GetProperty("id").GetString().Should().Be(c.Key);
            }
            else
            {
                row.Failure.Should().BeNull($"case {c.Key} becomes an entity");
                row.Entity.Should().NotBeNull();
            }
        }

        all.Count(r => r.Failure != null).Should().Be(DirtyCases.All.Count(c => c.SourceRowFailure));
    }

    [Fact]
    public async Task Row_failures_name_the_column_and_keep_the_row()
    {
        var events = new List<SourceRow<SensorEvent>>();
        await foreach (var r in db.Reader.ReadEventsAsync())
        {
            events.Add(r);
        }

        var nullKind = events.Single(r => r.Failure?.PrimaryKey.StartsWith(DirtyCases.EventNullKind, StringComparison.Ordinal) == true).Failure!;
        nullKind.Should().BeEquivalentTo(new { Table = "sensor_events", Field = "kind", PrimaryKey = DirtyCases.EventNullKind + "@2026-01-16T10:00:15.000000Z" });
        nullKind.Reason.Should().Contain("NULL");
        JsonDocument.Parse(nullKind.RowJson).RootElement.GetProperty("kind").ValueKind.Should().Be(JsonValueKind.Null);
        JsonDocument.Parse(nullKind.RowJson).RootElement.GetProperty("decoded").GetProperty("battery").GetDecimal().Should().Be(3.4m);

        var infinity = events[^1];
        infinity.Key.Should().Be("infinity|" + DirtyCases.EventInfinityTime, "infinity sorts after every finite time");
        infinity.Failure!.Field.Should().Be("time");
        infinity.Failure.PrimaryKey.Should().Be(DirtyCases.EventInfinityTime + "@infinity");
        infinity.Failure.Reason.Should().Contain("infinity");
        JsonDocument.Parse(infinity.Failure.RowJson).RootElement.GetProperty("time").GetString().Should().Be("infinity");

        var afterInfinity = new List<SourceRow<SensorEvent>>();
        await foreach (var r in db.Reader.ReadEventsAsync(new SourceReadOptions { AfterKey = infinity.Key }))
        {
            afterInfinity.Add(r);
        }

        afterInfinity.Should().BeEmpty();
        (await db.Reader.CountAsync(EntityType.Event, new SourceReadOptions { AfterKey = events[^2].Key })).Should().Be(1);

        var sensors = new List<SourceRow<Sensor>>();
        await foreach (var r in db.Reader.ReadSensorsAsync())
        {
            sensors.Add(r);
        }

        sensors.Single(r => r.Key == DirtyCases.SensorNullDevEui).Failure!.Field.Should().Be("devEui");
    }

    [Fact]
    public async Task Odd_json_is_kept_exactly()
    {
        var events = new Dictionary<string, SensorEvent>();
        await foreach (var r in db.Reader.ReadEventsAsync())
        {
            if (r.Entity is { } e)
            {
                events[e.Id] = e;
            }
        }

        events[DirtyCases.EventJsonLarge].Decoded!.Raw.Length.Should().BeGreaterThan(400 * 1024);
        events[DirtyCases.EventJsonBigNumber].Decoded!.Raw.Should().Contain("123456789012345678901234567890123456789012345");
        events[DirtyCases.EventJsonNull].Decoded!.Raw.Should().Be("null");
        events[DirtyCases.EventDecodedSqlNull].Decoded.Should().BeNull();
        events[DirtyCases.EventJsonScalarString].Decoded!.RootKind.Should().Be(JsonValueKind.String);
        events[DirtyCases.EventJsonArray].Decoded!.RootKind.Should().Be(JsonValueKind.Array);
        events[DirtyCases.EventJsonUnicodeKeys].Decoded!.Raw.Should().Contain("温度");
        events[DirtyCases.EventJsonDeep].Decoded!.Should().Be(JsonText.Parse(DirtySql.Nested(20)));
        events[DirtyCases.EventJsonTooDeep].Decoded!.Should().Be(JsonText.Parse(DirtySql.Nested(40)));
        events.Values.Count(e => e.SensorId == "PSL01B-003" && Keys.KeyTime.ToKey(e.Time) == DirtyCases.SameMicrosecondTime).Should().Be(3);

        var zone = await db.Store.GetZoneAsync(DirtyCases.ZoneTariffString);
        zone!.Tariff!.RootKind.Should().Be(JsonValueKind.String);
        zone.PricePerHour.Should().BeNull();
        (await db.Store.GetZoneAsync(DirtyCases.ZoneTariffArray))!.Tariff!.RootKind.Should().Be(JsonValueKind.Array);
    }

    [Fact]
    public async Task Store_reads_dirty_rows_with_the_same_semantics()
    {
        (await db.Store.GetSensorByDevEuiAsync(GuideDataset.FirstSensorDevEui))!.Id.Should().Be("PSL01B-001", "of duplicate DevEUIs the smallest id wins");
        (await db.Store.GetSensorByDevEuiAsync("A8404100 0181FF01"))!.Id.Should().Be(DirtyCases.SensorDevEuiColons);
        (await db.Store.GetSensorByDevEuiAsync("a8404100-0181-ff01"))!.Id.Should().Be(DirtyCases.SensorDevEuiColons);
        (await db.Store.GetSensorByDevEuiAsync("a8:40:41:00:01:81:23:4"))!.Id.Should().Be(DirtyCases.SensorDevEui15);

        var zone = await db.Store.GetZoneWithBaysAsync(GuideDataset.FirstZoneId);
        zone!.Bays.Select(b => b.Id).Should().Equal("bay-001", DirtyCases.BayDuplicateCodeA, DirtyCases.BayDuplicateCodeB, "bay-002");
        zone.Bays.Take(3).Should().OnlyContain(b => b.Code == "A-001");

        var hashBay = await db.Store.GetBayAsync(DirtyCases.BayHashPercent);
        hashBay!.SensorId.Should().Be(DirtyCases.SensorHashPercent);
        hashBay.Status.Should().Be(BayStatus.Occupied);
        hashBay.StatusEventId.Should().Be(DirtyCases.EventHashPercent);

        var same = await db.Store.ListSensorEventsAsync("PSL01B-003", new TimeRange(
            new DateTimeOffset(2026, 1, 15, 9, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 15, 9, 31, 0, TimeSpan.Zero)), new PageRequest(2));
        same.Items.Select(e => e.Id).Should().Equal(DirtyCases.EventSameMicrosecond3, DirtyCases.EventSameMicrosecond2);
        var next = await db.Store.ListSensorEventsAsync("PSL01B-003", new TimeRange(
            new DateTimeOffset(2026, 1, 15, 9, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 15, 9, 31, 0, TimeSpan.Zero)), new PageRequest(2, same.ContinuationToken));
        next.Items.Select(e => e.Id).Should().Equal(DirtyCases.EventSameMicrosecond1);
        next.ContinuationToken.Should().BeNull();

        (await db.Store.GetAlertAsync(DirtyCases.AlertEmptyMessage))!.Message.Should().BeEmpty();
        (await db.Store.GetAlertAsync(DirtyCases.AlertNulls))!.Message.Should().BeNull();
        (await db.Store.GetTenantAsync(DirtyCases.TenantHashPercent))!.Slug.Should().Be("hash-percent");
        (await db.Store.GetTenantAsync(DirtyCases.TenantUnicode))!.Name.Should().Contain("مواقف");
    }

    [Fact]
    public async Task A_store_read_of_a_row_missing_a_required_value_names_the_row_and_column()
    {
        var act = async () => await db.Store.GetSensorAsync(DirtyCases.SensorNullDevEui);
        var ex = (await act.Should().ThrowAsync<InvalidEntityException>()).Which;
        ex.EntityId.Should().Be(DirtyCases.SensorNullDevEui);
        ex.Field.Should().Be("devEui");
    }
}
