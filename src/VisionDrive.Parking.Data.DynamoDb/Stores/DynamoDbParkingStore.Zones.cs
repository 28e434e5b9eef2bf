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

    private async Task<Dictionary<string, AttributeValue>?> FindBayItemAsync(string bayId, CancellationToken cancellationToken)
    {
        var pk = TryKey(ParkingKeys.BayById, bayId);
        if (pk is null)
        {
            return null;
        }

        var items = await CollectAsync(NewQuery(ParkingTable.Gsi2, pk, ParkingKeys.BayGsi2Sort), 1, null, cancellationToken).ConfigureAwait(false);
        return items.Count > 0 ? items[0] : null;
    }

    /// <summary>The bay attributes the events own (the live status): an update of the bay keeps them.</summary>
    private static readonly string[] BayStatusAttributes = [ParkingTable.Status, ParkingTable.SensorId, ParkingTable.StatusChangedAt, ParkingTable.StatusEventId];

    /// <inheritdoc />
    /// <remarks>Reads: GetItem of the site and of the zone. Write: TransactWriteItems of Put zone (<c>attribute_not_exists(PK)</c>) and a ConditionCheck that the site exists.</remarks>
    public ValueTask<Zone> CreateZoneAsync(Zone zone, CancellationToken cancellationToken = default)
    {
        WriteValidation.Check(zone);
        var pk = ParkingKeys.Zone(zone.Id);
        return new(WriteAsync(EntityType.Zone, zone.Id, async () =>
        {
            var site = await OwnAsync(EntityType.Site, TryKey(ParkingKeys.Site, zone.SiteId), ParkingKeys.Metadata, zone.TenantId, zone.SiteId, cancellationToken).ConfigureAwait(false);
            if (await ReadAsync(pk, ParkingKeys.Metadata, cancellationToken).ConfigureAwait(false) is not null)
            {
                throw new EntityConflictException(EntityType.Zone, zone.Id, "a zone with this id exists; choose another id.");
            }

            var now = EntityVersion.First(_clock);
            var item = ParkingItemMapper.ToItem(zone with { CreatedAt = now, UpdatedAt = now });
            return (new List<TransactWriteItem> { PutNew(item), Exists(site[ParkingTable.Pk].S, ParkingKeys.Metadata) }, ParkingItemMapper.ToZone(item));
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>Reads: GetItem of the zone. Write: UpdateItem of the zone (<c>updatedAt = :read</c>): every attribute set, the tariff's absent ones removed.</remarks>
    public ValueTask<Zone> UpdateZoneAsync(Zone zone, CancellationToken cancellationToken = default)
    {
        WriteValidation.Check(zone);
        return new(WriteAsync(EntityType.Zone, zone.Id, async () =>
        {
            var item = await OwnAsync(EntityType.Zone, ParkingKeys.Zone(zone.Id), ParkingKeys.Metadata, zone.TenantId, zone.Id, cancellationToken).ConfigureAwait(false);
            var next = CheckVersion(item, EntityType.Zone, zone.Id, zone.UpdatedAt);
            var old = ParkingItemMapper.ToZone(item);
            if (old.SiteId != zone.SiteId)
            {
                throw new EntityConflictException(EntityType.Zone, zone.Id, $"the zone belongs to site '{old.SiteId}' and zones do not move between sites; create a zone in the other site instead.");
            }

            var updated = ParkingItemMapper.ToItem(zone with { CreatedAt = old.CreatedAt, UpdatedAt = next });
            return (new List<TransactWriteItem> { Replace(item, updated, NoAttributes) }, ParkingItemMapper.ToZone(updated));
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads: GetItem of the zone; Query <c>PK=ZONE#&lt;id&gt;</c>, <c>begins_with(SK, BAY#)</c>, Query GSI1 <c>ZONE#&lt;id&gt;</c> (sensors), Query GSI2
    /// <c>ZONE#&lt;id&gt;</c> (alerts), Limit 1 each. Write: DeleteItem (<c>updatedAt = :read</c>).
    /// </remarks>
    public ValueTask DeleteZoneAsync(string tenantId, string zoneId, DateTimeOffset version, CancellationToken cancellationToken = default)
    {
        WriteValidation.Id(tenantId, nameof(tenantId));
        WriteValidation.Id(zoneId, nameof(zoneId));
        return new(WriteAsync(EntityType.Zone, zoneId, async () =>
        {
            var item = await OwnAsync(EntityType.Zone, TryKey(ParkingKeys.Zone, zoneId), ParkingKeys.Metadata, tenantId, zoneId, cancellationToken).ConfigureAwait(false);
            CheckVersion(item, EntityType.Zone, zoneId, version);
            var pk = ParkingKeys.Zone(zoneId);
            if (await AnyAsync(NewQuery(null, pk, ParkingKeys.BayPrefix), cancellationToken).ConfigureAwait(false))
            {
                throw HasChildren(EntityType.Zone, zoneId, "bays");
            }

            if (await AnyAsync(NewQuery(ParkingTable.Gsi1, pk, "SENSOR#"), cancellationToken).ConfigureAwait(false))
            {
                throw HasChildren(EntityType.Zone, zoneId, "sensors");
            }

            if (await AnyAsync(NewQuery(ParkingTable.Gsi2, pk, ParkingKeys.AlertPrefix), cancellationToken).ConfigureAwait(false)
                || await AlertNamesAsync(tenantId, ParkingTable.ZoneId, zoneId, cancellationToken).ConfigureAwait(false))
            {
                throw HasChildren(EntityType.Zone, zoneId, "alerts");
            }

            return (new List<TransactWriteItem> { DeleteAtVersion(item) }, 0);
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads: GetItem of the zone, Query GSI2 <c>BAY#&lt;id&gt;</c> (the id is free). Write: TransactWriteItems of Put bay
    /// (<c>attribute_not_exists(PK)</c>; status vacant, no sensor) and a ConditionCheck that the zone exists.
    /// </remarks>
    public ValueTask<Bay> CreateBayAsync(Bay bay, CancellationToken cancellationToken = default)
    {
        WriteValidation.Check(bay);
        return new(WriteAsync(EntityType.Bay, bay.Id, async () =>
        {
            var zone = await OwnAsync(EntityType.Zone, TryKey(ParkingKeys.Zone, bay.ZoneId), ParkingKeys.Metadata, bay.TenantId, bay.ZoneId, cancellationToken).ConfigureAwait(false);
            if (await FindBayItemAsync(bay.Id, cancellationToken).ConfigureAwait(false) is not null)
            {
                throw new EntityConflictException(EntityType.Bay, bay.Id, "a bay with this id exists; choose another id.");
            }

            var now = EntityVersion.First(_clock);
            var item = ParkingItemMapper.ToItem(new Bay(bay.Id, bay.TenantId, zone[ParkingTable.SiteId].S, bay.ZoneId, bay.Code, bay.Lat, bay.Lng, now, now));
            return (new List<TransactWriteItem> { PutNew(item), Exists(zone[ParkingTable.Pk].S, ParkingKeys.Metadata) }, ParkingItemMapper.ToBay(item));
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads: Query GSI2 <c>BAY#&lt;id&gt;</c>, GetItem of the bay; for a move, GetItem of the target zone. Write: with the same code and zone,
    /// UpdateItem of the bay (<c>updatedAt = :read</c>; status attributes untouched). A new code or zone changes the key (<c>SK=BAY#&lt;code&gt;#&lt;id&gt;</c>,
    /// <c>PK=ZONE#&lt;zoneId&gt;</c>): TransactWriteItems of Delete of the old item (<c>updatedAt</c>, <c>statusEventId</c> and <c>sensorId</c> as
    /// read, so an event recorded in between is not lost), Put of the new item carrying the status (<c>attribute_not_exists(PK)</c>) and, for a
    /// move, a ConditionCheck that the target zone exists.
    /// </remarks>
    public ValueTask<Bay> UpdateBayAsync(Bay bay, CancellationToken cancellationToken = default)
    {
        WriteValidation.Check(bay);
        return new(WriteAsync(EntityType.Bay, bay.Id, async () =>
        {
            var item = await OwnBayAsync(bay.TenantId, bay.Id, cancellationToken).ConfigureAwait(false);
            var next = CheckVersion(item, EntityType.Bay, bay.Id, bay.UpdatedAt);
            var old = ParkingItemMapper.ToBay(item);
            var zone = await OwnAsync(EntityType.Zone, TryKey(ParkingKeys.Zone, bay.ZoneId), ParkingKeys.Metadata, bay.TenantId, bay.ZoneId, cancellationToken).ConfigureAwait(false);
            var moves = old.ZoneId != bay.ZoneId;
            if (moves && old.SensorId is not null)
            {
                throw new EntityConflictException(EntityType.Bay, bay.Id, "the bay holds a sensor and cannot move to another zone; unassign the sensor first.");
            }

            var stored = old with { ZoneId = bay.ZoneId, SiteId = zone[ParkingTable.SiteId].S, Code = bay.Code, Lat = bay.Lat, Lng = bay.Lng, UpdatedAt = next };
            var updated = ParkingItemMapper.ToItem(stored);
            if (updated[ParkingTable.Pk].S == item[ParkingTable.Pk].S && updated[ParkingTable.Sk].S == item[ParkingTable.Sk].S)
            {
                return (new List<TransactWriteItem> { Replace(item, updated, BayStatusAttributes) }, stored);
            }

            var writes = new List<TransactWriteItem>
            {
                DeleteAtVersion(item, e =>
                    e.EqualsOrAbsent(ParkingTable.StatusEventId, item.GetValueOrDefault(ParkingTable.StatusEventId))
                    + " AND " + e.EqualsOrAbsent(ParkingTable.SensorId, item.GetValueOrDefault(ParkingTable.SensorId))),
                PutNew(updated),
            };
            if (moves)
            {
                writes.Add(Exists(zone[ParkingTable.Pk].S, ParkingKeys.Metadata));
            }

            return (writes, stored);
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads: Query GSI2 <c>BAY#&lt;id&gt;</c>, GetItem of the bay (its <c>sensorId</c>), the tenant's alerts filtered on <c>bayId</c>. Write: DeleteItem
    /// (<c>updatedAt = :read AND attribute_not_exists(sensorId)</c>).
    /// </remarks>
    public ValueTask DeleteBayAsync(string tenantId, string bayId, DateTimeOffset version, CancellationToken cancellationToken = default)
    {
        WriteValidation.Id(tenantId, nameof(tenantId));
        WriteValidation.Id(bayId, nameof(bayId));
        return new(WriteAsync(EntityType.Bay, bayId, async () =>
        {
            var item = await OwnBayAsync(tenantId, bayId, cancellationToken).ConfigureAwait(false);
            CheckVersion(item, EntityType.Bay, bayId, version);
            if (item.ContainsKey(ParkingTable.SensorId))
            {
                throw HasChildren(EntityType.Bay, bayId, "a sensor");
            }

            if (await AlertNamesAsync(tenantId, ParkingTable.BayId, bayId, cancellationToken).ConfigureAwait(false))
            {
                throw HasChildren(EntityType.Bay, bayId, "alerts");
            }

            return (new List<TransactWriteItem> { DeleteAtVersion(item, e => $"attribute_not_exists({e.Name(ParkingTable.SensorId)})") }, 0);
        }, cancellationToken));
    }
}
