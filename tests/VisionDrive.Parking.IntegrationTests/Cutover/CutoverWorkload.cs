using System;
using System.Threading.Tasks;
using VisionDrive.Parking.Data;

namespace VisionDrive.Parking.IntegrationTests.Cutover;

/// <summary>
/// Every kind of write of the store, on any store: tenants, sites, zones (tariffs), bays created, renamed, moved and deleted, sensors
/// registered, assigned, moved, unassigned and deleted, ARRIVE/LEAVE events (one out of order, one redelivered), a heartbeat, lastSeenAt,
/// alerts raised, acknowledged and resolved, parents deleted. Ids carry <paramref name="p"/>, so two runs in one database do not collide.
/// </summary>
internal static class CutoverWorkload
{
    public static async Task WriteAsync(IParkingStore store, string p, DateTimeOffset now)
    {
        var t = p + "-tenant";
        var tenant = await store.CreateTenantAsync(new Tenant(t, "Cutover Corp", p + "-slug", "ACTIVE", default, default));
        await store.UpdateTenantAsync(tenant with { Name = "Cutover Corp (renamed)", Slug = p + "-slug-2" });
        var gone = await store.CreateTenantAsync(new Tenant(p + "-gone", "Gone", p + "-gone", "ACTIVE", default, default));
        await store.DeleteTenantAsync(gone.Id, gone.UpdatedAt);
        var site = await store.CreateSiteAsync(new Site(p + "-site", t, "Sharjah", "Al Majaz", 25.33, 55.39, "Asia/Dubai", default, default));
        site = await store.UpdateSiteAsync(site with { Address = "Al Majaz 3" });

        var paid = await store.CreateZoneAsync(new Zone(p + "-zone-paid", t, site.Id, "Paid", "PAID", JsonText.Parse("""{"pricePerHour": 12.5, "currency": "AED", "bands": [1, null, true]}"""), default, default));
        paid = await store.UpdateZoneAsync(paid with { Name = "Paid (renamed)" });
        var free = await store.CreateZoneAsync(new Zone(p + "-zone-free", t, site.Id, "Free", "FREE", null, default, default));
        var temp = await store.CreateZoneAsync(new Zone(p + "-zone-temp", t, site.Id, "Temp", "PAID", null, default, default));
        await store.DeleteZoneAsync(t, temp.Id, temp.UpdatedAt);

        var bay1 = await store.CreateBayAsync(new Bay(p + "-bay-1", t, "", paid.Id, "C-001", 25.3301, 55.3901, default, default));
        var bay2 = await store.CreateBayAsync(new Bay(p + "-bay-2", t, "", paid.Id, "C-002", null, null, default, default));
        var bay3 = await store.CreateBayAsync(new Bay(p + "-bay-3", t, "", paid.Id, "C-003", null, null, default, default));
        await store.UpdateBayAsync(bay1 with { Code = "C-101" });
        bay2 = await store.UpdateBayAsync(bay2 with { ZoneId = free.Id });
        var bay4 = await store.CreateBayAsync(new Bay(p + "-bay-4", t, "", free.Id, "C-004", null, null, default, default));
        await store.DeleteBayAsync(t, bay4.Id, bay4.UpdatedAt);

        var s1 = await store.RegisterSensorAsync(new Sensor(p + "-S-1", t, "", null, bay1.Id, "AA:00:00:00:00:00:00:01", "PARKING", SensorStatuses.Active, null, default, default));
        var s2 = await store.RegisterSensorAsync(new Sensor(p + "-S-2", t, site.Id, null, null, p + "-DEVEUI-2", "PARKING", SensorStatuses.Active, null, default, default));
        var s3 = await store.RegisterSensorAsync(new Sensor(p + "-S-3", t, "", null, bay3.Id, p + "-DEVEUI-3", "PARKING", SensorStatuses.Active, null, default, default));

        async Task Event(string id, Sensor sensor, TimeSpan ago, string kind) =>
            await store.RecordEventAsync(new SensorEvent(p + "-" + id, now - ago, t, sensor.Id, kind, JsonText.Parse("""{"occupied": true, "battery": 3.61}""")));
        await Event("evt-1", s1, TimeSpan.FromHours(5), EventKinds.Arrive);
        await Event("evt-2", s1, TimeSpan.FromHours(3), EventKinds.Leave);
        await Event("evt-3", s1, TimeSpan.FromHours(4), EventKinds.Arrive);
        await Event("evt-3", s1, TimeSpan.FromHours(4), EventKinds.Arrive);
        await Event("evt-4", s3, TimeSpan.FromHours(2), EventKinds.Arrive);
        await Event("evt-5", s2, TimeSpan.FromHours(1), EventKinds.Heartbeat);
        await store.TouchLastSeenAsync(s1.Id, now - TimeSpan.FromHours(3));
        await store.TouchLastSeenAsync(s3.Id, now - TimeSpan.FromHours(2));

        s2 = await store.UpdateSensorAsync(s2 with { BayId = bay2.Id });
        s3 = await store.UpdateSensorAsync(s3 with { BayId = null, ZoneId = paid.Id });
        await store.UpdateSensorAsync(s1 with { DevEui = p + "-DEVEUI-11", Type = "PARKING-V2", LastSeenAt = null });
        var s4 = await store.RegisterSensorAsync(new Sensor(p + "-S-4", t, "", null, bay3.Id, p + "-DEVEUI-4", "PARKING", SensorStatuses.Active, null, default, default));
        await Event("evt-6", s4, TimeSpan.FromMinutes(30), EventKinds.Arrive);
        var s5 = await store.RegisterSensorAsync(new Sensor(p + "-S-5", t, site.Id, null, null, p + "-DEVEUI-5", "PARKING", SensorStatuses.Active, null, default, default));
        await store.DeleteSensorAsync(t, s5.Id, s5.UpdatedAt);

        var alert = new Alert(p + "-alert-1", t, site.Id, paid.Id, bay1.Id, s1.Id, "LOW_BATTERY", "WARNING", AlertStatus.Open, "Battery low", now - TimeSpan.FromHours(1), null);
        await store.RaiseAlertAsync(alert);
        await store.RaiseAlertAsync(alert);
        await store.AcknowledgeAlertAsync(alert.Id);
        await store.RaiseAlertAsync(alert with { Id = p + "-alert-2", BayId = null, SensorId = s4.Id, Type = "OFFLINE", Severity = "CRITICAL" });
        await store.ResolveAlertAsync(p + "-alert-2", now);
        await store.RaiseAlertAsync(alert with { Id = p + "-alert-3", ZoneId = free.Id, BayId = null, SensorId = null, Type = "OVERSTAY", Message = null });
    }
}
