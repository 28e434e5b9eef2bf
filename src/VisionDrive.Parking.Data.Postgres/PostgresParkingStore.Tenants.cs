using System;
using System.Threading;
using System.Threading.Tasks;
using VisionDrive.Parking.Data.Postgres.Internal;

namespace VisionDrive.Parking.Data.Postgres;

public sealed partial class PostgresParkingStore
{
    /// <inheritdoc />
    public async ValueTask<Tenant?> GetTenantAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        var row = await QuerySingleAsync<TenantRow>($"SELECT {TenantRow.Columns} FROM tenants WHERE id = @id", new { id = tenantId }, cancellationToken).ConfigureAwait(false);
        return row?.ToEntity();
    }

    /// <inheritdoc />
    public async ValueTask<Tenant?> GetTenantBySlugAsync(string slug, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slug);
        var row = await QuerySingleAsync<TenantRow>(
            $"SELECT {TenantRow.Columns} FROM tenants WHERE slug = @slug ORDER BY id COLLATE \"C\" LIMIT 1", new { slug }, cancellationToken).ConfigureAwait(false);
        return row?.ToEntity();
    }

    /// <inheritdoc />
    public async ValueTask<Site?> GetSiteAsync(string siteId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(siteId);
        var row = await QuerySingleAsync<SiteRow>($"SELECT {SiteRow.Columns} FROM sites WHERE id = @id", new { id = siteId }, cancellationToken).ConfigureAwait(false);
        return row?.ToEntity();
    }

    /// <inheritdoc />
    public Task<Page<Site>> ListSitesByTenantAsync(string tenantId, PageRequest page = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return ListByIdAsync<SiteRow, Site>(
            "sites-of-tenant", $"SELECT {SiteRow.Columns} FROM sites WHERE \"tenantId\" = @tenantId", Args("tenantId", tenantId), page, r => r.Id, r => r.ToEntity(), cancellationToken);
    }
}
