using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.Keys;

namespace VisionDrive.Parking.IntegrationTests.Writes;

/// <summary>
/// The plain in-memory model of the write semantics (docs/access-patterns.md, "Writes"): dictionaries and the rules written out once, in the
/// order the stores check them. Bay status is derived on read, as PostgreSQL derives it. Only the access patterns the model-based test uses.
/// </summary>
internal sealed class ParkingModel(TimeProvider clock) : IParkingStore
{
    private readonly Dictionary<string, Tenant> _tenants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Site> _sites = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Zone> _zones = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Bay> _bays = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Sensor> _sensors = new(StringComparer.Ordinal);
    private readonly List<SensorEvent> _events = [];

    public IReadOnlyList<string> Ids(EntityType type) => ((IEnumerable<string>)(type switch
    {
        EntityType.Tenant => (IEnumerable<string>)_tenants.Keys,
        EntityType.Site => _sites.Keys,
        EntityType.Zone => _zones.Keys,
        EntityType.Bay => _bays.Keys,
        _ => _sensors.Keys,
    })).Order(StringComparer.Ordinal).ToList();

    public Tenant? Tenant(string id) => _tenants.GetValueOrDefault(id);

    public Site? Site(string id) => _sites.GetValueOrDefault(id);

    public Zone? Zone(string id) => _zones.GetValueOrDefault(id);

    public Bay? Bay(string id) => _bays.GetValueOrDefault(id);

    public Sensor? Sensor(string id) => _sensors.GetValueOrDefault(id);

    private DateTimeOffset First() => KeyTime.TruncateToMicroseconds(clock.GetUtcNow());

    private DateTimeOffset Next(DateTimeOffset previous)
    {
        var now = First();
        var after = KeyTime.TruncateToMicroseconds(previous).AddTicks(10);
        return now > after ? now : after;
    }

    private static void Version(EntityType type, string id, DateTimeOffset current, DateTimeOffset expected)
    {
        if (KeyTime.TruncateToMicroseconds(current) != KeyTime.TruncateToMicroseconds(expected))
        {
            throw new StaleVersionException(type, id, expected, current);
        }
    }

    private static T Own<T>(Dictionary<string, T> map, EntityType type, string id, string tenantId, Func<T, string> tenantOf)
        where T : class =>
        map.TryGetValue(id, out var e) && tenantOf(e) == tenantId ? e : throw new EntityNotFoundException(type, id, tenantId);

    private static void NoChildren(EntityType type, string id, bool any)
    {
        if (any)
        {
            throw new EntityConflictException(type, id, "still has children");
        }
    }

    // ---- Tenants and sites ----
    public ValueTask<Tenant> CreateTenantAsync(Tenant tenant, CancellationToken cancellationToken = default)
    {
        if (_tenants.ContainsKey(tenant.Id))
        {
            throw new EntityConflictException(EntityType.Tenant, tenant.Id, "exists");
        }

        SlugFree(tenant);
        var now = First();
        return new(_tenants[tenant.Id] = tenant with { CreatedAt = now, UpdatedAt = now });
    }

    public ValueTask<Tenant> UpdateTenantAsync(Tenant tenant, CancellationToken cancellationToken = default)
    {
        var current = Own(_tenants, EntityType.Tenant, tenant.Id, tenant.Id, t => t.Id);
        Version(EntityType.Tenant, tenant.Id, current.UpdatedAt, tenant.UpdatedAt);
        SlugFree(tenant);
        return new(_tenants[tenant.Id] = tenant with { CreatedAt = current.CreatedAt, UpdatedAt = Next(current.UpdatedAt) });
    }

    public ValueTask DeleteTenantAsync(string tenantId, DateTimeOffset version, CancellationToken cancellationToken = default)
    {
        var current = Own(_tenants, EntityType.Tenant, tenantId, tenantId, t => t.Id);
        Version(EntityType.Tenant, tenantId, current.UpdatedAt, version);
        NoChildren(EntityType.Tenant, tenantId, _sites.Values.Any(s => s.TenantId == tenantId) || _zones.Values.Any(z => z.TenantId == tenantId));
        _tenants.Remove(tenantId);
        return default;
    }

    private void SlugFree(Tenant tenant)
    {
        if (_tenants.Values.Any(t => t.Slug == tenant.Slug && t.Id != tenant.Id))
        {
            throw new EntityConflictException(EntityType.Tenant, tenant.Id, "slug taken");
        }
    }

    public ValueTask<Site> CreateSiteAsync(Site site, CancellationToken cancellationToken = default)
    {
        Own(_tenants, EntityType.Tenant, site.TenantId, site.TenantId, t => t.Id);
        if (_sites.ContainsKey(site.Id))
        {
            throw new EntityConflictException(EntityType.Site, site.Id, "exists");
        }

        var now = First();
        return new(_sites[site.Id] = site with { CreatedAt = now, UpdatedAt = now });
    }

