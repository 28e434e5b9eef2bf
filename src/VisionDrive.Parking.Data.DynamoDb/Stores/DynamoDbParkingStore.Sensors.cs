namespace VisionDrive.Parking.Data.DynamoDb;

/// <content>Sensors.</content>
public sealed partial class DynamoDbParkingStore
{
    /// <inheritdoc />
    /// <remarks>GetItem <c>PK=SENSOR#&lt;id&gt;</c>, <c>SK=METADATA</c>.</remarks>
    public async ValueTask<Sensor?> GetSensorAsync(string sensorId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        var pk = TryKey(ParkingKeys.Sensor, sensorId);
        if (pk is null)
        {
            return null;
        }

        var item = await GetItemAsync(pk, ParkingKeys.Metadata, cancellationToken).ConfigureAwait(false);
        return item is null ? null : ParkingItemMapper.ToSensor(item);
    }

    /// <inheritdoc />
    /// <remarks>Query GSI2 <c>GSI2PK=DEVEUI#&lt;normalised DevEUI&gt;</c>, <c>GSI2SK=SENSOR</c> (eventually consistent).</remarks>
    public async ValueTask<Sensor?> GetSensorByDevEuiAsync(string devEui, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(devEui);
        var pk = TryKey(ParkingKeys.DevEuiKey, devEui);
        if (pk is null)
        {
            return null;
        }

        var items = await CollectAsync(NewQuery(ParkingTable.Gsi2, pk, ParkingKeys.SensorGsi2Sort), int.MaxValue, null, cancellationToken).ConfigureAwait(false);

        // A decommissioned sensor no longer holds its DevEUI: any other sensor with it comes first.
        var inService = items.FindAll(static i => !(i.TryGetValue(ParkingTable.Status, out var s) && s.S == SensorStatuses.Decommissioned));
        return Smallest(inService.Count > 0 ? inService : items, ParkingTable.SensorId) is { } item ? ParkingItemMapper.ToSensor(item) : null;
    }

