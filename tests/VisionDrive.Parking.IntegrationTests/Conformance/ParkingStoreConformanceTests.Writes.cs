using System;
using System.Linq;
using System.Threading.Tasks;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Datasets;

namespace VisionDrive.Parking.IntegrationTests.Conformance;

/// <content>
/// The writes of every aggregate, with the same expectations on both stores. Each test builds its own tenant (fresh ids), except the tests of
/// migrated data, which use the write tenant's items as the migration wrote them (no uniqueness items, status derived by the migration).
/// </content>
public abstract partial class ParkingStoreConformanceTests
{
    private static string Fresh(string prefix) => "w-" + prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    private static string FreshDevEui() => "F0" + Guid.NewGuid().ToString("N")[..14].ToUpperInvariant();

    /// <summary>A tenant with one site, two zones, bays B1 and B2 in the first zone.</summary>
    private async Task<(Tenant Tenant, Site Site, Zone Zone, Zone Other, Bay B1, Bay B2)> NewPlaceAsync()
    {
        var tenant = await Store.CreateTenantAsync(new Tenant(Fresh("t"), "Writes", Fresh("slug"), "ACTIVE", default, default));
        var site = await Store.CreateSiteAsync(new Site(Fresh("s"), tenant.Id, "Site", "1 Road", 25.2, 55.3, "Asia/Dubai", default, default));
        var zone = await Store.CreateZoneAsync(new Zone(Fresh("z"), tenant.Id, site.Id, "Zone", "PAID", JsonText.Parse("""{"pricePerHour": 10, "currency": "AED"}"""), default, default));
        var other = await Store.CreateZoneAsync(new Zone(Fresh("z"), tenant.Id, site.Id, "Other", "FREE", null, default, default));
        var b1 = await Store.CreateBayAsync(new Bay(Fresh("b"), tenant.Id, "", zone.Id, "A-001", 25.21, 55.31, default, default));
        var b2 = await Store.CreateBayAsync(new Bay(Fresh("b"), tenant.Id, "", zone.Id, "A-002", null, null, default, default));
        return (tenant, site, zone, other, b1, b2);
    }

    private static Sensor NewSensor(Tenant tenant, string siteId, string? zoneId, string? bayId, string? devEui = null) =>
        new(Fresh("n"), tenant.Id, siteId, zoneId, bayId, devEui ?? FreshDevEui(), "PARKING", SensorStatuses.Active, null, default, default);

    [Fact]
    public async Task Created_entities_read_back_as_written_with_store_set_versions()
    {
        var (tenant, site, zone, _, b1, _) = await NewPlaceAsync();

        (await Store.GetTenantAsync(tenant.Id)).Should().Be(tenant);
        (await Store.GetTenantBySlugAsync(tenant.Slug)).Should().Be(tenant);
        (await Store.GetSiteAsync(site.Id)).Should().Be(site);
        (await Store.GetZoneAsync(zone.Id)).Should().Be(zone);
        zone.PricePerHour.Should().Be("10");
        zone.Currency.Should().Be("AED");
        (await Store.GetBayAsync(b1.Id)).Should().Be(b1);
        b1.SiteId.Should().Be(site.Id, "a bay's site is its zone's");
        b1.Status.Should().Be(BayStatus.Vacant);
        tenant.UpdatedAt.Should().Be(tenant.CreatedAt);
        tenant.CreatedAt.Should().BeAfter(DateTimeOffset.UtcNow.AddMinutes(-5));
        (await Store.ListSitesByTenantAsync(tenant.Id)).Items.Should().Equal(site);
        (await Store.ListZonesBySiteAsync(site.Id)).Items.Should().HaveCount(2);
    }

