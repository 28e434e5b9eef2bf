namespace VisionDrive.Parking.Data.Infrastructure;

/// <summary>
/// The checks both stores make before a write, so a bad value fails the same way on PostgreSQL and DynamoDB: ids and key parts
/// (slug, bay code, DevEUI) must be non-empty, required text non-null.
/// </summary>
/// <remarks>Public for the two store packages (so mixing package versions cannot fail at run time), hidden from IntelliSense; not a stable API.</remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class WriteValidation
{
    /// <summary>Check: a write rule both stores share (see the class).</summary>
    public static void Check(Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        Key(EntityType.Tenant, tenant.Id, "id", tenant.Id);
        Key(EntityType.Tenant, tenant.Id, "slug", tenant.Slug);
        Text(EntityType.Tenant, tenant.Id, "name", tenant.Name);
        Text(EntityType.Tenant, tenant.Id, "status", tenant.Status);
    }

    /// <summary>Check: a write rule both stores share (see the class).</summary>
    public static void Check(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        Key(EntityType.Site, site.Id, "id", site.Id);
        Key(EntityType.Site, site.Id, "tenantId", site.TenantId);
        Text(EntityType.Site, site.Id, "name", site.Name);
        Text(EntityType.Site, site.Id, "timezone", site.Timezone);
        Coordinate(EntityType.Site, site.Id, "lat", site.Lat);
        Coordinate(EntityType.Site, site.Id, "lng", site.Lng);
    }

    /// <summary>Check: a write rule both stores share (see the class).</summary>
    public static void Check(Zone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        Key(EntityType.Zone, zone.Id, "id", zone.Id);
        Key(EntityType.Zone, zone.Id, "tenantId", zone.TenantId);
        Key(EntityType.Zone, zone.Id, "siteId", zone.SiteId);
        Text(EntityType.Zone, zone.Id, "name", zone.Name);
        Text(EntityType.Zone, zone.Id, "kind", zone.Kind);
    }

    /// <summary>Check: a write rule both stores share (see the class).</summary>
    public static void Check(Bay bay)
    {
        ArgumentNullException.ThrowIfNull(bay);
        Key(EntityType.Bay, bay.Id, "id", bay.Id);
        Key(EntityType.Bay, bay.Id, "tenantId", bay.TenantId);
        Key(EntityType.Bay, bay.Id, "zoneId", bay.ZoneId);
        Key(EntityType.Bay, bay.Id, "code", bay.Code);
        Coordinate(EntityType.Bay, bay.Id, "lat", bay.Lat);
        Coordinate(EntityType.Bay, bay.Id, "lng", bay.Lng);
    }

    /// <summary>Check: a write rule both stores share (see the class).</summary>
    public static void Check(Sensor sensor)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        Key(EntityType.Sensor, sensor.Id, "id", sensor.Id);
        Key(EntityType.Sensor, sensor.Id, "tenantId", sensor.TenantId);
        Key(EntityType.Sensor, sensor.Id, "devEui", sensor.DevEui);
        if (Keys.DevEui.Normalize(sensor.DevEui).Length == 0)
        {
            throw new InvalidEntityException(EntityType.Sensor, sensor.Id, "devEui", "has no hex digits once separators are removed; give the sensor's LoRaWAN DevEUI.");
        }

        Text(EntityType.Sensor, sensor.Id, "type", sensor.Type);
        Text(EntityType.Sensor, sensor.Id, "status", sensor.Status);
        if (sensor.BayId is null && sensor.ZoneId is null)
        {
            Key(EntityType.Sensor, sensor.Id, "siteId", sensor.SiteId);
        }

        if (sensor.ZoneId is { Length: 0 } || sensor.BayId is { Length: 0 })
        {
            throw new InvalidEntityException(EntityType.Sensor, sensor.Id, sensor.ZoneId is { Length: 0 } ? "zoneId" : "bayId", "is empty; give an id or null.");
        }
    }

    /// <summary>Id: a write rule both stores share (see the class).</summary>
    public static void Id(string value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length == 0)
        {
            throw new ArgumentException("An id must not be empty.", name);
        }
    }

    private static void Key(EntityType type, string? id, string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new InvalidEntityException(type, id ?? string.Empty, field, "is empty; it is part of a key and must have a value.");
        }
    }

    private static void Text(EntityType type, string id, string field, string? value)
    {
        if (value is null)
        {
            throw new InvalidEntityException(type, id, field, "is null; give a value.");
        }
    }

    private static void Coordinate(EntityType type, string id, string field, double? value)
    {
        if (value is { } v && !double.IsFinite(v))
        {
            throw new InvalidEntityException(type, id, field, "is not a finite number; give degrees or null.");
        }
    }
}
