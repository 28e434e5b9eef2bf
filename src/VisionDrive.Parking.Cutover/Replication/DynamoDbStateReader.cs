namespace VisionDrive.Parking.Cutover.Replication;

/// <summary>
/// Reads the DynamoDB state of a key with consistent reads: GetItem by the entity's key; a bay by id through GSI2 (<c>BAY#&lt;id&gt;</c>),
/// then a consistent GetItem of the key found; an event needs its sensor (<see cref="ChangedKey.SensorId"/>), which is its partition.
/// </summary>
internal sealed class DynamoDbStateReader
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly DynamoDbStateWriter _bays;

    public DynamoDbStateReader(IAmazonDynamoDB client, string tableName)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _table = tableName;
        _bays = new DynamoDbStateWriter(client, tableName);
    }

    /// <summary>Whether the key can be read: an event key needs its sensor id.</summary>
    public static bool CanRead(ChangedKey key) => key.Type != EntityType.Event || (key.SensorId is not null && key.Time is not null);

    /// <summary>The entity of the key, or <see langword="null"/> when the table has none.</summary>
    public async Task<object?> ReadAsync(ChangedKey key, CancellationToken cancellationToken)
    {
        switch (key.Type)
        {
            case EntityType.Bay:
                foreach (var found in await _bays.FindBayItemsAsync(key.Id, cancellationToken).ConfigureAwait(false))
                {
                    var bay = await GetAsync(found[ItemNames.Pk].S, found[ItemNames.Sk].S, cancellationToken).ConfigureAwait(false);
                    if (bay is not null)
                    {
                        return ParkingItemMapper.FromItem(bay);
                    }
                }

                return null;
            case EntityType.Event:
                if (!CanRead(key))
                {
                    throw new ArgumentException($"The event key '{key.Id}' has no sensor id or time; an event item's key is its sensor and (time, id).", nameof(key));
                }

                var ev = await GetAsync(ParkingKeys.Sensor(key.SensorId!), ParkingKeys.EventSort(key.Time!.Value, key.Id), cancellationToken).ConfigureAwait(false);
                return ev is null ? null : ParkingItemMapper.FromItem(ev);
            default:
                var pk = MetadataPk(key);
                var item = await GetAsync(pk, ParkingKeys.Metadata, cancellationToken).ConfigureAwait(false);
                return item is null ? null : ParkingItemMapper.FromItem(item);
        }
    }

    private async Task<Dictionary<string, AttributeValue>?> GetAsync(string pk, string sk, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest
            {
                TableName = _table,
                Key = new Dictionary<string, AttributeValue> { [ItemNames.Pk] = new() { S = pk }, [ItemNames.Sk] = new() { S = sk } },
                ConsistentRead = true,
            },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>The partition key of a key whose item is its <c>METADATA</c> (tenants, sites, zones, sensors, alerts).</summary>
    internal static string MetadataPk(ChangedKey key) => key.Type switch
    {
        EntityType.Tenant => ParkingKeys.Tenant(key.Id),
        EntityType.Site => ParkingKeys.Site(key.Id),
        EntityType.Zone => ParkingKeys.Zone(key.Id),
        EntityType.Sensor => ParkingKeys.Sensor(key.Id),
        EntityType.Alert => ParkingKeys.Alert(key.Id),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key.Type, "Not an entity stored as one METADATA item."),
    };
}
