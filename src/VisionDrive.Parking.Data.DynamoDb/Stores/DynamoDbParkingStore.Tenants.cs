namespace VisionDrive.Parking.Data.DynamoDb;

/// <content>Tenants and sites.</content>
public sealed partial class DynamoDbParkingStore
{
    /// <inheritdoc />
    /// <remarks>GetItem <c>PK=TENANT#&lt;id&gt;</c>, <c>SK=METADATA</c>.</remarks>
    public async ValueTask<Tenant?> GetTenantAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        var pk = TryKey(ParkingKeys.Tenant, tenantId);
        if (pk is null)
        {
            return null;
        }

        var item = await GetItemAsync(pk, ParkingKeys.Metadata, cancellationToken).ConfigureAwait(false);
        return item is null ? null : ParkingItemMapper.ToTenant(item);
    }

    /// <inheritdoc />
    /// <remarks>Query GSI2 <c>GSI2PK=SLUG#&lt;slug&gt;</c>, <c>GSI2SK=TENANT</c> (eventually consistent).</remarks>
    public async ValueTask<Tenant?> GetTenantBySlugAsync(string slug, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slug);
        var pk = TryKey(ParkingKeys.Slug, slug);
        if (pk is null)
        {
            return null;
        }

        var request = NewQuery(ParkingTable.Gsi2, pk, ParkingKeys.TenantGsi2Sort);
        var items = await CollectAsync(request, int.MaxValue, null, cancellationToken).ConfigureAwait(false);
        return Smallest(items, ParkingTable.TenantId) is { } item ? ParkingItemMapper.ToTenant(item) : null;
    }

    /// <inheritdoc />
    /// <remarks>GetItem <c>PK=SITE#&lt;id&gt;</c>, <c>SK=METADATA</c>.</remarks>
    public async ValueTask<Site?> GetSiteAsync(string siteId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(siteId);
        var pk = TryKey(ParkingKeys.Site, siteId);
        if (pk is null)
        {
            return null;
        }

        var item = await GetItemAsync(pk, ParkingKeys.Metadata, cancellationToken).ConfigureAwait(false);
        return item is null ? null : ParkingItemMapper.ToSite(item);
    }

    /// <inheritdoc />
    /// <remarks>Query GSI1 <c>GSI1PK=TENANT#&lt;id&gt;</c>, <c>begins_with(GSI1SK, SITE#)</c>, ascending.</remarks>
    public Task<Page<Site>> ListSitesByTenantAsync(string tenantId, PageRequest page = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        const string Listing = "sites-of-tenant";
        var pk = TryKey(ParkingKeys.Tenant, tenantId);
        return pk is null
            ? Task.FromResult(EmptyPage<Site>(page, Listing))
            : QueryPageAsync(Listing, NewQuery(ParkingTable.Gsi1, pk, "SITE#"), page, ParkingItemMapper.ToSite, cancellationToken);
    }

    /// <summary>The item with the smallest <paramref name="idAttribute"/> (byte order), for lookups that should be unique but may not be in bad data.</summary>
    private static Dictionary<string, AttributeValue>? Smallest(List<Dictionary<string, AttributeValue>> items, string idAttribute)
    {
        Dictionary<string, AttributeValue>? best = null;
        foreach (var item in items)
        {
            if (best is null || string.CompareOrdinal(item[idAttribute].S, best[idAttribute].S) < 0)
            {
                best = item;
            }
        }

        return best;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads: GetItem of the tenant, Query GSI2 <c>SLUG#&lt;slug&gt;</c> (a migrated tenant holds its slug without a uniqueness item), GetItem of
    /// <c>UNIQUE#SLUG#&lt;slug&gt;</c>. Write: TransactWriteItems of Put tenant (<c>attribute_not_exists(PK)</c>) and Put of the slug item
    /// (<c>attribute_not_exists(PK) OR owner = :id</c>).
    /// </remarks>
    public ValueTask<Tenant> CreateTenantAsync(Tenant tenant, CancellationToken cancellationToken = default)
    {
        WriteValidation.Check(tenant);
        var pk = ParkingKeys.Tenant(tenant.Id);
        return new(WriteAsync(EntityType.Tenant, tenant.Id, async () =>
        {
            if (await ReadAsync(pk, ParkingKeys.Metadata, cancellationToken).ConfigureAwait(false) is not null)
            {
                throw new EntityConflictException(EntityType.Tenant, tenant.Id, "a tenant with this id exists; choose another id.");
            }

            await CheckSlugFreeAsync(tenant, cancellationToken).ConfigureAwait(false);
            var now = EntityVersion.First(_clock);
            var stored = tenant with { CreatedAt = now, UpdatedAt = now };
            return (new List<TransactWriteItem> { PutNew(ParkingItemMapper.ToItem(stored)), Claim(SlugGuard(tenant.Slug), tenant.Id) }, stored);
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads: GetItem of the tenant, the slug checks of <see cref="CreateTenantAsync"/>. Write: TransactWriteItems of UpdateItem of the tenant
    /// (<c>updatedAt = :read</c>), Put of the new slug item and, when the slug changed, Delete of the old one (<c>owner = :id</c> or absent).
    /// </remarks>
    public ValueTask<Tenant> UpdateTenantAsync(Tenant tenant, CancellationToken cancellationToken = default)
    {
        WriteValidation.Check(tenant);
        var pk = ParkingKeys.Tenant(tenant.Id);
        return new(WriteAsync(EntityType.Tenant, tenant.Id, async () =>
        {
            var item = await OwnAsync(EntityType.Tenant, pk, ParkingKeys.Metadata, tenant.Id, tenant.Id, cancellationToken).ConfigureAwait(false);
            var next = CheckVersion(item, EntityType.Tenant, tenant.Id, tenant.UpdatedAt);
            await CheckSlugFreeAsync(tenant, cancellationToken).ConfigureAwait(false);
            var old = ParkingItemMapper.ToTenant(item);
            var stored = tenant with { CreatedAt = old.CreatedAt, UpdatedAt = next };
            var writes = new List<TransactWriteItem> { Replace(item, ParkingItemMapper.ToItem(stored), NoAttributes), Claim(SlugGuard(tenant.Slug), tenant.Id) };
            if (old.Slug != tenant.Slug)
            {
                writes.Add(Release(SlugGuard(old.Slug), tenant.Id));
            }

            return (writes, stored);
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads: GetItem of the tenant, Query GSI1 <c>TENANT#&lt;id&gt;</c> for any site, zone or alert (Limit 1). Write: TransactWriteItems of Delete
    /// tenant (<c>updatedAt = :read</c>) and Delete of its slug item (<c>owner = :id</c> or absent).
    /// </remarks>
    public ValueTask DeleteTenantAsync(string tenantId, DateTimeOffset version, CancellationToken cancellationToken = default)
    {
        WriteValidation.Id(tenantId, nameof(tenantId));
        return new(WriteAsync(EntityType.Tenant, tenantId, async () =>
        {
            var item = await OwnAsync(EntityType.Tenant, TryKey(ParkingKeys.Tenant, tenantId), ParkingKeys.Metadata, tenantId, tenantId, cancellationToken).ConfigureAwait(false);
            CheckVersion(item, EntityType.Tenant, tenantId, version);
            if (await AnyAsync(NewQuery(ParkingTable.Gsi1, ParkingKeys.Tenant(tenantId), "SITE#"), cancellationToken).ConfigureAwait(false))
            {
                throw HasChildren(EntityType.Tenant, tenantId, "sites");
            }

            if (await AnyAsync(NewQuery(ParkingTable.Gsi1, ParkingKeys.Tenant(tenantId), "ZONE#"), cancellationToken).ConfigureAwait(false))
            {
                throw HasChildren(EntityType.Tenant, tenantId, "zones");
            }

            if (await AnyAsync(NewQuery(ParkingTable.Gsi1, ParkingKeys.Tenant(tenantId), ParkingKeys.AlertPrefix), cancellationToken).ConfigureAwait(false))
            {
                throw HasChildren(EntityType.Tenant, tenantId, "alerts");
            }

            var slug = ParkingItemMapper.ToTenant(item).Slug;
            return (new List<TransactWriteItem> { DeleteAtVersion(item), Release(SlugGuard(slug), tenantId) }, 0);
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>Reads: GetItem of the tenant and of the site. Write: TransactWriteItems of Put site (<c>attribute_not_exists(PK)</c>) and a ConditionCheck that the tenant exists.</remarks>
    public ValueTask<Site> CreateSiteAsync(Site site, CancellationToken cancellationToken = default)
    {
        WriteValidation.Check(site);
        var pk = ParkingKeys.Site(site.Id);
        return new(WriteAsync(EntityType.Site, site.Id, async () =>
        {
            var tenant = await OwnAsync(EntityType.Tenant, TryKey(ParkingKeys.Tenant, site.TenantId), ParkingKeys.Metadata, site.TenantId, site.TenantId, cancellationToken).ConfigureAwait(false);
            if (await ReadAsync(pk, ParkingKeys.Metadata, cancellationToken).ConfigureAwait(false) is not null)
            {
                throw new EntityConflictException(EntityType.Site, site.Id, "a site with this id exists; choose another id.");
            }

            var now = EntityVersion.First(_clock);
            var stored = site with { CreatedAt = now, UpdatedAt = now };
            return (new List<TransactWriteItem> { PutNew(ParkingItemMapper.ToItem(stored)), Exists(tenant[ParkingTable.Pk].S, ParkingKeys.Metadata) }, stored);
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>Reads: GetItem of the site. Write: UpdateItem of the site (<c>updatedAt = :read</c>).</remarks>
    public ValueTask<Site> UpdateSiteAsync(Site site, CancellationToken cancellationToken = default)
    {
        WriteValidation.Check(site);
        return new(WriteAsync(EntityType.Site, site.Id, async () =>
        {
            var item = await OwnAsync(EntityType.Site, ParkingKeys.Site(site.Id), ParkingKeys.Metadata, site.TenantId, site.Id, cancellationToken).ConfigureAwait(false);
            var next = CheckVersion(item, EntityType.Site, site.Id, site.UpdatedAt);
            var stored = site with { CreatedAt = ParkingItemMapper.ToSite(item).CreatedAt, UpdatedAt = next };
            return (new List<TransactWriteItem> { Replace(item, ParkingItemMapper.ToItem(stored), NoAttributes) }, stored);
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads: GetItem of the site; Query GSI2 <c>SITE#&lt;id&gt;</c> for a zone, Query GSI1 <c>SITE#&lt;id&gt;</c> for a bay or a sensor in stock
    /// (Limit 1 each); the tenant's alerts (GSI1 <c>TENANT#</c>, <c>ALERT#</c>) filtered on <c>siteId</c>. Write: DeleteItem (<c>updatedAt = :read</c>).
    /// </remarks>
    public ValueTask DeleteSiteAsync(string tenantId, string siteId, DateTimeOffset version, CancellationToken cancellationToken = default)
    {
        WriteValidation.Id(tenantId, nameof(tenantId));
        WriteValidation.Id(siteId, nameof(siteId));
        return new(WriteAsync(EntityType.Site, siteId, async () =>
        {
            var item = await OwnAsync(EntityType.Site, TryKey(ParkingKeys.Site, siteId), ParkingKeys.Metadata, tenantId, siteId, cancellationToken).ConfigureAwait(false);
            CheckVersion(item, EntityType.Site, siteId, version);
            var pk = ParkingKeys.Site(siteId);
            if (await AnyAsync(NewQuery(ParkingTable.Gsi2, pk, "ZONE#"), cancellationToken).ConfigureAwait(false))
            {
                throw HasChildren(EntityType.Site, siteId, "zones");
            }

            if (await AnyAsync(NewQuery(ParkingTable.Gsi1, pk, ParkingKeys.BayPrefix), cancellationToken).ConfigureAwait(false))
            {
                throw HasChildren(EntityType.Site, siteId, "bays");
            }

            if (await AnyAsync(NewQuery(ParkingTable.Gsi1, pk, "SENSOR#"), cancellationToken).ConfigureAwait(false))
            {
                throw HasChildren(EntityType.Site, siteId, "sensors");
            }

            if (await AlertNamesAsync(tenantId, ParkingTable.SiteId, siteId, cancellationToken).ConfigureAwait(false))
            {
                throw HasChildren(EntityType.Site, siteId, "alerts");
            }

            return (new List<TransactWriteItem> { DeleteAtVersion(item) }, 0);
        }, cancellationToken));
    }

    /// <summary>The slug is free for the tenant: no other tenant has it (GSI2) and no other tenant holds its uniqueness item.</summary>
    private async Task CheckSlugFreeAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        var holders = await CollectAsync(NewQuery(ParkingTable.Gsi2, ParkingKeys.Slug(tenant.Slug), ParkingKeys.TenantGsi2Sort), int.MaxValue, null, cancellationToken).ConfigureAwait(false);
        var taken = false;
        foreach (var holder in holders)
        {
            taken |= holder[ParkingTable.TenantId].S != tenant.Id;
        }

        if (taken || await HeldByOtherAsync(SlugGuard(tenant.Slug), tenant.Id, cancellationToken).ConfigureAwait(false))
        {
            throw new EntityConflictException(EntityType.Tenant, tenant.Id, $"the slug '{tenant.Slug}' belongs to another tenant; choose another slug.");
        }
    }
}
