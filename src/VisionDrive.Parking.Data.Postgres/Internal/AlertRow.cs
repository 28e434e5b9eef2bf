namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>An <c>alerts</c> row as Dapper reads it.</summary>
internal sealed record AlertRow(string Id, string? TenantId, string? SiteId, string? ZoneId, string? BayId, string? SensorId, string? Type, string? Severity, string? Status, string? Message, DateTime? CreatedAt, DateTime? ResolvedAt)
{
    public const string Columns =
        "id, \"tenantId\", \"siteId\", \"zoneId\", \"bayId\", \"sensorId\", type, severity, status, message, \"createdAt\", \"resolvedAt\"";

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
