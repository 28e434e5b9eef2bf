using System;

namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>An <c>alerts</c> row as Dapper reads it.</summary>
internal sealed class AlertRow
{
    public const string Columns =
        "id, \"tenantId\", \"siteId\", \"zoneId\", \"bayId\", \"sensorId\", type, severity, status, message, \"createdAt\", \"resolvedAt\"";

    public string Id { get; set; } = "";
    public string? TenantId { get; set; }
    public string? SiteId { get; set; }
    public string? ZoneId { get; set; }
    public string? BayId { get; set; }
    public string? SensorId { get; set; }
    public string? Type { get; set; }
    public string? Severity { get; set; }
    public string? Status { get; set; }
    public string? Message { get; set; }
    public DateTime? CreatedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }

    public Alert ToEntity() => new(
        Id,
        Required.Text(TenantId, EntityType.Alert, Id, "tenantId"),
        SiteId,
        ZoneId,
        BayId,
        SensorId,
        Required.Text(Type, EntityType.Alert, Id, "type"),
        Required.Text(Severity, EntityType.Alert, Id, "severity"),
        Required.Text(Status, EntityType.Alert, Id, "status"),
        Message,
        Required.Time(CreatedAt, EntityType.Alert, Id, "createdAt"),
        Required.OptionalTime(ResolvedAt));
}
