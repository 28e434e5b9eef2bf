namespace VisionDrive.Parking.Data;

/// <summary>An IoT sensor (source table <c>sensors</c>).</summary>
/// <param name="Id">The sensor id, e.g. <c>PSL01B-001</c>.</param>
/// <param name="TenantId">The owning tenant.</param>
/// <param name="SiteId">The site.</param>
/// <param name="ZoneId">The zone, or <see langword="null"/> while the sensor is in stock.</param>
/// <param name="BayId">The bay it watches, or <see langword="null"/> for gateways and environment sensors.</param>
/// <param name="DevEui">The LoRaWAN DevEUI as stored in the source (lookups normalise it, see <see cref="Keys.DevEui"/>).</param>
/// <param name="Type">The type, an open set: <c>PARKING</c>, <c>GATEWAY</c>, ….</param>
/// <param name="Status">The status, an open set: <c>active</c>, <c>inactive</c>, <c>faulty</c>, ….</param>
/// <param name="LastSeenAt">When the sensor was last heard from, when known.</param>
/// <param name="CreatedAt">When the row was created.</param>
/// <param name="UpdatedAt">When the row was last updated.</param>
public sealed record Sensor(
    string Id,
    string TenantId,
    string SiteId,
    string? ZoneId,
    string? BayId,
    string DevEui,
    string Type,
    string Status,
    DateTimeOffset? LastSeenAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
