using System;

namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>A <c>tenants</c> row as Dapper reads it (every column nullable: production may lack NOT NULL constraints).</summary>
internal sealed class TenantRow
{
    public const string Columns = "id, name, slug, status, \"createdAt\", \"updatedAt\"";

    public string Id { get; set; } = "";
    public string? Name { get; set; }
    public string? Slug { get; set; }
    public string? Status { get; set; }
    public DateTime? CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }

    public Tenant ToEntity() => new(
        Id,
        Required.Text(Name, EntityType.Tenant, Id, "name"),
        Required.Text(Slug, EntityType.Tenant, Id, "slug"),
        Required.Text(Status, EntityType.Tenant, Id, "status"),
        Required.Time(CreatedAt, EntityType.Tenant, Id, "createdAt"),
        Required.Time(UpdatedAt, EntityType.Tenant, Id, "updatedAt"));
}
