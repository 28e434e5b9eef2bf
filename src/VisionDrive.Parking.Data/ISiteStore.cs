using System.Threading;
using System.Threading.Tasks;

namespace VisionDrive.Parking.Data;

/// <summary>Site reads.</summary>
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
}
