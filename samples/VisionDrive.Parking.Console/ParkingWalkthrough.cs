using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using VisionDrive.Parking.Data;

namespace VisionDrive.Parking.ConsoleSample;

/// <summary>
/// What a service that manages a parking site does with the packages, in order: provision, onboard a tenant and a site with zones, bays and
/// sensors, record events, read and page, move a sensor, and handle the two write errors a caller meets (a stale version, a taken DevEUI).
/// Every id carries the run id, so runs never collide. Each step prints one line (the tests assert them).
/// </summary>
internal sealed class ParkingWalkthrough(IParkingStoreProvisioner provisioner, IParkingStore store, TimeProvider clock, TextWriter output)
{
    public async Task RunAsync(string run, CancellationToken cancellationToken)
    {
        // 2. Provision: creates the table (keys, GSI1, GSI2, TTL) or the schema when missing, checks it when present. Safe at every start.
        await provisioner.EnsureCreatedAsync(cancellationToken);
        await output.WriteLineAsync("provisioned");

        // 3. Onboard: a tenant, a site, two zones (one with a tariff), three bays, three sensors (two on bays, one in stock).
        var tenantId = $"tenant-{run}";
        var tenant = await store.CreateTenantAsync(new Tenant(tenantId, "Console Parking", $"console-{run}", "ACTIVE", default, default), cancellationToken);
        var site = await store.CreateSiteAsync(new Site($"site-{run}", tenantId, "Marina", "Dubai Marina Walk", 25.0805, 55.1403, "Asia/Dubai", default, default), cancellationToken);
        var paid = await store.CreateZoneAsync(new Zone($"zone-{run}-a", tenantId, site.Id, "Marina A", "PAID",
            JsonText.Parse("""{"pricePerHour": 10, "currency": "AED"}"""), default, default), cancellationToken);
        var free = await store.CreateZoneAsync(new Zone($"zone-{run}-b", tenantId, site.Id, "Marina B", "FREE", null, default, default), cancellationToken);
        var bay1 = await store.CreateBayAsync(new Bay($"bay-{run}-1", tenantId, "", paid.Id, "A-001", 25.0806, 55.1404, default, default), cancellationToken);
        var bay2 = await store.CreateBayAsync(new Bay($"bay-{run}-2", tenantId, "", paid.Id, "A-002", 25.0807, 55.1405, default, default), cancellationToken);
        var bay3 = await store.CreateBayAsync(new Bay($"bay-{run}-3", tenantId, "", free.Id, "B-001", null, null, default, default), cancellationToken);
        var devEui = DevEuiOf(run, 1);
        var sensor = await store.RegisterSensorAsync(new Sensor($"sns-{run}-1", tenantId, "", null, bay1.Id, devEui, "PARKING", SensorStatuses.Active, null, default, default), cancellationToken);
        await store.RegisterSensorAsync(new Sensor($"sns-{run}-2", tenantId, "", null, bay2.Id, DevEuiOf(run, 2), "PARKING", SensorStatuses.Active, null, default, default), cancellationToken);
        await store.RegisterSensorAsync(new Sensor($"sns-{run}-3", tenantId, site.Id, null, null, DevEuiOf(run, 3), "PARKING", SensorStatuses.Active, null, default, default), cancellationToken);
        await output.WriteLineAsync($"onboarded tenant {tenant.Slug}: 1 site, 2 zones, 3 bays, 3 sensors");

        // 4. Record events: ARRIVE, LEAVE, ARRIVE on the first bay; the same event again (a redelivery) writes nothing.
        var now = clock.GetUtcNow();
        var events = new[]
        {
            new SensorEvent($"evt-{run}-1", now.AddMinutes(-30), tenantId, sensor.Id, EventKinds.Arrive, JsonText.Parse("""{"occupied": true, "battery": 3.6}""")),
            new SensorEvent($"evt-{run}-2", now.AddMinutes(-20), tenantId, sensor.Id, EventKinds.Leave, JsonText.Parse("""{"occupied": false}""")),
            new SensorEvent($"evt-{run}-3", now.AddMinutes(-10), tenantId, sensor.Id, EventKinds.Arrive, JsonText.Parse("""{"occupied": true}""")),
        };
        var created = 0;
        foreach (var e in events)
        {
            created += (await store.RecordEventAsync(e, cancellationToken)).Created ? 1 : 0;
        }

        var again = await store.RecordEventAsync(events[^1], cancellationToken);
        await store.TouchLastSeenAsync(sensor.Id, events[^1].Time, cancellationToken);
        await output.WriteLineAsync($"recorded {created} events; redelivery created: {again.Created.ToString().ToLowerInvariant()}");

        // 5. Read and page: the zone with its live bay status; the sensor's events newest first, two per page, following the continuation token.
        var zone = await store.GetZoneWithBaysAsync(paid.Id, cancellationToken) ?? throw new InvalidOperationException($"zone {paid.Id} was just created");
        await output.WriteLineAsync($"zone {zone.Zone.Name}: {zone.Bays.Count} bays, {Occupied(zone)} occupied (price {zone.Zone.PricePerHour} {zone.Zone.Currency}/h)");
        var pages = 0;
        var read = 0;
        PageRequest page = new(2);
        while (true)
        {
            var result = await store.ListSensorEventsAsync(sensor.Id, new TimeRange(now.AddHours(-1), now), page, cancellationToken);
            pages++;
            read += result.Items.Count;
            if (result.ContinuationToken is null)
            {
                break;
            }

            page = new PageRequest(2, result.ContinuationToken);
        }

        await output.WriteLineAsync($"read {read} events in {pages} pages");

        // 6. Move the sensor from bay A-001 to bay B-001 (another zone): both bays get their status in the same atomic write.
        var before = await store.GetSensorAsync(sensor.Id, cancellationToken) ?? throw new InvalidOperationException($"sensor {sensor.Id} was just registered");
        var moved = await store.UpdateSensorAsync(before with { BayId = bay3.Id, ZoneId = null }, cancellationToken);
        var left = await store.GetBayAsync(bay1.Id, cancellationToken);
        var joined = await store.GetBayAsync(bay3.Id, cancellationToken);
        await output.WriteLineAsync($"moved sensor {moved.Id} to bay {joined?.Code} in zone {moved.ZoneId}: {joined?.Code} {joined?.Status}, {left?.Code} {left?.Status}");

        // 7. A stale version: `before` was read before the move. The write is refused and changes nothing; read again, reapply, retry.
        try
        {
            await store.UpdateSensorAsync(before with { Type = "PARKING-V2" }, cancellationToken);
            throw new InvalidOperationException("a write with a stale version was accepted");
        }
        catch (StaleVersionException stale)
        {
            var current = await store.GetSensorAsync(stale.EntityId, cancellationToken) ?? throw new InvalidOperationException($"sensor {stale.EntityId} vanished");
            var retried = await store.UpdateSensorAsync(current with { Type = "PARKING-V2" }, cancellationToken);
            await output.WriteLineAsync($"conflict handled: stale version of {stale.EntityId}, re-read and retried (type {retried.Type}, still on bay {retried.BayId})");
        }

        // 8. An invariant: the DevEUI belongs to an active sensor, so a second registration with it is refused.
        try
        {
            await store.RegisterSensorAsync(new Sensor($"sns-{run}-9", tenantId, site.Id, null, null, devEui, "PARKING", SensorStatuses.Active, null, default, default), cancellationToken);
            throw new InvalidOperationException("a second sensor with a taken DevEUI was accepted");
        }
        catch (EntityConflictException conflict)
        {
            await output.WriteLineAsync($"conflict handled: {conflict.EntityId} refused ({conflict.Reason})");
        }
    }

    private static int Occupied(ZoneWithBays zone)
    {
        var occupied = 0;
        foreach (var bay in zone.Bays)
        {
            occupied += bay.Status == BayStatus.Occupied ? 1 : 0;
        }

        return occupied;
    }

    /// <summary>A DevEUI of the run: 16 hex digits from the run id's hash and the sensor's number, so runs do not share DevEUIs.</summary>
    private static string DevEuiOf(string run, int n)
    {
        var hash = 2166136261u;
        foreach (var c in run)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return $"C0{hash:X8}{n:X6}";
    }
}
