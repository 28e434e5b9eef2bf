namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>A <c>sites</c> row as Dapper reads it.</summary>
internal sealed record SiteRow(string Id, string? TenantId, string? Name, string? Address, double? Lat, double? Lng, string? Timezone, DateTime? CreatedAt, DateTime? UpdatedAt)
{
    public const string Columns = "id, \"tenantId\", name, address, lat, lng, timezone, \"createdAt\", \"updatedAt\"";

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
