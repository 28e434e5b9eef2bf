namespace VisionDrive.Parking.Data;

/// <summary>An organisation that owns sites (source table <c>tenants</c>).</summary>
/// <param name="Id">The tenant id (a UUID as text in the source).</param>
/// <param name="Name">The display name.</param>
/// <param name="Slug">The unique URL slug, e.g. <c>visiondrive</c>.</param>
/// <param name="Status">The status, an open set: <c>ACTIVE</c>, <c>SUSPENDED</c>, ….</param>
/// <param name="CreatedAt">When the row was created.</param>
/// <param name="UpdatedAt">When the row was last updated.</param>
public sealed record Tenant(string Id, string Name, string Slug, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