    public ValueTask<Site> UpdateSiteAsync(Site site, CancellationToken cancellationToken = default)
    {
        var current = Own(_sites, EntityType.Site, site.Id, site.TenantId, s => s.TenantId);
        Version(EntityType.Site, site.Id, current.UpdatedAt, site.UpdatedAt);
        return new(_sites[site.Id] = site with { CreatedAt = current.CreatedAt, UpdatedAt = Next(current.UpdatedAt) });
    }

    public ValueTask DeleteSiteAsync(string tenantId, string siteId, DateTimeOffset version, CancellationToken cancellationToken = default)
    {
        var current = Own(_sites, EntityType.Site, siteId, tenantId, s => s.TenantId);
        Version(EntityType.Site, siteId, current.UpdatedAt, version);
        NoChildren(EntityType.Site, siteId, _zones.Values.Any(z => z.SiteId == siteId) || _bays.Values.Any(b => b.SiteId == siteId) || _sensors.Values.Any(s => s.SiteId == siteId));
        _sites.Remove(siteId);
        return default;
    }

    // ---- Zones and bays ----
    public ValueTask<Zone> CreateZoneAsync(Zone zone, CancellationToken cancellationToken = default)
    {
        Own(_sites, EntityType.Site, zone.SiteId, zone.TenantId, s => s.TenantId);
        if (_zones.ContainsKey(zone.Id))
        {
            throw new EntityConflictException(EntityType.Zone, zone.Id, "exists");
        }

        var now = First();
        return new(_zones[zone.Id] = zone with { CreatedAt = now, UpdatedAt = now });
    }

    public ValueTask<Zone> UpdateZoneAsync(Zone zone, CancellationToken cancellationToken = default)
    {
        var current = Own(_zones, EntityType.Zone, zone.Id, zone.TenantId, z => z.TenantId);
        Version(EntityType.Zone, zone.Id, current.UpdatedAt, zone.UpdatedAt);
        if (current.SiteId != zone.SiteId)
        {
            throw new EntityConflictException(EntityType.Zone, zone.Id, "zones do not move");
        }

        return new(_zones[zone.Id] = zone with { CreatedAt = current.CreatedAt, UpdatedAt = Next(current.UpdatedAt) });
    }

    public ValueTask DeleteZoneAsync(string tenantId, string zoneId, DateTimeOffset version, CancellationToken cancellationToken = default)
    {
        var current = Own(_zones, EntityType.Zone, zoneId, tenantId, z => z.TenantId);
        Version(EntityType.Zone, zoneId, current.UpdatedAt, version);
        NoChildren(EntityType.Zone, zoneId, _bays.Values.Any(b => b.ZoneId == zoneId) || _sensors.Values.Any(s => s.ZoneId == zoneId));
        _zones.Remove(zoneId);
        return default;
    }

    public ValueTask<Bay> CreateBayAsync(Bay bay, CancellationToken cancellationToken = default)
    {
        var zone = Own(_zones, EntityType.Zone, bay.ZoneId, bay.TenantId, z => z.TenantId);
        if (_bays.ContainsKey(bay.Id))
        {
            throw new EntityConflictException(EntityType.Bay, bay.Id, "exists");
        }

        var now = First();
        _bays[bay.Id] = new Bay(bay.Id, bay.TenantId, zone.SiteId, bay.ZoneId, bay.Code, bay.Lat, bay.Lng, now, now);
        return new(WithStatus(_bays[bay.Id]));
    }

    public ValueTask<Bay> UpdateBayAsync(Bay bay, CancellationToken cancellationToken = default)
    {
        var current = Own(_bays, EntityType.Bay, bay.Id, bay.TenantId, b => b.TenantId);
        Version(EntityType.Bay, bay.Id, current.UpdatedAt, bay.UpdatedAt);
        var zone = Own(_zones, EntityType.Zone, bay.ZoneId, bay.TenantId, z => z.TenantId);
        if (current.ZoneId != bay.ZoneId && _sensors.Values.Any(s => s.BayId == bay.Id))
        {
            throw new EntityConflictException(EntityType.Bay, bay.Id, "holds a sensor");
        }

        _bays[bay.Id] = current with { ZoneId = bay.ZoneId, SiteId = zone.SiteId, Code = bay.Code, Lat = bay.Lat, Lng = bay.Lng, UpdatedAt = Next(current.UpdatedAt) };
        return new(WithStatus(_bays[bay.Id]));
    }

