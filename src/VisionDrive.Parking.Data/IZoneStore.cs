using System.Threading;
using System.Threading.Tasks;

namespace VisionDrive.Parking.Data;

/// <summary>Zone and bay reads.</summary>
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
}
