using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Datasets;

namespace VisionDrive.Parking.IntegrationTests.Conformance;

/// <summary>
/// The conformance suite, written once: every access pattern and write path of <see cref="IParkingStore"/> on the seeded <c>guide</c> data.
/// Reads are checked against fixed expectations and against the PostgreSQL reference store over a pristine copy of the same data (same items,
/// same order). Writes run on a separate write tenant with fresh ids, so they cannot change what the reads see.
/// </summary>
public abstract partial class ParkingStoreConformanceTests(ConformanceWorld world)
{
    private const string Tenant = GuideDataset.TenantId;
    private static readonly TimeRange January = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
    private static readonly DateTimeOffset Future = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The store under test.</summary>
    protected abstract IParkingStore Store { get; }

    /// <summary>The PostgreSQL store over a pristine copy of the data: the expected answers.</summary>
    protected IParkingStore Reference => world.Reference;

    // ---- Tenants and sites ----

    [Fact]
    public async Task Tenant_by_id_and_by_slug()
    {
        var byId = await Store.GetTenantAsync(Tenant);
        byId.Should().NotBeNull();
        byId!.Slug.Should().Be(GuideDataset.TenantSlug);
        byId.Name.Should().Be("VisionDrive");
        byId.Should().Be(await Reference.GetTenantAsync(Tenant));
        (await Store.GetTenantBySlugAsync(GuideDataset.TenantSlug)).Should().Be(byId);
    }

    [Fact]
    public async Task Sites_of_a_tenant()
    {
        var sites = await Store.ListSitesByTenantAsync(Tenant);
        sites.Items.Select(s => s.Id).Should().Equal(GuideDataset.SiteId);
        sites.ContinuationToken.Should().BeNull();
        sites.Items.Should().Equal((await Reference.ListSitesByTenantAsync(Tenant)).Items);
        (await Store.GetSiteAsync(GuideDataset.SiteId)).Should().Be(sites.Items[0]);
    }

    // ---- Zones and bays ----

    [Fact]
    public async Task Zones_of_a_tenant_are_the_guides_36_in_id_order_across_pages()
    {
        var (zones, pages) = await ReadAllAsync(p => Store.ListZonesByTenantAsync(Tenant, p), 10);

        zones.Should().HaveCount(GuideDataset.ZoneCount);
        pages.Should().Be(4);
        zones.Select(z => z.Id).Should().Equal(Enumerable.Range(1, 36).Select(i => $"zone-{i:000}"));
        zones.Should().Equal((await Reference.ListZonesByTenantAsync(Tenant, new PageRequest(100))).Items);
        zones[0].PricePerHour.Should().Be("10");
        zones[0].Currency.Should().Be("AED");
    }

    [Fact]
    public async Task Zones_of_a_site()
    {
        var (zones, _) = await ReadAllAsync(p => Store.ListZonesBySiteAsync(GuideDataset.SiteId, p), 7);
        zones.Should().HaveCount(GuideDataset.ZoneCount);
        zones.Should().Equal((await Reference.ListZonesBySiteAsync(GuideDataset.SiteId, new PageRequest(100))).Items);
    }

    [Fact]
    public async Task A_zone_with_its_bays_and_their_live_status()
    {
        for (var z = 1; z <= GuideDataset.ZoneCount; z++)
        {
            var zoneId = $"zone-{z:000}";
            var zone = await Store.GetZoneWithBaysAsync(zoneId);
            var expected = await Reference.GetZoneWithBaysAsync(zoneId);
            zone.Should().NotBeNull();
            zone!.Zone.Should().Be(expected!.Zone);
            zone.Bays.Should().Equal(expected.Bays, $"zone {zoneId}'s bays must match");
        }

        var first = (await Store.GetZoneWithBaysAsync(GuideDataset.FirstZoneId))!;
        first.Bays.Select(b => b.Id).Should().Equal("bay-001", "bay-002");
        first.Bays[0].Status.Should().Be(BayStatus.Occupied, "sensor PSL01B-001's last ARRIVE/LEAVE is its second ARRIVE");
        first.Bays[0].SensorId.Should().Be(GuideDataset.FirstSensorId);
        first.Bays[0].StatusEventId.Should().NotBeNull();
    }

