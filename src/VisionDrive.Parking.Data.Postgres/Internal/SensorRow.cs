using System;

namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>A <c>sensors</c> row as Dapper reads it.</summary>
internal sealed class SensorRow
{
    public const string Columns =
        "id, \"tenantId\", \"siteId\", \"zoneId\", \"bayId\", \"devEui\", type, status, \"lastSeenAt\", \"createdAt\", \"updatedAt\"";

    public string Id { get; set; } = "";
    public string? TenantId { get; set; }
    public string? SiteId { get; set; }
    public string? ZoneId { get; set; }
    public string? BayId { get; set; }
    public string? DevEui { get; set; }
    public string? Type { get; set; }
    public string? Status { get; set; }
    public DateTime? LastSeenAt { get; set; }
    public DateTime? CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }

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
