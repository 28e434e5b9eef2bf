namespace VisionDrive.Parking.Data.DynamoDb;

/// <content>Alerts.</content>
public sealed partial class DynamoDbParkingStore
{
    private const int MaxAlertUpdateAttempts = 5;

    /// <inheritdoc />
    /// <remarks>GetItem <c>PK=ALERT#&lt;id&gt;</c>, <c>SK=METADATA</c>.</remarks>
    public async ValueTask<Alert?> GetAlertAsync(string alertId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alertId);
        var pk = TryKey(ParkingKeys.Alert, alertId);
        if (pk is null)
        {
            return null;
        }

        var item = await GetItemAsync(pk, ParkingKeys.Metadata, cancellationToken).ConfigureAwait(false);
        return item is null ? null : ParkingItemMapper.ToAlert(item);
    }

    /// <inheritdoc />
    /// <remarks>Query GSI1 <c>GSI1PK=TENANT#&lt;id&gt;</c>, <c>begins_with(GSI1SK, ALERT#&lt;status&gt;#)</c>, descending (the sort key continues with <c>createdAt#id</c>).</remarks>
    public Task<Page<Alert>> ListAlertsByStatusAsync(string tenantId, string status, PageRequest page = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(status);
        const string Listing = "alerts-by-status";
        var pk = TryKey(ParkingKeys.Tenant, tenantId);
        var prefix = TryKey(ParkingKeys.AlertStatusPrefix, status);
        return pk is null || prefix is null
            ? Task.FromResult(EmptyPage<Alert>(page, Listing))
            : QueryPageAsync(Listing, NewQuery(ParkingTable.Gsi1, pk, prefix, forward: false), page, ParkingItemMapper.ToAlert, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Query GSI2 <c>GSI2PK=ZONE#&lt;id&gt;</c>, <c>begins_with(GSI2SK, ALERT#)</c>, descending (the sort key is <c>ALERT#&lt;createdAt&gt;#&lt;id&gt;</c>).</remarks>
    public Task<Page<Alert>> ListAlertsByZoneAsync(string zoneId, PageRequest page = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zoneId);
        const string Listing = "alerts-of-zone";
        var pk = TryKey(ParkingKeys.Zone, zoneId);
        return pk is null
            ? Task.FromResult(EmptyPage<Alert>(page, Listing))
            : QueryPageAsync(Listing, NewQuery(ParkingTable.Gsi2, pk, ParkingKeys.AlertPrefix, forward: false), page, ParkingItemMapper.ToAlert, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// An alert's GSI2 partition is its zone (<c>ZONE#&lt;zoneId&gt;</c>), or its sensor (<c>SENSOR#&lt;sensorId&gt;</c>) only when it has no zone. So:
    /// GetItem of the sensor (its current zone); Query GSI2 <c>ZONE#&lt;zone&gt;</c> with <c>FilterExpression sensorId = :id</c>; Query GSI2
    /// <c>SENSOR#&lt;id&gt;</c>; both descending, merged newest first. The token is the sort key of the last alert returned, and each query resumes below
    /// it. Limitation: an alert whose zone is not the sensor's current zone (the sensor was moved after the alert) is not found here; it is
    /// listed under its zone. Filtered-out alerts of the zone are read (and paid for) too.
    /// </remarks>
    public async Task<Page<Alert>> ListAlertsBySensorAsync(string sensorId, PageRequest page = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        const string Listing = "alerts-of-sensor";
        var sensorPk = TryKey(ParkingKeys.Sensor, sensorId);
        if (sensorPk is null)
        {
            return EmptyPage<Alert>(page, Listing);
        }

        var body = PageToken.Decode(page.ContinuationToken, Listing);
        var upper = ParkingKeys.AlertPrefix + "\uffff";
        if (body is not null)
        {
            if (body.After is null || !body.After.StartsWith(ParkingKeys.AlertPrefix, StringComparison.Ordinal) || body.Key is not null)
            {
                throw PageToken.Invalid();
            }

            upper = body.After;
        }

        var sensor = await GetItemAsync(
            sensorPk, ParkingKeys.Metadata, cancellationToken, projection: "#zone", names: new Dictionary<string, string> { ["#zone"] = ParkingTable.ZoneId }).ConfigureAwait(false);
        var zoneId = sensor is not null && sensor.TryGetValue(ParkingTable.ZoneId, out var z) ? z.S : null;

        var want = page.Limit + 1;
        var zoneless = NewQuery(ParkingTable.Gsi2, sensorPk, null, ParkingKeys.AlertPrefix, upper, forward: false);
        var fromSensor = await CollectAsync(zoneless, want + 1, null, cancellationToken).ConfigureAwait(false);
        List<Dictionary<string, AttributeValue>> fromZone = [];
        if (zoneId is not null && TryKey(ParkingKeys.Zone, zoneId) is { } zonePk)
        {
            var inZone = NewQuery(ParkingTable.Gsi2, zonePk, null, ParkingKeys.AlertPrefix, upper, forward: false);
            inZone.FilterExpression = "#sensor = :sensor";
            inZone.ExpressionAttributeNames["#sensor"] = ParkingTable.SensorId;
            inZone.ExpressionAttributeValues[":sensor"] = S(sensorId);
            fromZone = await CollectAsync(inZone, want + 1, null, cancellationToken).ConfigureAwait(false);
        }

        // Merge newest first; BETWEEN is inclusive, so drop the last alert of the previous page (sort key == upper).
        var merged = new List<Dictionary<string, AttributeValue>>(want);
        int i = 0, j = 0;
        while (merged.Count < want && (i < fromSensor.Count || j < fromZone.Count))
        {
            Dictionary<string, AttributeValue> next;
            if (j >= fromZone.Count || (i < fromSensor.Count && string.CompareOrdinal(Gsi2Sort(fromSensor[i]), Gsi2Sort(fromZone[j])) >= 0))
            {
                next = fromSensor[i++];
            }
            else
            {
                next = fromZone[j++];
            }

            if (body is null || string.CompareOrdinal(Gsi2Sort(next), upper) < 0)
            {
                merged.Add(next);
            }
        }

        string? token = null;
        if (merged.Count > page.Limit)
        {
            merged.RemoveRange(page.Limit, merged.Count - page.Limit);
            token = PageToken.Encode(Listing, null, after: Gsi2Sort(merged[^1]));
        }

        var alerts = new List<Alert>(merged.Count);
        foreach (var item in merged)
        {
            alerts.Add(ParkingItemMapper.ToAlert(item));
        }

        return new Page<Alert>(alerts, token);
    }

    /// <inheritdoc />
    /// <remarks>PutItem with <c>attribute_not_exists(PK)</c>: an existing alert is left as it is and the call returns <see langword="false"/>.</remarks>
    public async ValueTask<bool> RaiseAlertAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        try
        {
            await _client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = _table,
                    Item = ParkingItemMapper.ToItem(alert),
                    ConditionExpression = "attribute_not_exists(#pk)",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = ParkingTable.Pk },
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

    /// <inheritdoc />
    /// <remarks>
    /// GetItem (consistent), then, when the alert is OPEN, UpdateItem <c>SET status = ACKNOWLEDGED, GSI1SK = ALERT#ACKNOWLEDGED#&lt;createdAt&gt;#&lt;id&gt;</c>
    /// with the condition <c>status = OPEN</c> (ReturnValues ALL_NEW): the status index moves with the status. A concurrent change is re-read.
    /// </remarks>
    public ValueTask<Alert?> AcknowledgeAlertAsync(string alertId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alertId);
        return MoveAlertAsync(alertId, AlertStatus.Acknowledged, null, static a => a.Status == AlertStatus.Open, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// GetItem (consistent), then, unless the alert is already RESOLVED, UpdateItem <c>SET status = RESOLVED, resolvedAt = :t, GSI1SK = ALERT#RESOLVED#…</c>
    /// with the condition that the status is still the one read (ReturnValues ALL_NEW). A concurrent change is re-read and retried.
    /// </remarks>
    public ValueTask<Alert?> ResolveAlertAsync(string alertId, DateTimeOffset resolvedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alertId);
        return MoveAlertAsync(alertId, AlertStatus.Resolved, resolvedAt, static a => a.Status != AlertStatus.Resolved, cancellationToken);
    }

    private static string Gsi2Sort(Dictionary<string, AttributeValue> item) => item[ParkingTable.Gsi2Sk].S;

    private async ValueTask<Alert?> MoveAlertAsync(string alertId, string status, DateTimeOffset? resolvedAt, Func<Alert, bool> applies, CancellationToken cancellationToken)
    {
        var pk = TryKey(ParkingKeys.Alert, alertId);
        if (pk is null)
        {
            return null;
        }

        for (var attempt = 1; ; attempt++)
        {
            var item = await GetItemAsync(pk, ParkingKeys.Metadata, cancellationToken, consistent: true).ConfigureAwait(false);
            if (item is null)
            {
                return null;
            }

            var alert = ParkingItemMapper.ToAlert(item);
            if (!applies(alert))
            {
                return alert;
            }

            var names = new Dictionary<string, string>
            {
                ["#status"] = ParkingTable.Status,
                ["#gsi1sk"] = ParkingTable.Gsi1Sk,
            };
            var values = new Dictionary<string, AttributeValue>
            {
                [":status"] = S(status),
                [":seen"] = S(alert.Status),
                [":gsi1sk"] = S(ParkingKeys.AlertByStatus(status, alert.CreatedAt, alert.Id)),
            };
            var update = "SET #status = :status, #gsi1sk = :gsi1sk";
            if (resolvedAt is { } r)
            {
                names["#resolved"] = ParkingTable.ResolvedAt;
                values[":resolved"] = S(KeyTime.ToKey(r));
                update += ", #resolved = :resolved";
            }

            try
            {
                var response = await _client.UpdateItemAsync(
                    new UpdateItemRequest
                    {
                        TableName = _table,
                        Key = Key(pk, ParkingKeys.Metadata),
                        UpdateExpression = update,
                        ConditionExpression = "#status = :seen",
                        ExpressionAttributeNames = names,
                        ExpressionAttributeValues = values,
                        ReturnValues = Amazon.DynamoDBv2.ReturnValue.ALL_NEW,
                    },
                    cancellationToken).ConfigureAwait(false);
                return ParkingItemMapper.ToAlert(response.Attributes);
            }
            catch (ResourceNotFoundException missing)
            {
                throw TableMissing(missing);
            }
            
            catch (ConditionalCheckFailedException ex)
            {
                Log.AlertUpdateRace(_logger, alertId, status);
                if (attempt >= MaxAlertUpdateAttempts)
                {
                    throw new ParkingDataException(
                        $"Alert {alertId} kept changing while it was being moved to {status} ({attempt} attempts); another writer is updating it. Retry later.", ex);
                }
            }
        }
    }
}
