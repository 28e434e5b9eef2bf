using VisionDrive.Parking.Data.DynamoDb.Infrastructure;

namespace VisionDrive.Parking.Cutover.Replication;

/// <summary>
/// Writes the primary's (PostgreSQL's) state of one key to the DynamoDB table, applying only what is newer: the item the migration
/// writes (<see cref="ParkingItemMapper"/>) with a conditional PutItem, or a conditional delete when the key is absent at the primary.
/// A condition that fails means the table already holds this state or a newer one: nothing to do, not an error.
/// </summary>
/// <remarks>
/// The order of states is <see cref="ItemConditions"/>' (strictly newer: <c>orSame</c> off). A bay whose code or zone changed has a new key: the new item is put, then the items of the same bay id at other keys are deleted
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
        var written = await PutAsync(item, cancellationToken).ConfigureAwait(false);
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
                return await DeleteItemAsync(DynamoDbStateReader.MetadataPk(key), ParkingKeys.Metadata, version, strictlyOlder: false, cancellationToken).ConfigureAwait(false);
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

    private async Task<bool> PutAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest { TableName = _table, Item = item };
        ItemConditions.OnlyOverOlder(request, orSame: false);
        try
        {
            await _client.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
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
}
