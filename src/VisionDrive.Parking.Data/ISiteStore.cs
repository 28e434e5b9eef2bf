namespace VisionDrive.Parking.Data;

/// <summary>Site reads and writes (optimistic and tenant-scoped as described on <see cref="ITenantStore"/>).</summary>
public interface ISiteStore
{
    /// <summary>Reads a site by id.</summary>
    /// <param name="siteId">The site id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The site, or <see langword="null"/> when there is none.</returns>
    ValueTask<Site?> GetSiteAsync(string siteId, CancellationToken cancellationToken = default);

    /// <summary>Lists the sites of a tenant, ordered by id.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="page">The page to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One page of sites.</returns>
    Task<Page<Site>> ListSitesByTenantAsync(string tenantId, PageRequest page = default, CancellationToken cancellationToken = default);

    /// <summary>Creates a site of an existing tenant. <c>CreatedAt</c> and <c>UpdatedAt</c> are set by the store.</summary>
    /// <param name="site">The site.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The site as stored.</returns>
    /// <exception cref="EntityNotFoundException">The tenant does not exist.</exception>
    /// <exception cref="EntityConflictException">A site with this id exists.</exception>
    ValueTask<Site> CreateSiteAsync(Site site, CancellationToken cancellationToken = default);

    /// <summary>Updates a site's name, address, position and time zone.</summary>
    /// <param name="site">The site as read, changed; its <c>TenantId</c> names the tenant and its <c>UpdatedAt</c> is the version expected.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The site as stored, with its new version.</returns>
    /// <exception cref="EntityNotFoundException">The tenant has no such site.</exception>
    /// <exception cref="StaleVersionException"><paramref name="site"/>'s <c>UpdatedAt</c> is not the stored version: it changed since it was read; nothing was written.</exception>
    ValueTask<Site> UpdateSiteAsync(Site site, CancellationToken cancellationToken = default);

    /// <summary>Deletes a site that has no zones, sensors or alerts left.</summary>
    /// <param name="tenantId">The tenant the site belongs to.</param>
    /// <param name="siteId">The site id.</param>
    /// <param name="version">The version read (<c>UpdatedAt</c>).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the site is gone.</returns>
    /// <exception cref="EntityNotFoundException">The tenant has no such site.</exception>
    /// <exception cref="EntityConflictException">The site still has zones, sensors or alerts.</exception>
    /// <exception cref="StaleVersionException"><paramref name="version"/>'s <c>UpdatedAt</c> is not the stored version: it changed since it was read; nothing was written.</exception>
    ValueTask DeleteSiteAsync(string tenantId, string siteId, DateTimeOffset version, CancellationToken cancellationToken = default);
}
