namespace VisionDrive.Parking.Data;

/// <summary>
/// A parking bay of a zone (source table <c>bays</c>), with its live status derived from the sensor assigned
/// to it and that sensor's latest <c>ARRIVE</c>/<c>LEAVE</c> event.
/// </summary>
/// <param name="Id">The bay id.</param>
/// <param name="TenantId">The owning tenant.</param>
/// <param name="SiteId">The site.</param>
/// <param name="ZoneId">The zone.</param>
/// <param name="Code">The bay number shown to drivers, e.g. <c>A-001</c>; not unique.</param>
/// <param name="Lat">The latitude in degrees, when known.</param>
/// <param name="Lng">The longitude in degrees, when known.</param>
/// <param name="CreatedAt">When the row was created.</param>
/// <param name="UpdatedAt">When the row was last updated.</param>
public sealed record Bay(
    string Id,
    string TenantId,
    string SiteId,
    string ZoneId,
    string Code,
    double? Lat,
    double? Lng,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary><see cref="BayStatus.Occupied"/> when the latest ARRIVE/LEAVE event of the bay's sensor is an ARRIVE, else <see cref="BayStatus.Vacant"/>.</summary>
    public string Status { get; init; } = BayStatus.Vacant;

    /// <summary>The sensor assigned to the bay, or <see langword="null"/> when none is.</summary>
    public string? SensorId { get; init; }

    /// <summary>The time of the event that set <see cref="Status"/>, or <see langword="null"/> when no ARRIVE/LEAVE event is known.</summary>
    public DateTimeOffset? StatusChangedAt { get; init; }

    /// <summary>The id of the event that set <see cref="Status"/>, or <see langword="null"/>.</summary>
    public string? StatusEventId { get; init; }
}
