namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>A <c>tenants</c> row as Dapper reads it (every column nullable: production may lack NOT NULL constraints).</summary>
internal sealed record TenantRow(string Id, string? Name, string? Slug, string? Status, DateTime? CreatedAt, DateTime? UpdatedAt)
{
    public const string Columns = "id, name, slug, status, \"createdAt\", \"updatedAt\"";

    public Tenant ToEntity() => new(
        Id,
        Required.Text(Name, EntityType.Tenant, Id, "name"),
        Required.Text(Slug, EntityType.Tenant, Id, "slug"),
        Required.Text(Status, EntityType.Tenant, Id, "status"),
        Required.Time(CreatedAt, EntityType.Tenant, Id, "createdAt"),
        Required.Time(UpdatedAt, EntityType.Tenant, Id, "updatedAt"));
}
