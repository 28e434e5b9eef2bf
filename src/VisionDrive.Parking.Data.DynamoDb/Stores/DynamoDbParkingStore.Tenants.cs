using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data.DynamoDb.Mapping;
using VisionDrive.Parking.Data.Keys;

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
}