    [Fact]
    public async Task An_update_moves_the_version_and_a_stale_version_changes_nothing()
    {
        var (tenant, site, zone, _, _, _) = await NewPlaceAsync();

        var renamed = await Store.UpdateZoneAsync(zone with { Name = "Renamed", Tariff = JsonText.Parse("""{"pricePerHour": 12.5, "currency": "USD"}""") });
        renamed.UpdatedAt.Should().BeAfter(zone.UpdatedAt);
        renamed.CreatedAt.Should().Be(zone.CreatedAt);
        renamed.PricePerHour.Should().Be("12.5");
        (await Store.GetZoneAsync(zone.Id)).Should().Be(renamed);

        var stale = () => Store.UpdateZoneAsync(zone with { Name = "Lost update" }).AsTask();
        (await stale.Should().ThrowAsync<StaleVersionException>()).Which.CurrentVersion.Should().Be(renamed.UpdatedAt);
        var staleDelete = () => Store.DeleteZoneAsync(tenant.Id, zone.Id, zone.UpdatedAt).AsTask();
        await staleDelete.Should().ThrowAsync<StaleVersionException>();
        (await Store.GetZoneAsync(zone.Id)).Should().Be(renamed);

        var free = await Store.UpdateZoneAsync(renamed with { Kind = "FREE", Tariff = null });
        free.Tariff.Should().BeNull();
        free.PricePerHour.Should().BeNull();
        (await Store.GetZoneAsync(zone.Id)).Should().Be(free);

        var site2 = await Store.UpdateSiteAsync(site with { Address = null, Lat = null, Timezone = "UTC" });
        (await Store.GetSiteAsync(site.Id)).Should().Be(site2);
        var tenant2 = await Store.UpdateTenantAsync(tenant with { Status = "SUSPENDED" });
        (await Store.GetTenantAsync(tenant.Id)).Should().Be(tenant2);
    }

    [Fact]
    public async Task Another_tenants_id_is_not_found_and_is_left_untouched()
    {
        var (tenant, site, zone, _, b1, _) = await NewPlaceAsync();
        var other = await Store.CreateTenantAsync(new Tenant(Fresh("t"), "Other", Fresh("slug"), "ACTIVE", default, default));

        await FluentActions.Awaiting(() => Store.UpdateSiteAsync(site with { TenantId = other.Id }).AsTask()).Should().ThrowAsync<EntityNotFoundException>();
        await FluentActions.Awaiting(() => Store.DeleteZoneAsync(other.Id, zone.Id, zone.UpdatedAt).AsTask()).Should().ThrowAsync<EntityNotFoundException>();
        await FluentActions.Awaiting(() => Store.UpdateBayAsync(b1 with { TenantId = other.Id, Code = "X" }).AsTask()).Should().ThrowAsync<EntityNotFoundException>();
        await FluentActions.Awaiting(() => Store.CreateZoneAsync(zone with { Id = Fresh("z"), TenantId = other.Id }).AsTask()).Should().ThrowAsync<EntityNotFoundException>();
        var intoOthersBay = () => Store.RegisterSensorAsync(NewSensor(other, site.Id, null, b1.Id)).AsTask();
        (await intoOthersBay.Should().ThrowAsync<EntityNotFoundException>()).Which.EntityType.Should().Be(EntityType.Bay);

        // A guide (migrated) zone of another tenant, named by the write tenant.
        var guideZone = (await Reference.ListZonesByTenantAsync(GuideDataset.TenantId)).Items[0];
        await FluentActions.Awaiting(() => Store.UpdateZoneAsync(guideZone with { TenantId = tenant.Id, Name = "Hijacked" }).AsTask()).Should().ThrowAsync<EntityNotFoundException>();
        (await Store.GetZoneAsync(guideZone.Id)).Should().Be(guideZone);
        (await Store.GetSiteAsync(site.Id)).Should().Be(site);
        (await Store.GetBayAsync(b1.Id)).Should().Be(b1);
    }

