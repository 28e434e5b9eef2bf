namespace VisionDrive.Parking.Cutover.Replication;

/// <summary>
/// Writes the primary's (PostgreSQL's) state of one key to the DynamoDB table, applying only what is newer: the item the migration
/// writes (<see cref="ParkingItemMapper"/>) with a conditional PutItem, or a conditional delete when the key is absent at the primary.
/// A condition that fails means the table already holds this state or a newer one: nothing to do, not an error.
/// </summary>
/// <remarks>
/// Versions: <c>updatedAt</c> (tenants, sites, zones, bays, sensors: <c>attribute_not_exists(PK) OR updatedAt &lt; :v</c>); at the same
/// <c>updatedAt</c>, a bay's status (its sensor, then <c>statusChangedAt</c>/<c>statusEventId</c>) and a sensor's <c>lastSeenAt</c>, which
/// change without a new version. Events are immutable (put if absent); an alert's status only moves forward (OPEN → ACKNOWLEDGED → RESOLVED).
/// A bay whose code or zone changed has a new key: the new item is put, then the items of the same bay id at other keys are deleted
/// when older. Uniqueness items (<c>UNIQUE#…</c>) are never written, as a migration writes none.
/// </remarks>
internal sealed class DynamoDbStateWriter
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly ItemMappingOptions _mapping;

    public DynamoDbStateWriter(IAmazonDynamoDB client, string tableName, ItemMappingOptions? mapping = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        _client = client;
        _table = tableName;
        _mapping = mapping ?? new ItemMappingOptions();
    }

    /// <summary>Applies the state; <see langword="true"/> when the table changed.</summary>
    /// <param name="key">The key.</param>
    /// <param name="entity">The primary's entity of the key, or <see langword="null"/> when it is absent there.</param>
    /// <param name="deletedVersion">For an absent key, the version the primary deleted (from the outbox), when known.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task<bool> ApplyAsync(ChangedKey key, object? entity, DateTimeOffset? deletedVersion, CancellationToken cancellationToken)
    {
        if (entity is null)
        {
            return await DeleteAsync(key, deletedVersion, cancellationToken).ConfigureAwait(false);
        }

        var item = ParkingItemMapper.ToItem(entity, _mapping);
        var (condition, names, values) = entity switch
        {
            SensorEvent => ("attribute_not_exists(#pk)", Names(), Values()),
            Alert a => AlertCondition(a),
            Bay b => BayCondition(item, b),
            Sensor s => SensorCondition(item, s),
            _ => VersionCondition(item),
        };

        var written = await PutAsync(item, condition, names, values, cancellationToken).ConfigureAwait(false);
        if (entity is Bay bay)
        {
            // The bay's key moved (new code or zone): the items of the same id at other keys are older states.
            foreach (var other in await FindBayItemsAsync(bay.Id, cancellationToken).ConfigureAwait(false))
            {
                if (other[ItemNames.Pk].S != item[ItemNames.Pk].S || other[ItemNames.Sk].S != item[ItemNames.Sk].S)
                {
                    written |= await DeleteItemAsync(other[ItemNames.Pk].S, other[ItemNames.Sk].S, item[ItemNames.UpdatedAt].S, strictlyOlder: true, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return written;
    }

    private async Task<bool> DeleteAsync(ChangedKey key, DateTimeOffset? deletedVersion, CancellationToken cancellationToken)
    {
        var version = deletedVersion is { } v ? KeyTime.ToKey(v) : null;
        switch (key.Type)
        {
            case EntityType.Event:
            case EntityType.Alert:
                // Immutable (events) or never deleted (alerts): an absent one was never committed, or expired; nothing to remove.
                return false;
            case EntityType.Bay:
                var deleted = false;
                foreach (var item in await FindBayItemsAsync(key.Id, cancellationToken).ConfigureAwait(false))
                {
                    deleted |= await DeleteItemAsync(item[ItemNames.Pk].S, item[ItemNames.Sk].S, version, strictlyOlder: false, cancellationToken).ConfigureAwait(false);
                }

                return deleted;
            default:
                var pk = key.Type switch
                {
                    EntityType.Tenant => ParkingKeys.Tenant(key.Id),
                    EntityType.Site => ParkingKeys.Site(key.Id),
                    EntityType.Zone => ParkingKeys.Zone(key.Id),
                    EntityType.Sensor => ParkingKeys.Sensor(key.Id),
                    _ => throw new ArgumentOutOfRangeException(nameof(key), key.Type, "Unknown entity type."),
                };
                return await DeleteItemAsync(pk, ParkingKeys.Metadata, version, strictlyOlder: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the item when its version is older than (or, unless <paramref name="strictlyOlder"/>, equal to) <paramref name="version"/>; unconditionally when that is null.</summary>
    private async Task<bool> DeleteItemAsync(string pk, string sk, string? version, bool strictlyOlder, CancellationToken cancellationToken)
    {
        var request = new DeleteItemRequest
        {
            TableName = _table,
            Key = new Dictionary<string, AttributeValue> { [ItemNames.Pk] = new() { S = pk }, [ItemNames.Sk] = new() { S = sk } },
            ReturnValues = ReturnValue.ALL_OLD,
        };
        if (version is not null)
        {
            request.ConditionExpression = strictlyOlder ? "#u < :v" : "attribute_not_exists(#pk) OR #u <= :v";
            request.ExpressionAttributeNames = strictlyOlder ? new() { ["#u"] = ItemNames.UpdatedAt } : new() { ["#u"] = ItemNames.UpdatedAt, ["#pk"] = ItemNames.Pk };
            request.ExpressionAttributeValues = new() { [":v"] = new() { S = version } };
        }

        try
        {
            var response = await _client.DeleteItemAsync(request, cancellationToken).ConfigureAwait(false);
            return response.Attributes is { Count: > 0 };
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private async Task<bool> PutAsync(
        Dictionary<string, AttributeValue> item, string condition, Dictionary<string, string> names, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken)
    {
        try
        {
            await _client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = _table,
                    Item = item,
                    ConditionExpression = condition,
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = values.Count == 0 ? null : values,
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>Every item of the bay id (GSI2 <c>BAY#&lt;id&gt;</c>): one, or two for a moment while a move is replicated.</summary>
    internal async Task<List<Dictionary<string, AttributeValue>>> FindBayItemsAsync(string bayId, CancellationToken cancellationToken)
    {
        var found = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await _client.QueryAsync(
                new QueryRequest
                {
                    TableName = _table,
                    IndexName = ItemNames.Gsi2,
                    KeyConditionExpression = "#p = :p AND #s = :s",
                    ExpressionAttributeNames = new() { ["#p"] = ItemNames.Gsi2Pk, ["#s"] = ItemNames.Gsi2Sk },
                    ExpressionAttributeValues = new() { [":p"] = new() { S = ParkingKeys.BayById(bayId) }, [":s"] = new() { S = ItemNames.BayGsi2Sort } },
                    ExclusiveStartKey = start,
                },
                cancellationToken).ConfigureAwait(false);
            if (response.Items is not null)
            {
                found.AddRange(response.Items);
            }

            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return found;
    }

    private static (string, Dictionary<string, string>, Dictionary<string, AttributeValue>) VersionCondition(Dictionary<string, AttributeValue> item)
    {
        var names = Names();
        names["#u"] = ItemNames.UpdatedAt;
        var values = Values();
        values[":v"] = item[ItemNames.UpdatedAt];
        return ("attribute_not_exists(#pk) OR #u < :v", names, values);
    }

    private static (string, Dictionary<string, string>, Dictionary<string, AttributeValue>) SensorCondition(Dictionary<string, AttributeValue> item, Sensor sensor)
    {
        var (condition, names, values) = VersionCondition(item);
        if (sensor.LastSeenAt is not null)
        {
            names["#ls"] = ItemNames.LastSeenAt;
            values[":ls"] = item[ItemNames.LastSeenAt];
            condition += " OR (#u = :v AND (attribute_not_exists(#ls) OR #ls < :ls))";
        }

        return (condition, names, values);
    }

    /// <summary>
    /// Newer version; or the same version with another sensor assignment (the primary's is current); or the same sensor and a newer status
    /// event (<c>statusChangedAt</c>, then <c>statusEventId</c>), as the DynamoDB store orders them.
    /// </summary>
    private static (string, Dictionary<string, string>, Dictionary<string, AttributeValue>) BayCondition(Dictionary<string, AttributeValue> item, Bay bay)
    {
        var (condition, names, values) = VersionCondition(item);
        names["#sensor"] = ItemNames.SensorId;
        string otherSensor;
        string sameSensor;
        if (bay.SensorId is null)
        {
            otherSensor = "attribute_exists(#sensor)";
            sameSensor = "attribute_not_exists(#sensor)";
        }
        else
        {
            values[":sensor"] = new AttributeValue { S = bay.SensorId };
            otherSensor = "(attribute_not_exists(#sensor) OR #sensor <> :sensor)";
            sameSensor = "#sensor = :sensor";
        }

        var newerStatus = "";
        if (bay.StatusChangedAt is not null)
        {
            names["#sc"] = ItemNames.StatusChangedAt;
            names["#se"] = ItemNames.StatusEventId;
            values[":sc"] = item[ItemNames.StatusChangedAt];
            values[":se"] = item.TryGetValue(ItemNames.StatusEventId, out var se) ? se : new AttributeValue { S = "" };
            newerStatus = $" OR (#u = :v AND {sameSensor} AND (attribute_not_exists(#sc) OR #sc < :sc OR (#sc = :sc AND (attribute_not_exists(#se) OR #se < :se))))";
        }

        return (condition + $" OR (#u = :v AND {otherSensor})" + newerStatus, names, values);
    }

    /// <summary>An alert's status only moves forward: OPEN → ACKNOWLEDGED → RESOLVED; another status is put only where the alert is absent.</summary>
    private static (string, Dictionary<string, string>, Dictionary<string, AttributeValue>) AlertCondition(Alert alert)
    {
        var names = Names();
        var values = Values();
        switch (alert.Status)
        {
            case AlertStatus.Acknowledged:
                names["#st"] = ItemNames.Status;
                values[":open"] = new AttributeValue { S = AlertStatus.Open };
                return ("attribute_not_exists(#pk) OR #st = :open", names, values);
            case AlertStatus.Resolved:
                names["#st"] = ItemNames.Status;
                values[":resolved"] = new AttributeValue { S = AlertStatus.Resolved };
                return ("attribute_not_exists(#pk) OR #st <> :resolved", names, values);
            default:
                return ("attribute_not_exists(#pk)", names, values);
        }
    }

    private static Dictionary<string, string> Names() => new(StringComparer.Ordinal) { ["#pk"] = ItemNames.Pk };

    private static Dictionary<string, AttributeValue> Values() => new(StringComparer.Ordinal);
}
