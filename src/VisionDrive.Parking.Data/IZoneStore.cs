namespace VisionDrive.Parking.Data;

/// <summary>Zone and bay reads and writes (optimistic and tenant-scoped as described on <see cref="ITenantStore"/>).</summary>
public interface IZoneStore
{
    /// <summary>Reads a zone by id.</summary>
    /// <param name="zoneId">The zone id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The zone, or <see langword="null"/> when there is none.</returns>
    ValueTask<Zone?> GetZoneAsync(string zoneId, CancellationToken cancellationToken = default);

    /// <summary>Lists the zones of a tenant, ordered by id (the guide's <c>/zones</c>).</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="page">The page to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One page of zones.</returns>
    Task<Page<Zone>> ListZonesByTenantAsync(string tenantId, PageRequest page = default, CancellationToken cancellationToken = default);

    /// <summary>Lists the zones of a site, ordered by id.</summary>
    /// <param name="siteId">The site id.</param>
    /// <param name="page">The page to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One page of zones.</returns>
    Task<Page<Zone>> ListZonesBySiteAsync(string siteId, PageRequest page = default, CancellationToken cancellationToken = default);

    /// <summary>Reads a zone with all its bays and their live status.</summary>
    /// <param name="zoneId">The zone id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The zone and its bays ordered by code then id, or <see langword="null"/> when there is no such zone.</returns>
    ValueTask<ZoneWithBays?> GetZoneWithBaysAsync(string zoneId, CancellationToken cancellationToken = default);

    /// <summary>Reads a bay by id, with its live status.</summary>
    /// <param name="bayId">The bay id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bay, or <see langword="null"/> when there is none.</returns>
    ValueTask<Bay?> GetBayAsync(string bayId, CancellationToken cancellationToken = default);

    /// <summary>Creates a zone (tariff included) in an existing site of the tenant. <c>CreatedAt</c> and <c>UpdatedAt</c> are set by the store.</summary>
    /// <param name="zone">The zone.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The zone as stored.</returns>
    /// <exception cref="EntityNotFoundException">The tenant has no such site.</exception>
    /// <exception cref="EntityConflictException">A zone with this id exists.</exception>
    ValueTask<Zone> CreateZoneAsync(Zone zone, CancellationToken cancellationToken = default);

    /// <summary>Updates a zone's name, kind and tariff. A zone stays in its site.</summary>
    /// <param name="zone">The zone as read, changed; its <c>UpdatedAt</c> is the version expected.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The zone as stored, with its new version.</returns>
    /// <exception cref="EntityNotFoundException">The tenant has no such zone.</exception>
    /// <exception cref="EntityConflictException"><c>SiteId</c> differs from the stored one (zones do not move between sites).</exception>
    /// <exception cref="StaleVersionException"><paramref name="zone"/>'s <c>UpdatedAt</c> is not the stored version: it changed since it was read; nothing was written.</exception>
    ValueTask<Zone> UpdateZoneAsync(Zone zone, CancellationToken cancellationToken = default);

    /// <summary>Deletes a zone that has no bays, sensors or alerts left.</summary>
    /// <param name="tenantId">The tenant the zone belongs to.</param>
    /// <param name="zoneId">The zone id.</param>
    /// <param name="version">The version read (<c>UpdatedAt</c>).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the zone is gone.</returns>
    /// <exception cref="EntityNotFoundException">The tenant has no such zone.</exception>
    /// <exception cref="EntityConflictException">The zone still has bays, sensors or alerts.</exception>
    /// <exception cref="StaleVersionException"><paramref name="version"/>'s <c>UpdatedAt</c> is not the stored version: it changed since it was read; nothing was written.</exception>
    ValueTask DeleteZoneAsync(string tenantId, string zoneId, DateTimeOffset version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a bay in an existing zone of the tenant; its <c>SiteId</c> is the zone's (the value passed is ignored), it holds no sensor and is
    /// vacant. <c>CreatedAt</c> and <c>UpdatedAt</c> are set by the store.
    /// </summary>
    /// <param name="bay">The bay: id, tenant, zone, code, position.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The bay as stored.</returns>
    /// <exception cref="EntityNotFoundException">The tenant has no such zone.</exception>
    /// <exception cref="EntityConflictException">A bay with this id exists.</exception>
    ValueTask<Bay> CreateBayAsync(Bay bay, CancellationToken cancellationToken = default);

    /// <summary>
    /// Updates a bay's code and position, or moves it to another zone of the tenant (a different <c>ZoneId</c>; its <c>SiteId</c> becomes the new
    /// zone's). Atomic on both stores. The live status (sensor, occupancy, last event) is the store's and survives the update; the values passed
    /// are ignored. A bay that holds a sensor does not move: unassign the sensor first.
    /// </summary>
    /// <param name="bay">The bay as read, changed; its <c>UpdatedAt</c> is the version expected.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The bay as stored, with its new version and its live status.</returns>
    /// <exception cref="EntityNotFoundException">The tenant has no such bay, or no such target zone.</exception>
    /// <exception cref="EntityConflictException">The bay would move while it holds a sensor.</exception>
    /// <exception cref="StaleVersionException"><paramref name="bay"/>'s <c>UpdatedAt</c> is not the stored version: it changed since it was read; nothing was written.</exception>
    ValueTask<Bay> UpdateBayAsync(Bay bay, CancellationToken cancellationToken = default);

    /// <summary>Deletes a bay that holds no sensor and that no alert names.</summary>
    /// <param name="tenantId">The tenant the bay belongs to.</param>
    /// <param name="bayId">The bay id.</param>
    /// <param name="version">The version read (<c>UpdatedAt</c>).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the bay is gone.</returns>
    /// <exception cref="EntityNotFoundException">The tenant has no such bay.</exception>
    /// <exception cref="EntityConflictException">A sensor is assigned to the bay, or an alert names it.</exception>
    /// <exception cref="StaleVersionException"><paramref name="version"/>'s <c>UpdatedAt</c> is not the stored version: it changed since it was read; nothing was written.</exception>
    ValueTask DeleteBayAsync(string tenantId, string bayId, DateTimeOffset version, CancellationToken cancellationToken = default);
}
