namespace VisionDrive.Parking.Data;

/// <summary>A system alert (source table <c>alerts</c>).</summary>
/// <param name="Id">The alert id.</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="SiteId">The site, when the alert concerns one.</param>
/// <param name="ZoneId">The zone, when the alert concerns one.</param>
/// <param name="BayId">The bay, when the alert concerns one.</param>
/// <param name="SensorId">The sensor, when the alert concerns one.</param>
/// <param name="Type">The type, an open set: <c>LOW_BATTERY</c>, <c>OFFLINE</c>, <c>OVERSTAY</c>, ….</param>
/// <param name="Severity">The severity, an open set: <c>INFO</c>, <c>WARNING</c>, <c>CRITICAL</c>, ….</param>
/// <param name="Status">The status: <c>OPEN</c>, <c>ACKNOWLEDGED</c>, <c>RESOLVED</c> (see <see cref="AlertStatus"/>).</param>
/// <param name="Message">A human-readable message, when any.</param>
/// <param name="CreatedAt">When the alert was raised.</param>
/// <param name="ResolvedAt">When the alert was resolved, when it was.</param>
public sealed record Alert(
    string Id,
    string TenantId,
    string? SiteId,
    string? ZoneId,
    string? BayId,
    string? SensorId,
    string Type,
    string Severity,
    string Status,
    string? Message,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt);