    [Fact]
    public async Task Bay_by_id_with_the_same_status_as_the_reference_for_every_bay()
    {
        var statuses = new List<string>();
        for (var b = 1; b <= GuideDataset.BayCount; b++)
        {
            var bayId = $"bay-{b:000}";
            var bay = await Store.GetBayAsync(bayId);
            bay.Should().NotBeNull();
            bay.Should().Be(await Reference.GetBayAsync(bayId), $"bay {bayId} must match");
            statuses.Add(bay!.Status);
        }

        statuses.Count(s => s == BayStatus.Occupied).Should().Be(20, "the first 20 parking sensors end on an ARRIVE");
        statuses.Count(s => s == BayStatus.Vacant).Should().Be(20);
    }

    // ---- Sensors ----

    [Fact]
    public async Task Sensor_by_id_and_by_DevEUI_in_any_case_and_with_separators()
    {
        var sensor = await Store.GetSensorAsync(GuideDataset.FirstSensorId);
        sensor.Should().NotBeNull();
        sensor.Should().Be(await Reference.GetSensorAsync(GuideDataset.FirstSensorId));
        sensor!.DevEui.Should().Be(GuideDataset.FirstSensorDevEui);

        (await Store.GetSensorByDevEuiAsync(GuideDataset.FirstSensorDevEui)).Should().Be(sensor);
        (await Store.GetSensorByDevEuiAsync(GuideDataset.FirstSensorDevEui.ToLowerInvariant())).Should().Be(sensor);
        (await Store.GetSensorByDevEuiAsync("a8:40:41:00:01:81:23:45")).Should().Be(sensor);
        (await Store.GetSensorByDevEuiAsync("A8-40-41-00-01-81-23-45")).Should().Be(sensor);

        var inStock = await Store.GetSensorAsync("PSL01B-041");
        inStock!.ZoneId.Should().BeNull();
        inStock.Should().Be(await Reference.GetSensorAsync("PSL01B-041"));
        (await Store.GetSensorAsync(GuideDataset.FirstGatewayId)).Should().Be(await Reference.GetSensorAsync(GuideDataset.FirstGatewayId));
    }

    [Fact]
    public async Task Sensors_of_a_zone_in_id_order()
    {
        var sensors = await Store.ListSensorsByZoneAsync(GuideDataset.FirstZoneId);
        sensors.Items.Select(s => s.Id).Should().Equal(GuideDataset.FirstGatewayId, "PSL01B-001", "PSL01B-002");
        sensors.Items.Should().Equal((await Reference.ListSensorsByZoneAsync(GuideDataset.FirstZoneId)).Items);

        var (paged, pages) = await ReadAllAsync(p => Store.ListSensorsByZoneAsync(GuideDataset.FirstZoneId, p), 2);
        paged.Should().Equal(sensors.Items);
        pages.Should().Be(2);
    }

    // ---- Events ----

    [Fact]
    public async Task Events_of_a_sensor_newest_first_paged_by_three_without_gaps_or_duplicates()
    {
        var all = (await Store.ListSensorEventsAsync(GuideDataset.FirstSensorId, January, new PageRequest(1000))).Items;
        all.Should().HaveCount(5, "PSL01B-001 has ARRIVE, LEAVE, a second ARRIVE and two HEARTBEATs");
        all.Should().Equal((await Reference.ListSensorEventsAsync(GuideDataset.FirstSensorId, January, new PageRequest(1000))).Items);
        AssertNewestFirst(all);

        var (paged, pages) = await ReadAllAsync(p => Store.ListSensorEventsAsync(GuideDataset.FirstSensorId, January, p), 3);
        pages.Should().Be(2);
        paged.Should().Equal(all);
        paged.Select(e => e.Id).Should().OnlyHaveUniqueItems();

        // A sub-range is half-open: the event at 'from' is in, the one at 'to' is out.
        var inner = new TimeRange(all[3].Time, all[1].Time);
        var sub = (await Store.ListSensorEventsAsync(GuideDataset.FirstSensorId, inner, new PageRequest(1000))).Items;
        sub.Select(e => e.Id).Should().Equal(all[2].Id, all[3].Id);
        sub.Should().Equal((await Reference.ListSensorEventsAsync(GuideDataset.FirstSensorId, inner, new PageRequest(1000))).Items);
    }

