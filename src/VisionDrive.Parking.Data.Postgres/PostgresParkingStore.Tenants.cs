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

    /// <inheritdoc />
    /// <remarks>One transaction: advisory lock on the slug, id and slug checked, <c>INSERT INTO tenants</c>.</remarks>
    public ValueTask<Tenant> CreateTenantAsync(Tenant tenant, CancellationToken cancellationToken = default)
    {
        WriteValidation.Check(tenant);
        return new(InTransactionAsync(async (c, t) =>
        {
            await LockAsync(c, t, "vdp-slug:" + tenant.Slug, cancellationToken).ConfigureAwait(false);
            if (await ExistsAsync(c, t, "SELECT 1 FROM tenants WHERE id = @id", new { id = tenant.Id }, cancellationToken).ConfigureAwait(false))
            {
                throw new EntityConflictException(EntityType.Tenant, tenant.Id, "a tenant with this id exists; choose another id.");
            }

            await CheckSlugFreeAsync(c, t, tenant, cancellationToken).ConfigureAwait(false);
            var now = Required.ToSource(EntityVersion.First(_clock));
            await ExecAsync(
                c,
                t,
                "INSERT INTO tenants (id, name, slug, status, \"createdAt\", \"updatedAt\") VALUES (@Id, @Name, @Slug, @Status, @now, @now)",
                new { tenant.Id, tenant.Name, tenant.Slug, tenant.Status, now },
                cancellationToken).ConfigureAwait(false);
            await OutboxAsync(c, t, EntityType.Tenant, tenant.Id, cancellationToken).ConfigureAwait(false);
            return tenant with { CreatedAt = Required.Utc(now), UpdatedAt = Required.Utc(now) };
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>One transaction: the row locked (<c>FOR UPDATE</c>), its version checked, the new slug checked, <c>UPDATE tenants</c>.</remarks>
    public ValueTask<Tenant> UpdateTenantAsync(Tenant tenant, CancellationToken cancellationToken = default)
    {
        WriteValidation.Check(tenant);
        return new(InTransactionAsync(async (c, t) =>
        {
            await LockAsync(c, t, "vdp-slug:" + tenant.Slug, cancellationToken).ConfigureAwait(false);
            var next = await LockVersionAsync(c, t, EntityType.Tenant, tenant.Id, tenant.Id, tenant.UpdatedAt, cancellationToken).ConfigureAwait(false);
            await CheckSlugFreeAsync(c, t, tenant, cancellationToken).ConfigureAwait(false);
            var row = await RowAsync<TenantRow>(
                c,
                t,
                $"UPDATE tenants SET name = @Name, slug = @Slug, status = @Status, \"updatedAt\" = @next WHERE id = @Id RETURNING {TenantRow.Columns}",
                new { tenant.Id, tenant.Name, tenant.Slug, tenant.Status, next },
                cancellationToken).ConfigureAwait(false);
            await OutboxAsync(c, t, EntityType.Tenant, tenant.Id, cancellationToken).ConfigureAwait(false);
            return row!.ToEntity();
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>One transaction: the row locked, version checked, no site, zone, bay, sensor or alert of the tenant, <c>DELETE FROM tenants</c>.</remarks>
    public ValueTask DeleteTenantAsync(string tenantId, DateTimeOffset version, CancellationToken cancellationToken = default)
    {
        WriteValidation.Id(tenantId, nameof(tenantId));
        return new(InTransactionAsync(async (c, t) =>
        {
            await LockVersionAsync(c, t, EntityType.Tenant, tenantId, tenantId, version, cancellationToken).ConfigureAwait(false);
            await CheckNoChildrenAsync(c, t, EntityType.Tenant, tenantId, "tenantId", [("sites", "sites"), ("zones", "zones"), ("bays", "bays"), ("sensors", "sensors"), ("alerts", "alerts")], cancellationToken).ConfigureAwait(false);
            await ExecAsync(c, t, "DELETE FROM tenants WHERE id = @tenantId", new { tenantId }, cancellationToken).ConfigureAwait(false);
            await OutboxAsync(c, t, EntityType.Tenant, tenantId, cancellationToken, deletedVersion: version).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>One transaction: the tenant locked (<c>FOR SHARE</c>), the id checked, <c>INSERT INTO sites</c>.</remarks>
    public ValueTask<Site> CreateSiteAsync(Site site, CancellationToken cancellationToken = default)
    {
        WriteValidation.Check(site);
        return new(InTransactionAsync(async (c, t) =>
        {
            await LockOwnAsync(c, t, EntityType.Tenant, site.TenantId, site.TenantId, cancellationToken, share: true).ConfigureAwait(false);
            if (await ExistsAsync(c, t, "SELECT 1 FROM sites WHERE id = @id", new { id = site.Id }, cancellationToken).ConfigureAwait(false))
            {
                throw new EntityConflictException(EntityType.Site, site.Id, "a site with this id exists; choose another id.");
            }

            var now = Required.ToSource(EntityVersion.First(_clock));
            await ExecAsync(
                c,
                t,
                "INSERT INTO sites (id, \"tenantId\", name, address, lat, lng, timezone, \"createdAt\", \"updatedAt\") VALUES (@Id, @TenantId, @Name, @Address, @Lat, @Lng, @Timezone, @now, @now)",
                new { site.Id, site.TenantId, site.Name, site.Address, site.Lat, site.Lng, site.Timezone, now },
                cancellationToken).ConfigureAwait(false);
            await OutboxAsync(c, t, EntityType.Site, site.Id, cancellationToken).ConfigureAwait(false);
            return site with { CreatedAt = Required.Utc(now), UpdatedAt = Required.Utc(now) };
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>One transaction: the row locked, version checked, <c>UPDATE sites</c>.</remarks>
    public ValueTask<Site> UpdateSiteAsync(Site site, CancellationToken cancellationToken = default)
    {
        WriteValidation.Check(site);
        return new(InTransactionAsync(async (c, t) =>
        {
            var next = await LockVersionAsync(c, t, EntityType.Site, site.TenantId, site.Id, site.UpdatedAt, cancellationToken).ConfigureAwait(false);
            var row = await RowAsync<SiteRow>(
                c,
                t,
                $"UPDATE sites SET name = @Name, address = @Address, lat = @Lat, lng = @Lng, timezone = @Timezone, \"updatedAt\" = @next WHERE id = @Id RETURNING {SiteRow.Columns}",
                new { site.Id, site.Name, site.Address, site.Lat, site.Lng, site.Timezone, next },
                cancellationToken).ConfigureAwait(false);
            await OutboxAsync(c, t, EntityType.Site, site.Id, cancellationToken).ConfigureAwait(false);
            return row!.ToEntity();
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>One transaction: the row locked, version checked, no zone, bay, sensor or alert of the site, <c>DELETE FROM sites</c>.</remarks>
    public ValueTask DeleteSiteAsync(string tenantId, string siteId, DateTimeOffset version, CancellationToken cancellationToken = default)
    {
        WriteValidation.Id(tenantId, nameof(tenantId));
        WriteValidation.Id(siteId, nameof(siteId));
        return new(InTransactionAsync(async (c, t) =>
        {
            await LockVersionAsync(c, t, EntityType.Site, tenantId, siteId, version, cancellationToken).ConfigureAwait(false);
            await CheckNoChildrenAsync(c, t, EntityType.Site, siteId, "siteId", [("zones", "zones"), ("bays", "bays"), ("sensors", "sensors"), ("alerts", "alerts")], cancellationToken).ConfigureAwait(false);
            await ExecAsync(c, t, "DELETE FROM sites WHERE id = @siteId", new { siteId }, cancellationToken).ConfigureAwait(false);
            await OutboxAsync(c, t, EntityType.Site, siteId, cancellationToken, deletedVersion: version).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
    }

    private static async Task CheckSlugFreeAsync(NpgsqlConnection c, NpgsqlTransaction t, Tenant tenant, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(c, t, "SELECT 1 FROM tenants WHERE slug = @slug AND id <> @id", new { slug = tenant.Slug, id = tenant.Id }, cancellationToken).ConfigureAwait(false))
        {
            throw new EntityConflictException(EntityType.Tenant, tenant.Id, $"the slug '{tenant.Slug}' belongs to another tenant; choose another slug.");
        }
    }
}
