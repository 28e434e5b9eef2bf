namespace VisionDrive.Parking.Data;

/// <summary>A parking zone of a site (source table <c>zones</c>).</summary>
/// <param name="Id">The zone id.</param>
/// <param name="TenantId">The owning tenant.</param>
/// <param name="SiteId">The site the zone belongs to.</param>
/// <param name="Name">The display name.</param>
/// <param name="Kind">The kind, an open set: <c>PAID</c>, <c>FREE</c>, <c>PERMIT</c>, ….</param>
/// <param name="Tariff">The tariff document as stored (e.g. <c>{"pricePerHour": 10, "currency": "AED"}</c>); <see langword="null"/> for free zones.</param>
/// <param name="CreatedAt">When the row was created.</param>
/// <param name="UpdatedAt">When the row was last updated.</param>
public sealed record Zone(
    string Id,
    string TenantId,
    string SiteId,
    string Name,
    string Kind,
    JsonText? Tariff,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The tariff's <c>pricePerHour</c> when it is a JSON number, else <see langword="null"/>. Kept exactly as written (no floating-point round trip).</summary>
    public string? PricePerHour => Tariff?.GetTopLevelNumber("pricePerHour");

    /// <summary>The tariff's <c>currency</c> when it is a JSON string, else <see langword="null"/>.</summary>
    public string? Currency => Tariff?.GetTopLevelString("currency");
}
