namespace VisionDrive.Parking.Data;

/// <summary>
/// Tenant reads and writes. Writes are optimistic: the version of an entity is its <c>UpdatedAt</c>; an update passes the entity as read
/// (changed with <c>with</c>) and a delete passes the version it read, and either fails with <see cref="StaleVersionException"/> when the entity
/// changed in between. Every write returns or sets a new <c>UpdatedAt</c> (<c>max(now, previous + 1 µs)</c>). The same on both stores
/// (<c>docs/access-patterns.md</c>, "Writes").
/// </summary>
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

    /// <summary>Creates a tenant. Its <c>CreatedAt</c> and <c>UpdatedAt</c> are set by the store (the values passed are ignored).</summary>
    /// <param name="tenant">The tenant: id, name, slug (unique among all tenants) and status.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The tenant as stored.</returns>
    /// <exception cref="EntityConflictException">A tenant with this id exists, or another tenant has this slug.</exception>
    /// <exception cref="InvalidEntityException">A value cannot be stored (empty id, name or slug).</exception>
    ValueTask<Tenant> CreateTenantAsync(Tenant tenant, CancellationToken cancellationToken = default);

    /// <summary>Updates a tenant's name, slug and status.</summary>
    /// <param name="tenant">The tenant as read, changed; its <c>UpdatedAt</c> is the version expected.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The tenant as stored, with its new version.</returns>
    /// <exception cref="EntityNotFoundException">There is no such tenant.</exception>
    /// <exception cref="EntityConflictException">Another tenant has the new slug.</exception>
    /// <exception cref="StaleVersionException"><paramref name="tenant"/>'s <c>UpdatedAt</c> is not the stored version: it changed since it was read; nothing was written.</exception>
    ValueTask<Tenant> UpdateTenantAsync(Tenant tenant, CancellationToken cancellationToken = default);

    /// <summary>Deletes a tenant that has no sites and no alerts left.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="version">The version read (<c>UpdatedAt</c>).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the tenant is gone.</returns>
    /// <exception cref="EntityNotFoundException">There is no such tenant.</exception>
    /// <exception cref="EntityConflictException">The tenant still has sites or alerts.</exception>
    /// <exception cref="StaleVersionException"><paramref name="version"/>'s <c>UpdatedAt</c> is not the stored version: it changed since it was read; nothing was written.</exception>
    ValueTask DeleteTenantAsync(string tenantId, DateTimeOffset version, CancellationToken cancellationToken = default);
}
