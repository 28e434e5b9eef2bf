using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using VisionDrive.Parking.Data.DynamoDb.Mapping;
using VisionDrive.Parking.Data.Keys;

namespace VisionDrive.Parking.Data.DynamoDb;

/// <content>Zones and bays.</content>
public sealed partial class DynamoDbParkingStore
{
    /// <inheritdoc />
    /// <remarks>GetItem <c>PK=ZONE#&lt;id&gt;</c>, <c>SK=METADATA</c>.</remarks>
    public async ValueTask<Zone?> GetZoneAsync(string zoneId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zoneId);
        var pk = TryKey(ParkingKeys.Zone, zoneId);
        if (pk is null)
        {
            return null;
        }

        var item = await GetItemAsync(pk, ParkingKeys.Metadata, cancellationToken).ConfigureAwait(false);
        return item is null ? null : ParkingItemMapper.ToZone(item);
    }

    /// <inheritdoc />
    /// <remarks>Query GSI1 <c>GSI1PK=TENANT#&lt;id&gt;</c>, <c>begins_with(GSI1SK, ZONE#)</c>, ascending.</remarks>
    public Task<Page<Zone>> ListZonesByTenantAsync(string tenantId, PageRequest page = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        const string Listing = "zones-of-tenant";
        var pk = TryKey(ParkingKeys.Tenant, tenantId);
        return pk is null
            ? Task.FromResult(EmptyPage<Zone>(page, Listing))
            : QueryPageAsync(Listing, NewQuery(ParkingTable.Gsi1, pk, "ZONE#"), page, ParkingItemMapper.ToZone, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Query GSI2 <c>GSI2PK=SITE#&lt;id&gt;</c>, <c>begins_with(GSI2SK, ZONE#)</c>, ascending.</remarks>
    public Task<Page<Zone>> ListZonesBySiteAsync(string siteId, PageRequest page = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(siteId);
        const string Listing = "zones-of-site";
        var pk = TryKey(ParkingKeys.Site, siteId);
        return pk is null
            ? Task.FromResult(EmptyPage<Zone>(page, Listing))
            : QueryPageAsync(Listing, NewQuery(ParkingTable.Gsi2, pk, "ZONE#"), page, ParkingItemMapper.ToZone, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// One Query on the table, <c>PK=ZONE#&lt;id&gt;</c>: the partition holds the zone (<c>SK=METADATA</c>) and its bays (<c>SK=BAY#&lt;code&gt;#&lt;id&gt;</c>,
    /// each with its live status), read whole (following DynamoDB's 1 MB pages).
    /// </remarks>
    public async ValueTask<ZoneWithBays?> GetZoneWithBaysAsync(string zoneId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zoneId);
        var pk = TryKey(ParkingKeys.Zone, zoneId);
        if (pk is null)
        {
            return null;
        }

        var items = await CollectAsync(NewQuery(null, pk, null), int.MaxValue, null, cancellationToken).ConfigureAwait(false);
        Zone? zone = null;
        var bays = new List<Bay>(items.Count);
        foreach (var item in items)
        {
            var sk = item[ParkingTable.Sk].S;
            if (sk == ParkingKeys.Metadata)
            {
                zone = ParkingItemMapper.ToZone(item);
            }
            else if (sk.StartsWith(ParkingKeys.BayPrefix, StringComparison.Ordinal))
            {
                bays.Add(ParkingItemMapper.ToBay(item));
            }
        }

        if (zone is null)
        {
            return null;
        }

        // The sort key orders by escaped code then id; sort by the raw values so the order is exactly "code, then id" (byte order).
        bays.Sort(static (a, b) =>
        {
            var byCode = string.CompareOrdinal(a.Code, b.Code);
            return byCode != 0 ? byCode : string.CompareOrdinal(a.Id, b.Id);
        });
        return new ZoneWithBays(zone, bays);
    }

    /// <inheritdoc />
    /// <remarks>Query GSI2 <c>GSI2PK=BAY#&lt;id&gt;</c>, <c>GSI2SK=BAY</c> (eventually consistent).</remarks>
    public async ValueTask<Bay?> GetBayAsync(string bayId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bayId);
        var item = await FindBayItemAsync(bayId, cancellationToken).ConfigureAwait(false);
        return item is null ? null : ParkingItemMapper.ToBay(item);
    }

    private async Task<Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>?> FindBayItemAsync(string bayId, CancellationToken cancellationToken)
    {
        var pk = TryKey(ParkingKeys.BayById, bayId);
        if (pk is null)
        {
            return null;
        }

        var items = await CollectAsync(NewQuery(ParkingTable.Gsi2, pk, ParkingKeys.BayGsi2Sort), 1, null, cancellationToken).ConfigureAwait(false);
        return items.Count > 0 ? items[0] : null;
    }
}