    [Fact]
    public async Task A_missing_parent_is_not_found_and_a_duplicate_id_is_a_conflict()
    {
        var (tenant, site, zone, _, b1, _) = await NewPlaceAsync();

        (await FluentActions.Awaiting(() => Store.CreateSiteAsync(site with { Id = Fresh("s"), TenantId = Fresh("no-tenant") }).AsTask())
            .Should().ThrowAsync<EntityNotFoundException>()).Which.EntityType.Should().Be(EntityType.Tenant);
        (await FluentActions.Awaiting(() => Store.CreateZoneAsync(zone with { Id = Fresh("z"), SiteId = Fresh("no-site") }).AsTask())
            .Should().ThrowAsync<EntityNotFoundException>()).Which.EntityType.Should().Be(EntityType.Site);
        (await FluentActions.Awaiting(() => Store.CreateBayAsync(b1 with { Id = Fresh("b"), ZoneId = Fresh("no-zone") }).AsTask())
            .Should().ThrowAsync<EntityNotFoundException>()).Which.EntityType.Should().Be(EntityType.Zone);
        (await FluentActions.Awaiting(() => Store.RegisterSensorAsync(NewSensor(tenant, Fresh("no-site"), null, null)).AsTask())
            .Should().ThrowAsync<EntityNotFoundException>()).Which.EntityType.Should().Be(EntityType.Site);
        await FluentActions.Awaiting(() => Store.UpdateBayAsync(b1 with { ZoneId = Fresh("no-zone") }).AsTask()).Should().ThrowAsync<EntityNotFoundException>();
        await FluentActions.Awaiting(() => Store.DeleteBayAsync(tenant.Id, Fresh("no-bay"), b1.UpdatedAt).AsTask()).Should().ThrowAsync<EntityNotFoundException>();

        await FluentActions.Awaiting(() => Store.CreateTenantAsync(tenant with { Slug = Fresh("slug") }).AsTask()).Should().ThrowAsync<EntityConflictException>();
        await FluentActions.Awaiting(() => Store.CreateSiteAsync(site).AsTask()).Should().ThrowAsync<EntityConflictException>();
        await FluentActions.Awaiting(() => Store.CreateZoneAsync(zone).AsTask()).Should().ThrowAsync<EntityConflictException>();
        await FluentActions.Awaiting(() => Store.CreateBayAsync(b1 with { Code = "Z-9" }).AsTask()).Should().ThrowAsync<EntityConflictException>();
        var sensor = await Store.RegisterSensorAsync(NewSensor(tenant, site.Id, zone.Id, null));
        await FluentActions.Awaiting(() => Store.RegisterSensorAsync(sensor with { DevEui = FreshDevEui() }).AsTask()).Should().ThrowAsync<EntityConflictException>();
        (await Store.GetZoneWithBaysAsync(zone.Id))!.Bays.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_tenant_slug_is_unique_also_against_migrated_tenants()
    {
        var a = await Store.CreateTenantAsync(new Tenant(Fresh("t"), "A", Fresh("slug"), "ACTIVE", default, default));
        var b = await Store.CreateTenantAsync(new Tenant(Fresh("t"), "B", Fresh("slug"), "ACTIVE", default, default));
        var guide = (await Reference.GetTenantAsync(GuideDataset.TenantId))!;

        await FluentActions.Awaiting(() => Store.CreateTenantAsync(new Tenant(Fresh("t"), "C", a.Slug, "ACTIVE", default, default)).AsTask()).Should().ThrowAsync<EntityConflictException>();
        await FluentActions.Awaiting(() => Store.UpdateTenantAsync(b with { Slug = a.Slug }).AsTask()).Should().ThrowAsync<EntityConflictException>();
        await FluentActions.Awaiting(() => Store.CreateTenantAsync(new Tenant(Fresh("t"), "D", guide.Slug, "ACTIVE", default, default)).AsTask()).Should().ThrowAsync<EntityConflictException>();

        // The slug a tenant gives up, or a deleted tenant's slug, is free again.
        var moved = await Store.UpdateTenantAsync(a with { Slug = Fresh("slug") });
        var b2 = await Store.UpdateTenantAsync(b with { Slug = a.Slug });
        (await Store.GetTenantBySlugAsync(a.Slug)).Should().Be(b2);
        await Store.DeleteTenantAsync(moved.Id, moved.UpdatedAt);
        (await Store.GetTenantAsync(moved.Id)).Should().BeNull();
        var reused = await Store.CreateTenantAsync(new Tenant(Fresh("t"), "E", moved.Slug, "ACTIVE", default, default));
        (await Store.GetTenantBySlugAsync(moved.Slug)).Should().Be(reused);
    }

    [Fact]
    public async Task A_parent_with_children_is_not_deleted_and_deletes_bottom_up_succeed()
    {
        var (tenant, site, zone, other, b1, b2) = await NewPlaceAsync();
        var stock = await Store.RegisterSensorAsync(NewSensor(tenant, site.Id, null, null));
        var onBay = await Store.RegisterSensorAsync(NewSensor(tenant, site.Id, null, b1.Id));

        await FluentActions.Awaiting(() => Store.DeleteTenantAsync(tenant.Id, tenant.UpdatedAt).AsTask()).Should().ThrowAsync<EntityConflictException>();
        await FluentActions.Awaiting(() => Store.DeleteZoneAsync(tenant.Id, zone.Id, zone.UpdatedAt).AsTask()).Should().ThrowAsync<EntityConflictException>();
        await FluentActions.Awaiting(() => Store.DeleteBayAsync(tenant.Id, b1.Id, b1.UpdatedAt).AsTask()).Should().ThrowAsync<EntityConflictException>();

        await Store.DeleteZoneAsync(tenant.Id, other.Id, other.UpdatedAt);
        await Store.DeleteBayAsync(tenant.Id, b2.Id, b2.UpdatedAt);
        await Store.DeleteSensorAsync(tenant.Id, onBay.Id, onBay.UpdatedAt);
        (await Store.GetBayAsync(b1.Id))!.SensorId.Should().BeNull();
        await Store.DeleteBayAsync(tenant.Id, b1.Id, b1.UpdatedAt);
        await Store.DeleteZoneAsync(tenant.Id, zone.Id, zone.UpdatedAt);
        (await FluentActions.Awaiting(() => Store.DeleteSiteAsync(tenant.Id, site.Id, site.UpdatedAt).AsTask())
            .Should().ThrowAsync<EntityConflictException>()).Which.Reason.Should().Contain("sensors", "a sensor in stock at the site still names it");
        await Store.DeleteSensorAsync(tenant.Id, stock.Id, stock.UpdatedAt);
        await Store.DeleteSiteAsync(tenant.Id, site.Id, site.UpdatedAt);
        await Store.DeleteTenantAsync(tenant.Id, tenant.UpdatedAt);

        (await Store.GetTenantAsync(tenant.Id)).Should().BeNull();
        (await Store.GetSiteAsync(site.Id)).Should().BeNull();
        (await Store.GetZoneAsync(zone.Id)).Should().BeNull();
        (await Store.GetBayAsync(b1.Id)).Should().BeNull();
        (await Store.GetSensorAsync(stock.Id)).Should().BeNull();
        await FluentActions.Awaiting(() => Store.DeleteTenantAsync(tenant.Id, tenant.UpdatedAt).AsTask()).Should().ThrowAsync<EntityNotFoundException>();
    }

    [Fact]
    public async Task An_alert_keeps_the_sensor_it_names()
    {
        var (tenant, site, zone, _, b1, _) = await NewPlaceAsync();
        var sensor = await Store.RegisterSensorAsync(NewSensor(tenant, site.Id, null, b1.Id));
        await Store.RaiseAlertAsync(new Alert(Fresh("a"), tenant.Id, null, null, null, sensor.Id, "LOW_BATTERY", "WARNING", AlertStatus.Open, null, Future, null));

        await FluentActions.Awaiting(() => Store.DeleteSensorAsync(tenant.Id, sensor.Id, sensor.UpdatedAt).AsTask()).Should().ThrowAsync<EntityConflictException>();
        await FluentActions.Awaiting(() => Store.DeleteTenantAsync(tenant.Id, tenant.UpdatedAt).AsTask()).Should().ThrowAsync<EntityConflictException>();
        (await Store.GetSensorAsync(sensor.Id)).Should().Be(sensor);
    }

    [Fact]
    public async Task A_bay_keeps_its_live_status_through_a_code_change_and_moves_atomically_once_it_holds_no_sensor()
    {
        var (tenant, site, zone, other, b1, _) = await NewPlaceAsync();
        var sensor = await Store.RegisterSensorAsync(NewSensor(tenant, site.Id, zone.Id, b1.Id));
        var arrive = new SensorEvent(Fresh("e"), Future, tenant.Id, sensor.Id, EventKinds.Arrive, null);
        (await Store.RecordEventAsync(arrive)).BayStatusChanged.Should().BeTrue();

        var recoded = await Store.UpdateBayAsync(b1 with { Code = "C-100", Lat = null, Status = BayStatus.Vacant, SensorId = null });
        recoded.Should().Be(b1 with { Code = "C-100", Lat = null, UpdatedAt = recoded.UpdatedAt, Status = BayStatus.Occupied, SensorId = sensor.Id, StatusChangedAt = Future, StatusEventId = arrive.Id });
        (await Store.GetBayAsync(b1.Id)).Should().Be(recoded);
        (await Store.GetZoneWithBaysAsync(zone.Id))!.Bays.Select(b => b.Code).Should().Equal("A-002", "C-100");

        await FluentActions.Awaiting(() => Store.UpdateBayAsync(recoded with { ZoneId = other.Id }).AsTask()).Should().ThrowAsync<EntityConflictException>();
        var unassigned = await Store.UpdateSensorAsync(sensor with { BayId = null });
        unassigned.ZoneId.Should().Be(zone.Id);
        var moved = await Store.UpdateBayAsync(recoded with { ZoneId = other.Id });
        moved.ZoneId.Should().Be(other.Id);
        moved.Status.Should().Be(BayStatus.Vacant);
        (await Store.GetZoneWithBaysAsync(zone.Id))!.Bays.Select(b => b.Id).Should().NotContain(b1.Id);
        (await Store.GetZoneWithBaysAsync(other.Id))!.Bays.Should().Equal(moved);
        (await Store.GetBayAsync(b1.Id)).Should().Be(moved);
    }

    [Fact]
    public async Task A_migrated_bay_keeps_its_status_when_its_code_changes()
    {
        var bayId = WriteTenant.Bay(8);
        var arrive = NewEvent(WriteTenant.Sensor(8), Future, EventKinds.Arrive);
        (await Store.RecordEventAsync(arrive)).BayStatusChanged.Should().BeTrue();
        var before = (await Store.GetBayAsync(bayId))!;

        var after = await Store.UpdateBayAsync(before with { Code = "W-08b" });

        after.Should().Be(before with { Code = "W-08b", UpdatedAt = after.UpdatedAt });
        after.Status.Should().Be(BayStatus.Occupied);
        after.SensorId.Should().Be(WriteTenant.Sensor(8));
        (await Store.GetBayAsync(bayId)).Should().Be(after);
    }

    [Fact]
    public async Task A_sensor_moved_between_bays_takes_its_status_along_and_a_bay_holds_one_sensor()
    {
        var (tenant, site, zone, _, b1, b2) = await NewPlaceAsync();
        var sensor = await Store.RegisterSensorAsync(NewSensor(tenant, site.Id, null, b1.Id));
        sensor.ZoneId.Should().Be(zone.Id);
        var arrive = new SensorEvent(Fresh("e"), Future, tenant.Id, sensor.Id, EventKinds.Arrive, null);
        await Store.RecordEventAsync(arrive);

        var moved = await Store.UpdateSensorAsync(sensor with { BayId = b2.Id });
        (await Store.GetBayAsync(b1.Id)).Should().Be(b1);
        (await Store.GetBayAsync(b2.Id)).Should().Be(b2 with { SensorId = sensor.Id, Status = BayStatus.Occupied, StatusChangedAt = Future, StatusEventId = arrive.Id });

        var second = () => Store.RegisterSensorAsync(NewSensor(tenant, site.Id, null, b2.Id)).AsTask();
        await second.Should().ThrowAsync<EntityConflictException>();
        var wrongZone = () => Store.RegisterSensorAsync(NewSensor(tenant, site.Id, Fresh("z"), b1.Id)).AsTask();
        await wrongZone.Should().ThrowAsync<ArgumentException>();

        // An older event redelivered to the moved sensor cannot flip the bay back.
        var older = new SensorEvent(Fresh("e"), Future.AddMinutes(-5), tenant.Id, sensor.Id, EventKinds.Leave, null);
        (await Store.RecordEventAsync(older)).BayStatusChanged.Should().BeFalse();
        (await Store.GetBayAsync(b2.Id))!.Status.Should().Be(BayStatus.Occupied);

        var inStock = await Store.UpdateSensorAsync(moved with { BayId = null, ZoneId = null });
        inStock.SiteId.Should().Be(site.Id);
        (await Store.GetBayAsync(b2.Id)).Should().Be(b2);
        (await Store.ListSensorsByZoneAsync(zone.Id)).Items.Should().BeEmpty();
        var stale = () => Store.UpdateSensorAsync(moved with { BayId = b1.Id }).AsTask();
        await stale.Should().ThrowAsync<StaleVersionException>();
        (await Store.GetBayAsync(b1.Id)).Should().Be(b1);
    }

    [Fact]
    public async Task A_DevEUI_belongs_to_one_active_sensor_in_any_spelling_and_decommissioning_frees_it()
    {
        var (tenant, site, zone, _, _, _) = await NewPlaceAsync();
        var devEui = FreshDevEui();
        var first = await Store.RegisterSensorAsync(NewSensor(tenant, site.Id, zone.Id, null, devEui));

        var spelled = devEui.ToLowerInvariant().Insert(2, ":").Insert(5, "-");
        await FluentActions.Awaiting(() => Store.RegisterSensorAsync(NewSensor(tenant, site.Id, zone.Id, null, spelled)).AsTask()).Should().ThrowAsync<EntityConflictException>();
        var migratedDevEui = (await Reference.GetSensorAsync(WriteTenant.Sensor(9)))!.DevEui;
        await FluentActions.Awaiting(() => Store.RegisterSensorAsync(NewSensor(tenant, site.Id, zone.Id, null, migratedDevEui)).AsTask()).Should().ThrowAsync<EntityConflictException>();

        var retired = await Store.UpdateSensorAsync(first with { Status = SensorStatuses.Decommissioned });
        var second = await Store.RegisterSensorAsync(NewSensor(tenant, site.Id, zone.Id, null, spelled));
        (await Store.GetSensorByDevEuiAsync(devEui)).Should().Be(second);
        await FluentActions.Awaiting(() => Store.UpdateSensorAsync(retired with { Status = SensorStatuses.Active }).AsTask()).Should().ThrowAsync<EntityConflictException>();

        // A DevEUI change frees the old one.
        var changed = await Store.UpdateSensorAsync(second with { DevEui = FreshDevEui() });
        var revived = await Store.UpdateSensorAsync(retired with { Status = SensorStatuses.Active });
        (await Store.GetSensorByDevEuiAsync(devEui)).Should().Be(revived);
        (await Store.GetSensorByDevEuiAsync(changed.DevEui)).Should().Be(changed);
    }

    [Fact]
    public async Task An_event_is_idempotent_by_id_and_time_so_the_same_id_at_another_time_is_a_new_event()
    {
        var sensor = WriteTenant.Sensor(10);
        var e = NewEvent(sensor, Future.AddHours(3), EventKinds.Heartbeat);
        var later = e with { Time = e.Time.AddSeconds(1) };

        (await Store.RecordEventAsync(e)).Created.Should().BeTrue();
        (await Store.RecordEventAsync(e)).Created.Should().BeFalse();
        (await Store.RecordEventAsync(later)).Created.Should().BeTrue();

        (await Store.ListSensorEventsAsync(sensor, new TimeRange(Future, Future.AddDays(1)))).Items.Should().Equal(later, e);
    }

    [Fact]
    public async Task A_redelivery_with_another_kind_does_not_move_the_bay()
    {
        var heartbeat = NewEvent(WriteTenant.Sensor(9), Future.AddHours(5), EventKinds.Heartbeat);
        (await Store.RecordEventAsync(heartbeat)).Created.Should().BeTrue();
        var before = await Store.GetBayAsync(WriteTenant.Bay(9));

        (await Store.RecordEventAsync(heartbeat with { Kind = EventKinds.Arrive })).Should().Be(new RecordEventResult(Created: false, BayStatusChanged: false));

        (await Store.GetBayAsync(WriteTenant.Bay(9))).Should().Be(before);
    }
}
