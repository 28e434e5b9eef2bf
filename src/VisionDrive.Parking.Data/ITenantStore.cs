using System.Threading;
using System.Threading.Tasks;

namespace VisionDrive.Parking.Data;

/// <summary>Tenant reads.</summary>
public interface ITenantStore
{
    /// <summary>Reads a tenant by id.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The tenant, or <see langword="null"/> when there is none.</returns>
    ValueTask<Tenant?> GetTenantAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Reads a tenant by its unique slug.</summary>
    /// <param name="slug">The slug, e.g. <c>visiondrive</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The tenant, or <see langword="null"/> when there is none.</returns>
    ValueTask<Tenant?> GetTenantBySlugAsync(string slug, CancellationToken cancellationToken = default);
}
