using System;

namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>A <c>bays</c> row with its derived status (see <see cref="BayStatusSql"/>) as Dapper reads it.</summary>
internal sealed class BayRow
{
    public const string Columns =
        "b.id, b.\"tenantId\", b.\"siteId\", b.\"zoneId\", b.code, b.lat, b.lng, b.\"createdAt\", b.\"updatedAt\", " + BayStatusSql.Columns;

    public string Id { get; set; } = "";
    public string? TenantId { get; set; }
    public string? SiteId { get; set; }
    public string? ZoneId { get; set; }
    public string? Code { get; set; }
    public double? Lat { get; set; }
    public double? Lng { get; set; }
    public DateTime? CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
    public string? StatusSensorId { get; set; }
    public string? StatusKind { get; set; }
    public DateTime? StatusTime { get; set; }
    public string? StatusEventId { get; set; }

    public Bay ToEntity() => new Bay(
        Id,
        Required.Text(TenantId, EntityType.Bay, Id, "tenantId"),
        Required.Text(SiteId, EntityType.Bay, Id, "siteId"),
        Required.Text(ZoneId, EntityType.Bay, Id, "zoneId"),
        Required.Text(Code, EntityType.Bay, Id, "code"),
        Lat,
        Lng,
        Required.Time(CreatedAt, EntityType.Bay, Id, "createdAt"),
        Required.Time(UpdatedAt, EntityType.Bay, Id, "updatedAt"))
    {
        SensorId = StatusSensorId,
        Status = StatusKind == EventKinds.Arrive ? BayStatus.Occupied : BayStatus.Vacant,
        StatusChangedAt = Required.OptionalTime(StatusTime),
        StatusEventId = StatusEventId,
    };
}
