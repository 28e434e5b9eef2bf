namespace VisionDrive.Parking.Data;

/// <summary>The entity types stored in the single table; each item's <c>entityType</c> attribute holds <see cref="EntityTypes.Name(EntityType)"/>.</summary>
public enum EntityType
{
    /// <summary>A tenant (organisation), <c>TENANT</c>.</summary>
    Tenant,
    /// <summary>A site (physical location), <c>SITE</c>.</summary>
    Site,
    /// <summary>A parking zone, <c>ZONE</c>.</summary>
    Zone,
    /// <summary>A parking bay, <c>BAY</c>.</summary>
    Bay,
    /// <summary>An IoT sensor, <c>SENSOR</c>.</summary>
    Sensor,
    /// <summary>A sensor event, <c>EVENT</c>.</summary>
    Event,
    /// <summary>An alert, <c>ALERT</c>.</summary>
    Alert,
}