    /// <inheritdoc />
    /// <remarks>Query GSI1 <c>GSI1PK=ZONE#&lt;id&gt;</c>, <c>begins_with(GSI1SK, SENSOR#)</c>, ascending.</remarks>
    public Task<Page<Sensor>> ListSensorsByZoneAsync(string zoneId, PageRequest page = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zoneId);
        const string Listing = "sensors-of-zone";
        var pk = TryKey(ParkingKeys.Zone, zoneId);
        return pk is null
            ? Task.FromResult(EmptyPage<Sensor>(page, Listing))
            : QueryPageAsync(Listing, NewQuery(ParkingTable.Gsi1, pk, "SENSOR#"), page, ParkingItemMapper.ToSensor, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// UpdateItem <c>PK=SENSOR#&lt;id&gt;</c> <c>SET lastSeenAt = :t</c> with the condition
    /// <c>attribute_exists(PK) AND (attribute_not_exists(lastSeenAt) OR lastSeenAt &lt; :t)</c>: timestamps are fixed-width UTC strings, so string
    /// order is time order, and concurrent touches can only move the value forward.
    /// </remarks>
    public async ValueTask<bool> TouchLastSeenAsync(string sensorId, DateTimeOffset seenAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        var pk = TryKey(ParkingKeys.Sensor, sensorId);
        if (pk is null)
        {
            return false;
        }

        try
        {
            await _client.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _table,
                    Key = Key(pk, ParkingKeys.Metadata),
                    UpdateExpression = "SET #seen = :t",
                    ConditionExpression = "attribute_exists(#pk) AND (attribute_not_exists(#seen) OR #seen < :t)",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = ParkingTable.Pk, ["#seen"] = ParkingTable.LastSeenAt },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":t"] = S(KeyTime.ToKey(seenAt)) },
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ResourceNotFoundException missing)
        {
            throw TableMissing(missing);
        }
        
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>The sensor attribute other writes own: an update of the sensor keeps it.</summary>
    private static readonly string[] SensorTouchAttributes = [ParkingTable.LastSeenAt];

    /// <inheritdoc />
    /// <remarks>
    /// Reads: GetItem of the sensor; the bay (Query GSI2 <c>BAY#</c> + GetItem), zone or site; Query GSI2 <c>DEVEUI#</c> and GetItem of
    /// <c>UNIQUE#DEVEUI#&lt;DevEUI&gt;</c>; for a bay, the sensor's latest ARRIVE/LEAVE (Query <c>PK=SENSOR#&lt;id&gt;</c>, descending, filtered).
    /// Write: TransactWriteItems of Put sensor (<c>attribute_not_exists(PK)</c>), Put of the DevEUI item (<c>attribute_not_exists(PK) OR owner = :id</c>;
    /// not for a decommissioned sensor), and UpdateItem of the bay (<c>sensorId</c> and the derived status; <c>attribute_not_exists(sensorId) OR sensorId = :id</c>)
    /// or a ConditionCheck that the zone or site exists.
    /// </remarks>
    public ValueTask<Sensor> RegisterSensorAsync(Sensor sensor, CancellationToken cancellationToken = default)
    {
        WriteValidation.Check(sensor);
        var pk = ParkingKeys.Sensor(sensor.Id);
        return new(WriteAsync(EntityType.Sensor, sensor.Id, async () =>
        {
            if (await ReadAsync(pk, ParkingKeys.Metadata, cancellationToken).ConfigureAwait(false) is not null)
            {
                throw new EntityConflictException(EntityType.Sensor, sensor.Id, "a sensor with this id exists; choose another id.");
            }

            var now = EntityVersion.First(_clock);
            var writes = new List<TransactWriteItem>();
            var placed = await PlaceSensorAsync(sensor with { LastSeenAt = null, CreatedAt = now, UpdatedAt = now }, null, writes, cancellationToken).ConfigureAwait(false);
            writes.Insert(0, PutNew(ParkingItemMapper.ToItem(placed)));
            return (writes, placed);
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads: GetItem of the sensor, then as <see cref="RegisterSensorAsync"/>, and the bay it leaves. Write: TransactWriteItems of UpdateItem of
    /// the sensor (<c>updatedAt = :read</c>; <c>lastSeenAt</c> untouched), the DevEUI items it claims and releases, UpdateItem of the bay it leaves
    /// (<c>REMOVE sensorId, statusChangedAt, statusEventId SET status = vacant</c>, <c>sensorId = :id</c>) and of the bay it joins.
    /// </remarks>
    public ValueTask<Sensor> UpdateSensorAsync(Sensor sensor, CancellationToken cancellationToken = default)
    {
        WriteValidation.Check(sensor);
        return new(WriteAsync(EntityType.Sensor, sensor.Id, async () =>
        {
            var item = await OwnAsync(EntityType.Sensor, ParkingKeys.Sensor(sensor.Id), ParkingKeys.Metadata, sensor.TenantId, sensor.Id, cancellationToken).ConfigureAwait(false);
            var next = CheckVersion(item, EntityType.Sensor, sensor.Id, sensor.UpdatedAt);
            var old = ParkingItemMapper.ToSensor(item);
            var writes = new List<TransactWriteItem>();
            var placed = await PlaceSensorAsync(sensor with { LastSeenAt = old.LastSeenAt, CreatedAt = old.CreatedAt, UpdatedAt = next }, old, writes, cancellationToken).ConfigureAwait(false);
            writes.Insert(0, Replace(item, ParkingItemMapper.ToItem(placed), SensorTouchAttributes));
            return (writes, placed);
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads: GetItem of the sensor, the tenant's alerts filtered on <c>sensorId</c>. Write: TransactWriteItems of Delete sensor (<c>updatedAt = :read</c>),
    /// Delete of its DevEUI item (<c>owner = :id</c> or absent) and UpdateItem of its bay (as when it leaves it).
    /// </remarks>
    public ValueTask DeleteSensorAsync(string tenantId, string sensorId, DateTimeOffset version, CancellationToken cancellationToken = default)
    {
        WriteValidation.Id(tenantId, nameof(tenantId));
        WriteValidation.Id(sensorId, nameof(sensorId));
        return new(WriteAsync(EntityType.Sensor, sensorId, async () =>
        {
            var item = await OwnAsync(EntityType.Sensor, TryKey(ParkingKeys.Sensor, sensorId), ParkingKeys.Metadata, tenantId, sensorId, cancellationToken).ConfigureAwait(false);
            CheckVersion(item, EntityType.Sensor, sensorId, version);
            if (await AlertNamesAsync(tenantId, ParkingTable.SensorId, sensorId, cancellationToken).ConfigureAwait(false))
            {
                throw HasChildren(EntityType.Sensor, sensorId, "alerts");
            }

            var old = ParkingItemMapper.ToSensor(item);
            var writes = new List<TransactWriteItem> { DeleteAtVersion(item) };
            if (!SensorPlacement.IsDecommissioned(old) && await OwnsAsync(DevEuiGuard(old.DevEui), sensorId, cancellationToken).ConfigureAwait(false))
            {
                writes.Add(Release(DevEuiGuard(old.DevEui), sensorId));
            }

            if (old.BayId is { } bayId && await FindBayItemAsync(bayId, cancellationToken).ConfigureAwait(false) is { } bay && Holds(bay, sensorId))
            {
                writes.Add(LeaveBay(bay, sensorId));
            }

            return (writes, 0);
        }, cancellationToken));
    }

    /// <summary>
    /// Places the sensor (site and zone from its bay or zone, which must be the tenant's), checks its DevEUI and its bay are free, and adds to
    /// <paramref name="writes"/> what else the write changes: DevEUI items, the bays it leaves and joins, or a check that its zone or site exists.
    /// </summary>
    private async Task<Sensor> PlaceSensorAsync(Sensor sensor, Sensor? old, List<TransactWriteItem> writes, CancellationToken cancellationToken)
    {
        var placed = sensor;
        Dictionary<string, AttributeValue>? bay = null;
        if (sensor.BayId is { } bayId)
        {
            bay = await OwnBayAsync(sensor.TenantId, bayId, cancellationToken).ConfigureAwait(false);
            SensorPlacement.CheckZone(sensor, bay[ParkingTable.ZoneId].S);
            placed = sensor with { ZoneId = bay[ParkingTable.ZoneId].S, SiteId = bay[ParkingTable.SiteId].S };
        }
        else if (sensor.ZoneId is { } zoneId)
        {
            var zone = await OwnAsync(EntityType.Zone, TryKey(ParkingKeys.Zone, zoneId), ParkingKeys.Metadata, sensor.TenantId, zoneId, cancellationToken).ConfigureAwait(false);
            placed = sensor with { SiteId = zone[ParkingTable.SiteId].S };
            writes.Add(Exists(zone[ParkingTable.Pk].S, ParkingKeys.Metadata));
        }
        else
        {
            var site = await OwnAsync(EntityType.Site, TryKey(ParkingKeys.Site, sensor.SiteId), ParkingKeys.Metadata, sensor.TenantId, sensor.SiteId, cancellationToken).ConfigureAwait(false);
            writes.Add(Exists(site[ParkingTable.Pk].S, ParkingKeys.Metadata));
        }

        var active = !SensorPlacement.IsDecommissioned(sensor);
        if (active)
        {
            var holders = await CollectAsync(NewQuery(ParkingTable.Gsi2, ParkingKeys.DevEuiKey(sensor.DevEui), ParkingKeys.SensorGsi2Sort), int.MaxValue, null, cancellationToken).ConfigureAwait(false);
            var taken = holders.Exists(h => h[ParkingTable.SensorId].S != sensor.Id && !(h.TryGetValue(ParkingTable.Status, out var st) && st.S == SensorStatuses.Decommissioned));
            if (taken || await HeldByOtherAsync(DevEuiGuard(sensor.DevEui), sensor.Id, cancellationToken).ConfigureAwait(false))
            {
                throw SensorPlacement.DevEuiTaken(sensor);
            }

            writes.Add(Claim(DevEuiGuard(sensor.DevEui), sensor.Id));
        }

        if (old is not null && !SensorPlacement.IsDecommissioned(old) && (!active || DevEuiGuard(old.DevEui) != DevEuiGuard(sensor.DevEui))
            && await OwnsAsync(DevEuiGuard(old.DevEui), sensor.Id, cancellationToken).ConfigureAwait(false))
        {
            writes.Add(Release(DevEuiGuard(old.DevEui), sensor.Id));
        }

        if (bay is not null && bay.TryGetValue(ParkingTable.SensorId, out var holder) && holder.S != sensor.Id)
        {
            throw SensorPlacement.BayTaken(sensor);
        }

        if (old?.BayId is { } leaving && leaving != placed.BayId && await FindBayItemAsync(leaving, cancellationToken).ConfigureAwait(false) is { } left && Holds(left, sensor.Id))
        {
            writes.Add(LeaveBay(left, sensor.Id));
        }

        if (bay is not null && old?.BayId != placed.BayId)
        {
            writes.Add(await JoinBayAsync(bay, sensor.Id, cancellationToken).ConfigureAwait(false));
        }
        else if (bay is not null)
        {
            writes.Add(Exists(bay[ParkingTable.Pk].S, bay[ParkingTable.Sk].S));
        }

        return placed;
    }

    private static bool Holds(Dictionary<string, AttributeValue> bay, string sensorId) => bay.TryGetValue(ParkingTable.SensorId, out var s) && s.S == sensorId;

    /// <summary>The bay no longer holds the sensor: vacant, no status event (as PostgreSQL derives a bay without a sensor).</summary>
    private TransactWriteItem LeaveBay(Dictionary<string, AttributeValue> bay, string sensorId)
    {
        var e = new WriteExpression();
        var update = $"SET {e.Name(ParkingTable.Status)} = {e.Value(BayStatus.Vacant)} REMOVE {e.Name(ParkingTable.SensorId)}, {e.Name(ParkingTable.StatusChangedAt)}, {e.Name(ParkingTable.StatusEventId)}";
        return UpdateWhere(bay[ParkingTable.Pk].S, bay[ParkingTable.Sk].S, e, update, $"{e.Name(ParkingTable.SensorId)} = {e.Value(sensorId)}");
    }

    /// <summary>The bay holds the sensor, with the status its latest ARRIVE/LEAVE gives (as PostgreSQL derives it).</summary>
    private async Task<TransactWriteItem> JoinBayAsync(Dictionary<string, AttributeValue> bay, string sensorId, CancellationToken cancellationToken)
    {
        var request = NewQuery(null, ParkingKeys.Sensor(sensorId), ParkingKeys.EventPrefix, forward: false);
        request.FilterExpression = "#kind IN (:arrive, :leave)";
        request.ExpressionAttributeNames["#kind"] = ParkingTable.EventType;
        request.ExpressionAttributeValues[":arrive"] = S(EventKinds.Arrive);
        request.ExpressionAttributeValues[":leave"] = S(EventKinds.Leave);
        request.ConsistentRead = true;
        var latest = await CollectAsync(request, 1, null, cancellationToken).ConfigureAwait(false);

        var e = new WriteExpression();
        var sensor = e.Value(sensorId);
        string update;
        if (latest.Count == 0)
        {
            update = $"SET {e.Name(ParkingTable.SensorId)} = {sensor}, {e.Name(ParkingTable.Status)} = {e.Value(BayStatus.Vacant)} REMOVE {e.Name(ParkingTable.StatusChangedAt)}, {e.Name(ParkingTable.StatusEventId)}";
        }
        else
        {
            var ev = ParkingItemMapper.ToSensorEvent(latest[0]);
            var status = ev.Kind == EventKinds.Arrive ? BayStatus.Occupied : BayStatus.Vacant;
            update = $"SET {e.Name(ParkingTable.SensorId)} = {sensor}, {e.Name(ParkingTable.Status)} = {e.Value(status)}, " +
                $"{e.Name(ParkingTable.StatusChangedAt)} = {e.Value(KeyTime.ToKey(ev.Time))}, {e.Name(ParkingTable.StatusEventId)} = {e.Value(ev.Id)}";
        }

        var condition = $"attribute_exists({e.Name(ParkingTable.Pk)}) AND (attribute_not_exists({e.Name(ParkingTable.SensorId)}) OR {e.Name(ParkingTable.SensorId)} = {sensor})";
        return UpdateWhere(bay[ParkingTable.Pk].S, bay[ParkingTable.Sk].S, e, update, condition);
    }
}
