namespace VisionDrive.Parking.Data;

/// <summary>A physical location of a tenant (source table <c>sites</c>).</summary>
/// <param name="Id">The site id.</param>
/// <param name="TenantId">The owning tenant.</param>
/// <param name="Name">The display name.</param>
/// <param name="Address">The street address, when known.</param>
/// <param name="Lat">The latitude in degrees, when known.</param>
/// <param name="Lng">The longitude in degrees, when known.</param>
/// <param name="Timezone">The IANA time zone, e.g. <c>Asia/Dubai</c>.</param>
/// <param name="CreatedAt">When the row was created.</param>
/// <param name="UpdatedAt">When the row was last updated.</param>
public sealed record Site(
    string Id,
    string TenantId,
    string Name,
    string? Address,
    double? Lat,
    double? Lng,
    string Timezone,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
