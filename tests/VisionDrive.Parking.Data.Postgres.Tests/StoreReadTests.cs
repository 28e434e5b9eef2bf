using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using VisionDrive.Parking.Datasets;

namespace VisionDrive.Parking.Data.Postgres.Tests;

public sealed class StoreReadTests(GuideDatabase db) : IClassFixture<GuideDatabase>
{
    private static readonly TimeRange January = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
    private static readonly List<SensorEvent> GuideEvents = new DatasetGenerator(42, 40).GuideEvents();

    private static async Task<List<T>> AllPages<T>(Func<PageRequest, Task<Page<T>>> list, int limit)
    {
        var all = new List<T>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await list(new PageRequest(limit, token));
            page.Items.Count.Should().BeLessThanOrEqualTo(limit);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
            pages++;
            pages.Should().BeLessThan(10_000);
        }
        while (token is not null);
        return all;
    }

    [Fact]
    public void Guide_dataset_has_the_guides_356_rows()
    {
        db.Summary.Total.Should().Be(356);
        db.Summary.Zones.Should().Be(36);
        db.Summary.Bays.Should().Be(40);
        db.Summary.Sensors.Should().Be(46);
        db.Summary.Events.Should().Be(192);
        db.Summary.Alerts.Should().Be(40);
    }

    [Fact]
    public async Task Tenant_by_id_and_by_slug()
    {
        var byId = await db.Store.GetTenantAsync(GuideDataset.TenantId);
        byId.Should().NotBeNull();
        byId!.Name.Should().Be("VisionDrive");
        byId.Slug.Should().Be("visiondrive");
        byId.Status.Should().Be("ACTIVE");
        (await db.Store.GetTenantBySlugAsync("visiondrive")).Should().Be(byId);
    }

    [Fact]
    public async Task Missing_entities_are_null()
    {
        (await db.Store.GetTenantAsync("nope")).Should().BeNull();
        (await db.Store.GetTenantBySlugAsync("nope")).Should().BeNull();
        (await db.Store.GetSiteAsync("nope")).Should().BeNull();
        (await db.Store.GetZoneAsync("nope")).Should().BeNull();
        (await db.Store.GetZoneWithBaysAsync("nope")).Should().BeNull();
        (await db.Store.GetBayAsync("nope")).Should().BeNull();
        (await db.Store.GetSensorAsync("nope")).Should().BeNull();
        (await db.Store.GetSensorByDevEuiAsync("0000000000000000")).Should().BeNull();
        (await db.Store.GetAlertAsync("nope")).Should().BeNull();
    }

    [Fact]
    public async Task Empty_listings_have_no_items_and_no_token()
    {
        var zones = await db.Store.ListZonesByTenantAsync("nope");
        zones.Items.Should().BeEmpty();
        zones.ContinuationToken.Should().BeNull();
        (await db.Store.ListSitesByTenantAsync("nope")).Items.Should().BeEmpty();
        (await db.Store.ListZonesBySiteAsync("nope")).Items.Should().BeEmpty();
        (await db.Store.ListSensorsByZoneAsync("nope")).Items.Should().BeEmpty();
        (await db.Store.ListSensorEventsAsync("PSL01B-001", new TimeRange(January.From, January.From))).Items.Should().BeEmpty();
        (await db.Store.ListTenantEventsAsync(GuideDataset.TenantId, new TimeRange(January.To, January.To.AddDays(1)))).Items.Should().BeEmpty();
        (await db.Store.ListAlertsByStatusAsync(GuideDataset.TenantId, "NO_SUCH_STATUS")).Items.Should().BeEmpty();
        (await db.Store.ListAlertsByZoneAsync("nope")).Items.Should().BeEmpty();
        (await db.Store.ListAlertsBySensorAsync("nope")).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Sites_of_tenant()
    {
        var sites = await db.Store.ListSitesByTenantAsync(GuideDataset.TenantId);
        sites.Items.Should().ContainSingle().Which.Timezone.Should().Be("Asia/Dubai");
        sites.Items[0].Lat.Should().BeApproximately(25.2, 0.1);
        (await db.Store.GetSiteAsync(GuideDataset.SiteId)).Should().Be(sites.Items[0]);
    }

    [Fact]
    public async Task Zones_of_tenant_are_36_in_id_order_across_pages()
    {
        var zones = await AllPages(p => db.Store.ListZonesByTenantAsync(GuideDataset.TenantId, p), 10);
        zones.Should().HaveCount(36);
        zones.Select(z => z.Id).Should().BeInAscendingOrder(StringComparer.Ordinal).And.OnlyHaveUniqueItems();
        zones.Should().Contain(z => z.Kind == "FREE" && z.Tariff == null);
        zones.Should().Contain(z => z.Kind == "PERMIT");
        var first = zones[0];
        first.Kind.Should().Be("PAID");
        first.PricePerHour.Should().Be("10");
        first.Currency.Should().Be("AED");
    }

    [Fact]
    public async Task Zones_of_site()
    {
        var zones = await AllPages(p => db.Store.ListZonesBySiteAsync(GuideDataset.SiteId, p), 1000);
        zones.Should().HaveCount(36);
    }

    [Fact]
    public async Task Zone_with_bays_orders_bays_by_code_and_derives_status()
    {
        var zone = await db.Store.GetZoneWithBaysAsync(GuideDataset.FirstZoneId);
        zone.Should().NotBeNull();
        zone!.Zone.Id.Should().Be(GuideDataset.FirstZoneId);
        zone.Bays.Select(b => b.Id).Should().Equal("bay-001", "bay-002");
        zone.Bays.Select(b => b.Code).Should().BeInAscendingOrder(StringComparer.Ordinal);
        foreach (var bay in zone.Bays)
        {
            bay.Should().Be(await db.Store.GetBayAsync(bay.Id));
        }
    }

    [Fact]
    public async Task Every_bay_status_is_derived_from_its_sensors_latest_arrive_or_leave()
    {
        for (var i = 0; i < 40; i++)
        {
            var bay = await db.Store.GetBayAsync(DatasetGenerator.BayId(i));
            var sensorId = DatasetGenerator.SensorId(i);
            var latest = GuideEvents.Where(e => e.SensorId == sensorId && EventKinds.ChangesOccupancy(e.Kind)).OrderBy(e => e.Time).Last();
            bay!.SensorId.Should().Be(sensorId);
            bay.StatusEventId.Should().Be(latest.Id);
            bay.StatusChangedAt.Should().Be(latest.Time);
            bay.Status.Should().Be(latest.Kind == EventKinds.Arrive ? BayStatus.Occupied : BayStatus.Vacant);
            bay.Status.Should().Be(i < 20 ? BayStatus.Occupied : BayStatus.Vacant, "the first 20 sensors have a second ARRIVE");
        }
    }

    [Fact]
    public async Task Sensor_by_id_and_by_devEui_in_any_spelling()
    {
        var sensor = await db.Store.GetSensorAsync(GuideDataset.FirstSensorId);
        sensor!.DevEui.Should().Be(GuideDataset.FirstSensorDevEui);
        sensor.BayId.Should().Be(GuideDataset.FirstBayId);
        (await db.Store.GetSensorByDevEuiAsync("A840410001812345")).Should().Be(sensor);
        (await db.Store.GetSensorByDevEuiAsync("a8:40:41:00:01:81:23:45")).Should().Be(sensor);
        (await db.Store.GetSensorByDevEuiAsync("a8-40-41-00-01-81-23-45")).Should().Be(sensor);
        (await db.Store.GetSensorByDevEuiAsync("A840410001812346"))!.Id.Should().Be("PSL01B-002");
    }

    [Fact]
    public async Task In_stock_sensors_have_no_zone_or_bay()
    {
        var sensor = await db.Store.GetSensorAsync("PSL01B-044");
        sensor!.ZoneId.Should().BeNull();
        sensor.BayId.Should().BeNull();
        sensor.LastSeenAt.Should().BeNull();
    }

    [Fact]
    public async Task Sensors_of_zone_in_id_order()
    {
        var sensors = await AllPages(p => db.Store.ListSensorsByZoneAsync(GuideDataset.FirstZoneId, p), 1);
        sensors.Select(s => s.Id).Should().Equal("GW-DXB-01", "PSL01B-001", "PSL01B-002");
    }

    [Fact]
    public async Task Events_of_sensor_newest_first_with_paging_and_half_open_range()
    {
        var expected = GuideEvents.Where(e => e.SensorId == "PSL01B-001").OrderByDescending(e => e.Time).ThenByDescending(e => e.Id, StringComparer.Ordinal).ToList();
        expected.Should().HaveCount(5);
        var all = await AllPages(p => db.Store.ListSensorEventsAsync("PSL01B-001", January, p), 2);
        all.Should().Equal(expected);

        var oldest = expected[^1].Time;
        var newest = expected[0].Time;
        var range = await AllPages(p => db.Store.ListSensorEventsAsync("PSL01B-001", new TimeRange(oldest, newest), p), 1);
        range.Should().Equal(expected.Skip(1), "the end of the range is exclusive and its start inclusive");
    }

    [Fact]
    public async Task Events_of_tenant_newest_first_across_pages()
    {
        var all = await AllPages(p => db.Store.ListTenantEventsAsync(GuideDataset.TenantId, January, p), 50);
        all.Should().HaveCount(192);
        all.Should().Equal(GuideEvents.OrderByDescending(e => e.Time).ThenByDescending(e => e.Id, StringComparer.Ordinal));
        all.Should().Contain(e => e.Decoded != null && e.Decoded.Raw.Contains("occupied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Open_alerts_of_tenant_newest_first()
    {
        var open = await AllPages(p => db.Store.ListAlertsByStatusAsync(GuideDataset.TenantId, AlertStatus.Open, p), 5);
        open.Should().HaveCount(12);
        open.Should().OnlyContain(a => a.Status == AlertStatus.Open);
        open.Select(a => a.CreatedAt).Should().BeInDescendingOrder();
        var resolved = await AllPages(p => db.Store.ListAlertsByStatusAsync(GuideDataset.TenantId, AlertStatus.Resolved, p), 50);
        resolved.Should().HaveCount(16).And.OnlyContain(a => a.ResolvedAt != null && a.ResolvedAt > a.CreatedAt);
    }

    [Fact]
    public async Task Alerts_of_zone_and_of_sensor()
    {
        var expected = new DatasetGenerator(42, 40);
        expected.GuideEvents();
        var alerts = expected.Alerts(40);
        var byZone = await AllPages(p => db.Store.ListAlertsByZoneAsync(GuideDataset.FirstZoneId, p), 2);
        byZone.Select(a => a.Id).Should().BeEquivalentTo(alerts.Where(a => a.ZoneId == GuideDataset.FirstZoneId).Select(a => a.Id));
        byZone.Select(a => a.CreatedAt).Should().BeInDescendingOrder();
        var bySensor = await AllPages(p => db.Store.ListAlertsBySensorAsync(GuideDataset.FirstGatewayId, p), 2);
        bySensor.Should().NotBeEmpty().And.OnlyContain(a => a.SensorId == GuideDataset.FirstGatewayId && a.Type == "OFFLINE");
        bySensor.Select(a => a.Id).Should().BeEquivalentTo(alerts.Where(a => a.SensorId == GuideDataset.FirstGatewayId).Select(a => a.Id));
    }

    [Fact]
    public async Task A_bad_continuation_token_is_an_argument_exception()
    {
        var act = () => db.Store.ListZonesByTenantAsync(GuideDataset.TenantId, new PageRequest(10, "not-a-token!"));
        (await act.Should().ThrowAsync<ArgumentException>()).WithMessage("*continuation token*");

        var zonesPage = await db.Store.ListZonesByTenantAsync(GuideDataset.TenantId, new PageRequest(10));
        var foreign = () => db.Store.ListSensorEventsAsync("PSL01B-001", January, new PageRequest(10, zonesPage.ContinuationToken));
        await foreign.Should().ThrowAsync<ArgumentException>();

        var garbage = () => db.Store.ListAlertsByZoneAsync("zone-001", new PageRequest(10, "WyJ4Il0"));
        await garbage.Should().ThrowAsync<ArgumentException>();
    }
}
