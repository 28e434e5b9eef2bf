namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>A <c>zones</c> row as Dapper reads it (<c>tariff</c> as JSON text).</summary>
internal sealed record ZoneRow(string Id, string? TenantId, string? SiteId, string? Name, string? Kind, string? Tariff, DateTime? CreatedAt, DateTime? UpdatedAt)
{
    public const string Columns = "id, \"tenantId\", \"siteId\", name, kind, tariff::text AS tariff, \"createdAt\", \"updatedAt\"";

    public Zone ToEntity() => new(
        Id,
        Required.Text(TenantId, EntityType.Zone, Id, "tenantId"),
        Required.Text(SiteId, EntityType.Zone, Id, "siteId"),
        Required.Text(Name, EntityType.Zone, Id, "name"),
        Required.Text(Kind, EntityType.Zone, Id, "kind"),
        Required.Json(Tariff),
        Required.Time(CreatedAt, EntityType.Zone, Id, "createdAt"),
        Required.Time(UpdatedAt, EntityType.Zone, Id, "updatedAt"));
}
