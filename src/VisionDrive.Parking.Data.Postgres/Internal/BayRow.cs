namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>A <c>bays</c> row with its derived status (see <see cref="BayStatusSql"/>) as Dapper reads it.</summary>
internal sealed record BayRow(string Id, string? TenantId, string? SiteId, string? ZoneId, string? Code, double? Lat, double? Lng, DateTime? CreatedAt, DateTime? UpdatedAt, string? StatusSensorId, string? StatusKind, DateTime? StatusTime, string? StatusEventId)
{
    public const string Columns =
        "b.id, b.\"tenantId\", b.\"siteId\", b.\"zoneId\", b.code, b.lat, b.lng, b.\"createdAt\", b.\"updatedAt\", " + BayStatusSql.Columns;

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

/// <summary>A bay's derived status alone (see <see cref="BayStatusSql"/>), as an event's write reads it before and after.</summary>
internal sealed record BayStatusRow(string Id, string? StatusSensorId, string? StatusKind, DateTime? StatusTime, string? StatusEventId);

/// <summary>Where a bay is (its site and zone), as a sensor's placement reads it.</summary>
internal sealed record BayPlacementRow(string Id, string? SiteId, string? ZoneId);
