using System;

namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>A <c>sites</c> row as Dapper reads it.</summary>
internal sealed class SiteRow
{
    public const string Columns = "id, \"tenantId\", name, address, lat, lng, timezone, \"createdAt\", \"updatedAt\"";

    public string Id { get; set; } = "";
    public string? TenantId { get; set; }
    public string? Name { get; set; }
    public string? Address { get; set; }
    public double? Lat { get; set; }
    public double? Lng { get; set; }
    public string? Timezone { get; set; }
    public DateTime? CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }

    public Site ToEntity() => new(
        Id,
        Required.Text(TenantId, EntityType.Site, Id, "tenantId"),
        Required.Text(Name, EntityType.Site, Id, "name"),
        Address,
        Lat,
        Lng,
        Required.Text(Timezone, EntityType.Site, Id, "timezone"),
        Required.Time(CreatedAt, EntityType.Site, Id, "createdAt"),
        Required.Time(UpdatedAt, EntityType.Site, Id, "updatedAt"));
}