    [Fact]
    public async Task Events_of_a_tenant_in_a_range_of_several_days_newest_first_across_pages()
    {
        var range = new TimeRange(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 9, 12, 0, 0, TimeSpan.Zero));
        var expected = (await Reference.ListTenantEventsAsync(Tenant, range, new PageRequest(1000))).Items;
        expected.Select(e => e.Time.UtcDateTime.Date).Distinct().Should().HaveCountGreaterThan(2, "the range spans several days");

        var (paged, _) = await ReadAllAsync(p => Store.ListTenantEventsAsync(Tenant, range, p), 7);
        paged.Should().Equal(expected);
        AssertNewestFirst(paged);
        paged.Should().OnlyContain(e => range.Contains(e.Time));

        var month = (await Store.ListTenantEventsAsync(Tenant, January, new PageRequest(1000))).Items;
        month.Should().HaveCount(GuideDataset.EventCount);
        month.Should().Equal((await Reference.ListTenantEventsAsync(Tenant, January, new PageRequest(1000))).Items);
    }

    // ---- Alerts ----

    [Fact]
    public async Task Open_alerts_of_a_tenant_newest_first()
    {
        var (open, _) = await ReadAllAsync(p => Store.ListAlertsByStatusAsync(Tenant, AlertStatus.Open, p), 5);
        open.Should().HaveCount(12, "alerts 1-3, 11-13, 21-23, 31-33 are open");
        open.Should().OnlyContain(a => a.Status == AlertStatus.Open);
        open.Should().Equal((await Reference.ListAlertsByStatusAsync(Tenant, AlertStatus.Open, new PageRequest(100))).Items);
        open.Select(a => a.CreatedAt).Should().BeInDescendingOrder();

        foreach (var status in new[] { AlertStatus.Acknowledged, AlertStatus.Resolved })
        {
            (await Store.ListAlertsByStatusAsync(Tenant, status, new PageRequest(100))).Items
                .Should().Equal((await Reference.ListAlertsByStatusAsync(Tenant, status, new PageRequest(100))).Items);
        }
    }

    [Fact]
    public async Task Alerts_of_a_zone_newest_first()
    {
        for (var z = 1; z <= GuideDataset.ZoneCount; z++)
        {
            var zoneId = $"zone-{z:000}";
            var (alerts, _) = await ReadAllAsync(p => Store.ListAlertsByZoneAsync(zoneId, p), 2);
            alerts.Should().Equal((await Reference.ListAlertsByZoneAsync(zoneId, new PageRequest(100))).Items, $"zone {zoneId}'s alerts must match");
        }

        (await Store.ListAlertsByZoneAsync(GuideDataset.FirstZoneId)).Items.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Alerts_of_a_sensor_newest_first()
    {
        var sensors = Enumerable.Range(1, 44).Select(i => $"PSL01B-{i:000}").Append("GW-DXB-01").Append("GW-DXB-02");
        var total = 0;
        foreach (var sensorId in sensors)
        {
            var (alerts, _) = await ReadAllAsync(p => Store.ListAlertsBySensorAsync(sensorId, p), 2);
            alerts.Should().Equal((await Reference.ListAlertsBySensorAsync(sensorId, new PageRequest(100))).Items, $"sensor {sensorId}'s alerts must match");
            alerts.Where(a => a.SensorId != sensorId).Should().BeEmpty();
            total += alerts.Count;
        }

        total.Should().Be(GuideDataset.AlertCount);
        (await Store.ListAlertsBySensorAsync(GuideDataset.FirstGatewayId)).Items.Should().NotBeEmpty();
    }

    // ---- Empty results ----

    [Fact]
    public async Task Unknown_ids_and_empty_ranges_give_empty_results()
    {
        (await Store.GetTenantAsync("no-such-tenant")).Should().BeNull();
        (await Store.GetTenantAsync("")).Should().BeNull();
        (await Store.GetTenantBySlugAsync("no-such-slug")).Should().BeNull();
        (await Store.GetSiteAsync("no-such-site")).Should().BeNull();
        (await Store.GetZoneAsync("no-such-zone")).Should().BeNull();
        (await Store.GetZoneWithBaysAsync("no-such-zone")).Should().BeNull();
        (await Store.GetBayAsync("no-such-bay")).Should().BeNull();
        (await Store.GetSensorAsync("no-such-sensor")).Should().BeNull();
        (await Store.GetSensorByDevEuiAsync("FFFFFFFFFFFFFFFF")).Should().BeNull();
        (await Store.GetSensorByDevEuiAsync("")).Should().BeNull();
        (await Store.GetAlertAsync("no-such-alert")).Should().BeNull();

        await AssertEmptyAsync(Store.ListSitesByTenantAsync("no-such-tenant"));
        await AssertEmptyAsync(Store.ListZonesByTenantAsync("no-such-tenant"));
        await AssertEmptyAsync(Store.ListZonesBySiteAsync("no-such-site"));
        await AssertEmptyAsync(Store.ListSensorsByZoneAsync("no-such-zone"));
        await AssertEmptyAsync(Store.ListSensorEventsAsync("no-such-sensor", January));
        await AssertEmptyAsync(Store.ListSensorEventsAsync(GuideDataset.FirstSensorId, new TimeRange(January.From, January.From)));
        await AssertEmptyAsync(Store.ListSensorEventsAsync(GuideDataset.FirstSensorId, new TimeRange(January.From.AddYears(-5), January.From.AddYears(-4))));
        await AssertEmptyAsync(Store.ListTenantEventsAsync("no-such-tenant", January));
        await AssertEmptyAsync(Store.ListTenantEventsAsync(Tenant, new TimeRange(January.To, January.To)));
        await AssertEmptyAsync(Store.ListTenantEventsAsync(Tenant, new TimeRange(January.To.AddDays(100), January.To.AddDays(130))));
        await AssertEmptyAsync(Store.ListAlertsByStatusAsync("no-such-tenant", AlertStatus.Open));
        await AssertEmptyAsync(Store.ListAlertsByStatusAsync(Tenant, "NO_SUCH_STATUS"));
        await AssertEmptyAsync(Store.ListAlertsByZoneAsync("no-such-zone"));
        await AssertEmptyAsync(Store.ListAlertsBySensorAsync("no-such-sensor"));
        await AssertEmptyAsync(Store.ListAlertsBySensorAsync("PSL01B-041"));
    }

    [Fact]
    public async Task A_malformed_continuation_token_is_an_ArgumentException()
    {
        foreach (var token in new[] { "%%%", "bm90LWEtdG9rZW4", "WyJ6b25lcy1vZi10ZW5hbnQiXQ" })
        {
            var zones = () => Store.ListZonesByTenantAsync(Tenant, new PageRequest(5, token));
            await zones.Should().ThrowAsync<ArgumentException>();
            var events = () => Store.ListSensorEventsAsync(GuideDataset.FirstSensorId, January, new PageRequest(5, token));
            await events.Should().ThrowAsync<ArgumentException>();
            var tenantEvents = () => Store.ListTenantEventsAsync(Tenant, January, new PageRequest(5, token));
            await tenantEvents.Should().ThrowAsync<ArgumentException>();
            var alerts = () => Store.ListAlertsBySensorAsync(GuideDataset.FirstSensorId, new PageRequest(5, token));
            await alerts.Should().ThrowAsync<ArgumentException>();
        }

        var zonePage = await Store.ListZonesByTenantAsync(Tenant, new PageRequest(5));
        var wrongListing = () => Store.ListSensorsByZoneAsync(GuideDataset.FirstZoneId, new PageRequest(5, zonePage.ContinuationToken));
        await wrongListing.Should().ThrowAsync<ArgumentException>("a token of another listing is refused");
    }

    // ---- Writes (write tenant only, fresh ids) ----

    [Fact]
    public async Task A_redelivered_event_writes_nothing_new()
    {
        var sensor = WriteTenant.Sensor(1);
        var e = NewEvent(sensor, Future, EventKinds.Heartbeat, """{"battery": 3.61, "rssi": -88}""");

        (await Store.RecordEventAsync(e)).Should().Be(new RecordEventResult(Created: true, BayStatusChanged: false));
        (await Store.RecordEventAsync(e)).Created.Should().BeFalse();

        var listed = (await Store.ListSensorEventsAsync(sensor, new TimeRange(Future.AddDays(-1), Future.AddDays(1)))).Items;
        listed.Should().ContainSingle().Which.Should().Be(e);
        (await Store.ListTenantEventsAsync(WriteTenant.TenantId, new TimeRange(Future.AddDays(-1), Future.AddDays(1)))).Items.Should().Contain(e);
    }

    [Fact]
    public async Task A_redelivered_ARRIVE_is_not_created_again_and_does_not_change_the_bay_again()
    {
        var arrive = NewEvent(WriteTenant.Sensor(5), Future, EventKinds.Arrive);
        (await Store.RecordEventAsync(arrive)).Should().Be(new RecordEventResult(true, true));
        (await Store.RecordEventAsync(arrive)).Should().Be(new RecordEventResult(false, false));
        (await Store.GetBayAsync(WriteTenant.Bay(5)))!.Status.Should().Be(BayStatus.Occupied);
    }

    [Fact]
    public async Task An_event_delivered_out_of_order_does_not_flip_the_bay_back()
    {
        var sensor = WriteTenant.Sensor(2);
        var bayId = WriteTenant.Bay(2);
        (await Store.GetBayAsync(bayId))!.Status.Should().Be(BayStatus.Vacant);

        var arrive = NewEvent(sensor, Future.AddHours(2), EventKinds.Arrive);
        var lateLeave = NewEvent(sensor, Future.AddHours(1), EventKinds.Leave);
        (await Store.RecordEventAsync(arrive)).Should().Be(new RecordEventResult(true, true));
        (await Store.RecordEventAsync(lateLeave)).Should().Be(new RecordEventResult(true, false));

        var bay = await Store.GetBayAsync(bayId);
        bay!.Status.Should().Be(BayStatus.Occupied);
        bay.StatusEventId.Should().Be(arrive.Id);
        bay.StatusChangedAt.Should().Be(arrive.Time);
        bay.SensorId.Should().Be(sensor);
        (await Store.GetZoneWithBaysAsync(WriteTenant.ZoneId))!.Bays.Single(b => b.Id == bayId).Should().Be(bay);

        var leave = NewEvent(sensor, Future.AddHours(3), EventKinds.Leave);
        (await Store.RecordEventAsync(leave)).Should().Be(new RecordEventResult(true, true));
        (await Store.GetBayAsync(bayId))!.Status.Should().Be(BayStatus.Vacant);

        var heartbeat = NewEvent(sensor, Future.AddHours(4), EventKinds.Heartbeat);
        (await Store.RecordEventAsync(heartbeat)).Should().Be(new RecordEventResult(true, false));
        (await Store.GetBayAsync(bayId))!.StatusEventId.Should().Be(leave.Id, "only ARRIVE and LEAVE move a bay");
        (await Store.ListSensorEventsAsync(sensor, new TimeRange(Future, Future.AddDays(1)))).Items.Select(e => e.Id)
            .Should().Equal(heartbeat.Id, leave.Id, arrive.Id, lateLeave.Id);
    }

    [Fact]
    public async Task A_second_ARRIVE_keeps_the_bay_occupied_without_a_status_change()
    {
        var sensor = WriteTenant.Sensor(3);
        (await Store.RecordEventAsync(NewEvent(sensor, Future, EventKinds.Arrive))).BayStatusChanged.Should().BeTrue();
        var again = NewEvent(sensor, Future.AddMinutes(5), EventKinds.Arrive);
        (await Store.RecordEventAsync(again)).Should().Be(new RecordEventResult(true, false));
        (await Store.GetBayAsync(WriteTenant.Bay(3)))!.StatusEventId.Should().Be(again.Id);
    }

    [Fact]
    public async Task An_event_of_a_sensor_without_a_bay_is_recorded_and_moves_no_bay()
    {
        var e = NewEvent(WriteTenant.SensorWithoutBay, Future, EventKinds.Arrive);
        (await Store.RecordEventAsync(e)).Should().Be(new RecordEventResult(true, false));
        var unknown = NewEvent("cf-unknown-sensor", Future, EventKinds.Leave);
        (await Store.RecordEventAsync(unknown)).Should().Be(new RecordEventResult(true, false));
    }

    [Fact]
    public async Task Touching_lastSeenAt_only_moves_it_forward()
    {
        var sensor = WriteTenant.Sensor(4);
        var t1 = Future.AddMinutes(1);
        var t2 = Future.AddMinutes(2);

        (await Store.TouchLastSeenAsync(sensor, t2)).Should().BeTrue();
        (await Store.TouchLastSeenAsync(sensor, t1)).Should().BeFalse();
        (await Store.TouchLastSeenAsync(sensor, t2)).Should().BeFalse();
        (await Store.GetSensorAsync(sensor))!.LastSeenAt.Should().Be(t2);
        (await Store.TouchLastSeenAsync(sensor, t2.AddTicks(10))).Should().BeTrue();
        (await Store.GetSensorAsync(sensor))!.LastSeenAt.Should().Be(t2.AddTicks(10));
        (await Store.TouchLastSeenAsync("cf-unknown-sensor", t2)).Should().BeFalse();
    }

    [Fact]
    public async Task Raise_is_idempotent_and_acknowledge_and_resolve_move_the_alert_between_status_listings()
    {
        var id = "cf-alert-" + Guid.NewGuid().ToString("N");
        var alert = new Alert(id, WriteTenant.TenantId, WriteTenant.SiteId, WriteTenant.ZoneId, WriteTenant.Bay(6), WriteTenant.Sensor(6),
            "OVERSTAY", "INFO", AlertStatus.Open, "Bay W-06 occupied beyond the 4 h limit", Future, null);

        (await Store.RaiseAlertAsync(alert)).Should().BeTrue();
        (await Store.RaiseAlertAsync(alert with { Message = "changed" })).Should().BeFalse();
        (await Store.GetAlertAsync(id)).Should().Be(alert);
        (await OpenIdsAsync(AlertStatus.Open)).Should().Contain(id);
        (await Store.ListAlertsByZoneAsync(WriteTenant.ZoneId)).Items.Should().Contain(alert);
        (await Store.ListAlertsBySensorAsync(WriteTenant.Sensor(6))).Items.Should().Equal(alert);

        var acknowledged = await Store.AcknowledgeAlertAsync(id);
        acknowledged.Should().Be(alert with { Status = AlertStatus.Acknowledged });
        (await OpenIdsAsync(AlertStatus.Open)).Should().NotContain(id);
        (await OpenIdsAsync(AlertStatus.Acknowledged)).Should().Contain(id);
        (await Store.AcknowledgeAlertAsync(id)).Should().Be(acknowledged, "only an open alert can be acknowledged");

        var resolvedAt = Future.AddHours(1);
        var resolved = await Store.ResolveAlertAsync(id, resolvedAt);
        resolved.Should().Be(alert with { Status = AlertStatus.Resolved, ResolvedAt = resolvedAt });
        (await OpenIdsAsync(AlertStatus.Acknowledged)).Should().NotContain(id);
        (await OpenIdsAsync(AlertStatus.Resolved)).Should().Contain(id);
        (await Store.ResolveAlertAsync(id, resolvedAt.AddHours(1))).Should().Be(resolved, "a resolved alert stays as it was");
        (await Store.AcknowledgeAlertAsync(id)).Should().Be(resolved);
        (await Store.GetAlertAsync(id)).Should().Be(resolved);
    }

    [Fact]
    public async Task An_open_alert_can_be_resolved_directly_and_missing_alerts_are_null()
    {
        var id = "cf-alert-" + Guid.NewGuid().ToString("N");
        var alert = new Alert(id, WriteTenant.TenantId, null, null, null, WriteTenant.Sensor(7), "LOW_BATTERY", "WARNING", AlertStatus.Open, null, Future, null);
        (await Store.RaiseAlertAsync(alert)).Should().BeTrue();
        (await Store.ListAlertsBySensorAsync(WriteTenant.Sensor(7))).Items.Should().Equal(alert);

        var resolvedAt = Future.AddMinutes(30);
        (await Store.ResolveAlertAsync(id, resolvedAt)).Should().Be(alert with { Status = AlertStatus.Resolved, ResolvedAt = resolvedAt });
        (await OpenIdsAsync(AlertStatus.Open)).Should().NotContain(id);

        (await Store.AcknowledgeAlertAsync("cf-no-such-alert")).Should().BeNull();
        (await Store.ResolveAlertAsync("cf-no-such-alert", resolvedAt)).Should().BeNull();
    }

    // ---- Helpers ----

    private async Task<List<string>> OpenIdsAsync(string status) =>
        (await Store.ListAlertsByStatusAsync(WriteTenant.TenantId, status, new PageRequest(1000))).Items.Select(a => a.Id).ToList();

    private static SensorEvent NewEvent(string sensorId, DateTimeOffset time, string kind, string? decoded = null) =>
        new("cf-evt-" + Guid.NewGuid().ToString("N"), time, WriteTenant.TenantId, sensorId, kind, decoded is null ? null : JsonText.Parse(decoded));

    /// <summary>Reads every page; checks that only the last page lacks a token and no page is empty.</summary>
    private static async Task<(List<T> Items, int Pages)> ReadAllAsync<T>(Func<PageRequest, Task<Page<T>>> list, int pageSize)
    {
        var items = new List<T>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await list(new PageRequest(pageSize, token));
            pages++;
            page.Items.Count.Should().BeLessThanOrEqualTo(pageSize);
            if (page.ContinuationToken is not null)
            {
                page.Items.Should().HaveCount(pageSize, "only the last page may be short");
            }

            if (pages > 1)
            {
                page.Items.Should().NotBeEmpty("there is no empty last page");
            }

            items.AddRange(page.Items);
            token = page.ContinuationToken;
            pages.Should().BeLessThan(10_000);
        }
        while (token is not null);

        return (items, pages);
    }

    private static async Task AssertEmptyAsync<T>(Task<Page<T>> listing)
    {
        var page = await listing;
        page.Items.Should().BeEmpty();
        page.ContinuationToken.Should().BeNull();
    }

    private static void AssertNewestFirst(IReadOnlyList<SensorEvent> events)
    {
        for (var i = 1; i < events.Count; i++)
        {
            var newer = events[i - 1];
            var older = events[i];
            (newer.Time > older.Time || (newer.Time == older.Time && string.CompareOrdinal(newer.Id, older.Id) > 0))
                .Should().BeTrue($"{newer.Id} at {newer.Time:O} must come before {older.Id} at {older.Time:O}");
        }
    }
}