    public ValueTask DeleteBayAsync(string tenantId, string bayId, DateTimeOffset version, CancellationToken cancellationToken = default)
    {
        var current = Own(_bays, EntityType.Bay, bayId, tenantId, b => b.TenantId);
        Version(EntityType.Bay, bayId, current.UpdatedAt, version);
        NoChildren(EntityType.Bay, bayId, _sensors.Values.Any(s => s.BayId == bayId));
        _bays.Remove(bayId);
        return default;
    }

    private Bay WithStatus(Bay bay)
    {
        var sensor = _sensors.Values.FirstOrDefault(s => s.BayId == bay.Id);
        if (sensor is null)
        {
            return bay with { Status = BayStatus.Vacant, SensorId = null, StatusChangedAt = null, StatusEventId = null };
        }

        var latest = _events
            .Where(e => e.SensorId == sensor.Id && (e.Kind == EventKinds.Arrive || e.Kind == EventKinds.Leave))
            .OrderByDescending(e => e.Time)
            .ThenByDescending(e => e.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        return bay with
        {
            SensorId = sensor.Id,
            Status = latest?.Kind == EventKinds.Arrive ? BayStatus.Occupied : BayStatus.Vacant,
            StatusChangedAt = latest?.Time,
            StatusEventId = latest?.Id,
        };
    }

    // ---- Sensors ----
    public ValueTask<Sensor> RegisterSensorAsync(Sensor sensor, CancellationToken cancellationToken = default)
    {
        if (_sensors.ContainsKey(sensor.Id))
        {
            throw new EntityConflictException(EntityType.Sensor, sensor.Id, "exists");
        }

        var now = First();
        var placed = Place(sensor) with { LastSeenAt = null, CreatedAt = now, UpdatedAt = now };
        return new(_sensors[sensor.Id] = placed);
    }

    public ValueTask<Sensor> UpdateSensorAsync(Sensor sensor, CancellationToken cancellationToken = default)
    {
        var current = Own(_sensors, EntityType.Sensor, sensor.Id, sensor.TenantId, s => s.TenantId);
        Version(EntityType.Sensor, sensor.Id, current.UpdatedAt, sensor.UpdatedAt);
        var placed = Place(sensor) with { LastSeenAt = current.LastSeenAt, CreatedAt = current.CreatedAt, UpdatedAt = Next(current.UpdatedAt) };
        return new(_sensors[sensor.Id] = placed);
    }

    public ValueTask DeleteSensorAsync(string tenantId, string sensorId, DateTimeOffset version, CancellationToken cancellationToken = default)
    {
        var current = Own(_sensors, EntityType.Sensor, sensorId, tenantId, s => s.TenantId);
        Version(EntityType.Sensor, sensorId, current.UpdatedAt, version);
        _sensors.Remove(sensorId);
        return default;
    }

    private Sensor Place(Sensor sensor)
    {
        var placed = sensor;
        if (sensor.BayId is { } bayId)
        {
            var bay = Own(_bays, EntityType.Bay, bayId, sensor.TenantId, b => b.TenantId);
            if (sensor.ZoneId is { } z && z != bay.ZoneId)
            {
                throw new ArgumentException("zone is not the bay's", nameof(sensor));
            }

            placed = sensor with { ZoneId = bay.ZoneId, SiteId = bay.SiteId };
        }
        else if (sensor.ZoneId is { } zoneId)
        {
            placed = sensor with { SiteId = Own(_zones, EntityType.Zone, zoneId, sensor.TenantId, z => z.TenantId).SiteId };
        }
        else
        {
            Own(_sites, EntityType.Site, sensor.SiteId, sensor.TenantId, s => s.TenantId);
        }

        var devEui = DevEui.Normalize(sensor.DevEui);
        if (sensor.Status != SensorStatuses.Decommissioned
            && _sensors.Values.Any(s => s.Id != sensor.Id && s.Status != SensorStatuses.Decommissioned && DevEui.Normalize(s.DevEui) == devEui))
        {
            throw new EntityConflictException(EntityType.Sensor, sensor.Id, "DevEUI taken");
        }

        if (placed.BayId is { } b && _sensors.Values.Any(s => s.BayId == b && s.Id != sensor.Id))
        {
            throw new EntityConflictException(EntityType.Sensor, sensor.Id, "bay taken");
        }

        return placed;
    }

    // ---- Events ----
    public ValueTask<RecordEventResult> RecordEventAsync(SensorEvent sensorEvent, CancellationToken cancellationToken = default)
    {
        var time = KeyTime.TruncateToMicroseconds(sensorEvent.Time);
        if (_events.Any(e => e.Id == sensorEvent.Id && e.Time == time))
        {
            return new(new RecordEventResult(false, false));
        }

        var bay = _sensors.GetValueOrDefault(sensorEvent.SensorId)?.BayId is { } bayId ? _bays.GetValueOrDefault(bayId) : null;
        var before = bay is null ? null : WithStatus(bay);
        _events.Add(sensorEvent with { Time = time });
        var changed = false;
        if (bay is not null && EventKinds.ChangesOccupancy(sensorEvent.Kind))
        {
            var after = WithStatus(bay);
            changed = after.StatusEventId == sensorEvent.Id && after.StatusChangedAt == time && before!.Status != after.Status;
        }

        return new(new RecordEventResult(true, changed));
    }

    // ---- Reads ----
    public ValueTask<Tenant?> GetTenantAsync(string tenantId, CancellationToken cancellationToken = default) => new(_tenants.GetValueOrDefault(tenantId));

    public ValueTask<Tenant?> GetTenantBySlugAsync(string slug, CancellationToken cancellationToken = default) =>
        new(_tenants.Values.Where(t => t.Slug == slug).OrderBy(t => t.Id, StringComparer.Ordinal).FirstOrDefault());

    public ValueTask<Site?> GetSiteAsync(string siteId, CancellationToken cancellationToken = default) => new(_sites.GetValueOrDefault(siteId));

    public Task<Page<Site>> ListSitesByTenantAsync(string tenantId, PageRequest page = default, CancellationToken cancellationToken = default) =>
        Task.FromResult(new Page<Site>(_sites.Values.Where(s => s.TenantId == tenantId).OrderBy(s => s.Id, StringComparer.Ordinal).ToList(), null));

    public ValueTask<Zone?> GetZoneAsync(string zoneId, CancellationToken cancellationToken = default) => new(_zones.GetValueOrDefault(zoneId));

    public Task<Page<Zone>> ListZonesBySiteAsync(string siteId, PageRequest page = default, CancellationToken cancellationToken = default) =>
        Task.FromResult(new Page<Zone>(_zones.Values.Where(z => z.SiteId == siteId).OrderBy(z => z.Id, StringComparer.Ordinal).ToList(), null));

    public ValueTask<ZoneWithBays?> GetZoneWithBaysAsync(string zoneId, CancellationToken cancellationToken = default) =>
        new(_zones.TryGetValue(zoneId, out var zone)
            ? new ZoneWithBays(zone, _bays.Values.Where(b => b.ZoneId == zoneId).Select(WithStatus)
                .OrderBy(b => b.Code, StringComparer.Ordinal).ThenBy(b => b.Id, StringComparer.Ordinal).ToList())
            : null);

    public ValueTask<Bay?> GetBayAsync(string bayId, CancellationToken cancellationToken = default) =>
        new(_bays.TryGetValue(bayId, out var bay) ? WithStatus(bay) : null);

    public ValueTask<Sensor?> GetSensorAsync(string sensorId, CancellationToken cancellationToken = default) => new(_sensors.GetValueOrDefault(sensorId));

    public ValueTask<Sensor?> GetSensorByDevEuiAsync(string devEui, CancellationToken cancellationToken = default)
    {
        var normal = DevEui.Normalize(devEui);
        return new(_sensors.Values.Where(s => DevEui.Normalize(s.DevEui) == normal)
            .OrderBy(s => s.Status == SensorStatuses.Decommissioned)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .FirstOrDefault());
    }

    public Task<Page<Sensor>> ListSensorsByZoneAsync(string zoneId, PageRequest page = default, CancellationToken cancellationToken = default) =>
        Task.FromResult(new Page<Sensor>(_sensors.Values.Where(s => s.ZoneId == zoneId).OrderBy(s => s.Id, StringComparer.Ordinal).ToList(), null));

    public Task<Page<SensorEvent>> ListSensorEventsAsync(string sensorId, TimeRange range, PageRequest page = default, CancellationToken cancellationToken = default) =>
        Task.FromResult(new Page<SensorEvent>(
            _events.Where(e => e.SensorId == sensorId && e.Time >= range.From && e.Time < range.To)
                .OrderByDescending(e => e.Time).ThenByDescending(e => e.Id, StringComparer.Ordinal).ToList(),
            null));

    // ---- Not modelled ----
    public Task<Page<Zone>> ListZonesByTenantAsync(string tenantId, PageRequest page = default, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<bool> TouchLastSeenAsync(string sensorId, DateTimeOffset seenAt, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Page<SensorEvent>> ListTenantEventsAsync(string tenantId, TimeRange range, PageRequest page = default, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<Alert?> GetAlertAsync(string alertId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Page<Alert>> ListAlertsByStatusAsync(string tenantId, string status, PageRequest page = default, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Page<Alert>> ListAlertsByZoneAsync(string zoneId, PageRequest page = default, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Page<Alert>> ListAlertsBySensorAsync(string sensorId, PageRequest page = default, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<bool> RaiseAlertAsync(Alert alert, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<Alert?> AcknowledgeAlertAsync(string alertId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<Alert?> ResolveAlertAsync(string alertId, DateTimeOffset resolvedAt, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
