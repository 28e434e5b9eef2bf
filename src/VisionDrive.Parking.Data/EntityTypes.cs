namespace VisionDrive.Parking.Data;

/// <summary>Names of <see cref="EntityType"/> values as stored in the <c>entityType</c> attribute and used in reports.</summary>
public static class EntityTypes
{
    /// <summary>Every entity type, in migration order (parents before children).</summary>
    public static IReadOnlyList<EntityType> All { get; } =
        [EntityType.Tenant, EntityType.Site, EntityType.Zone, EntityType.Bay, EntityType.Sensor, EntityType.Event, EntityType.Alert];

    /// <summary>The stored name of <paramref name="type"/>: <c>TENANT</c>, <c>SITE</c>, <c>ZONE</c>, <c>BAY</c>, <c>SENSOR</c>, <c>EVENT</c> or <c>ALERT</c>.</summary>
    /// <param name="type">The entity type.</param>
    /// <returns>The upper-case name.</returns>
    public static string Name(this EntityType type) => type switch
    {
        EntityType.Tenant => "TENANT",
        EntityType.Site => "SITE",
        EntityType.Zone => "ZONE",
        EntityType.Bay => "BAY",
        EntityType.Sensor => "SENSOR",
        EntityType.Event => "EVENT",
        EntityType.Alert => "ALERT",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown entity type."),
    };

    /// <summary>The source table that holds rows of <paramref name="type"/>.</summary>
    /// <param name="type">The entity type.</param>
    /// <returns>The PostgreSQL table name, e.g. <c>sensor_events</c>.</returns>
    public static string SourceTable(this EntityType type) => type switch
    {
        EntityType.Tenant => "tenants",
        EntityType.Site => "sites",
        EntityType.Zone => "zones",
        EntityType.Bay => "bays",
        EntityType.Sensor => "sensors",
        EntityType.Event => "sensor_events",
        EntityType.Alert => "alerts",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown entity type."),
    };

    /// <summary>Parses a stored name (<c>TENANT</c>, …) or a source table name (<c>tenants</c>, …), case-insensitively.</summary>
    /// <param name="value">The name to parse.</param>
    /// <param name="type">The entity type when the result is <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> names an entity type.</returns>
    public static bool TryParse(string? value, out EntityType type)
    {
        foreach (var t in All)
        {
            if (string.Equals(value, t.Name(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(value, t.SourceTable(), StringComparison.OrdinalIgnoreCase))
            {
                type = t;
                return true;
            }
        }

        type = default;
        return false;
    }
}
