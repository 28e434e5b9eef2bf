using System;

namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>A <c>zones</c> row as Dapper reads it (<c>tariff</c> as JSON text).</summary>
internal sealed class ZoneRow
{
    public const string Columns = "id, \"tenantId\", \"siteId\", name, kind, tariff::text AS tariff, \"createdAt\", \"updatedAt\"";

    public string Id { get; set; } = "";
    public string? TenantId { get; set; }
    public string? SiteId { get; set; }
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? Tariff { get; set; }
    public DateTime? CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }

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
