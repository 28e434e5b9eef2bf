namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>A <c>sensors</c> row as Dapper reads it.</summary>
internal sealed record SensorRow(string Id, string? TenantId, string? SiteId, string? ZoneId, string? BayId, string? DevEui, string? Type, string? Status, DateTime? LastSeenAt, DateTime? CreatedAt, DateTime? UpdatedAt)
{
    public const string Columns =
        "id, \"tenantId\", \"siteId\", \"zoneId\", \"bayId\", \"devEui\", type, status, \"lastSeenAt\", \"createdAt\", \"updatedAt\"";

    public Sensor ToEntity() => new(
        Id,
        Required.Text(TenantId, EntityType.Sensor, Id, "tenantId"),
        Required.Text(SiteId, EntityType.Sensor, Id, "siteId"),
        ZoneId,
        BayId,
        Required.Text(DevEui, EntityType.Sensor, Id, "devEui"),
        Required.Text(Type, EntityType.Sensor, Id, "type"),
        Required.Text(Status, EntityType.Sensor, Id, "status"),
        Required.OptionalTime(LastSeenAt),
        Required.Time(CreatedAt, EntityType.Sensor, Id, "createdAt"),
        Required.Time(UpdatedAt, EntityType.Sensor, Id, "updatedAt"));
}
