namespace VisionDrive.Parking.Data.DynamoDb;

/// <content>
/// What every write shares. A write reads what it checks (consistent GetItem, or a Query), throws the typed error a check fails with, then writes
/// every item it changes in one TransactWriteItems (one conditional PutItem/UpdateItem/DeleteItem when it changes one item) whose conditions
/// restate what it read: the version (<c>updatedAt</c>), the owner of a uniqueness item, the sensor of a bay. When a condition fails, something
/// changed in between: the write reads again (and then fails with the typed error, or succeeds), at most <see cref="MaxWriteAttempts"/> times.
/// </content>
public sealed partial class DynamoDbParkingStore
{
    private const int MaxWriteAttempts = 8;

    private static readonly string[] NoAttributes = [];

    private async Task<Dictionary<string, AttributeValue>?> ReadAsync(string pk, string sk, CancellationToken cancellationToken) =>
        await GetItemAsync(pk, sk, cancellationToken, consistent: true).ConfigureAwait(false);

    /// <summary>The item of the tenant's entity, read consistently; not found when it is missing or another tenant's.</summary>
    private async Task<Dictionary<string, AttributeValue>> OwnAsync(EntityType type, string? pk, string sk, string tenantId, string id, CancellationToken cancellationToken)
    {
        var item = pk is null ? null : await ReadAsync(pk, sk, cancellationToken).ConfigureAwait(false);
        return item is not null && item.TryGetValue(ParkingTable.TenantId, out var t) && t.S == tenantId
            ? item
            : throw new EntityNotFoundException(type, id, tenantId);
    }

    /// <summary>The tenant's bay item: found by id on GSI2, then read consistently by its key.</summary>
    private async Task<Dictionary<string, AttributeValue>> OwnBayAsync(string tenantId, string bayId, CancellationToken cancellationToken)
    {
        var found = await FindBayItemAsync(bayId, cancellationToken).ConfigureAwait(false);
        return await OwnAsync(EntityType.Bay, found?[ParkingTable.Pk].S, found?[ParkingTable.Sk].S ?? string.Empty, tenantId, bayId, cancellationToken).ConfigureAwait(false);
    }

    private static DateTimeOffset VersionOf(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue(ParkingTable.UpdatedAt, out var u) && u.S is not null && KeyTime.TryParse(u.S, out var time) ? time : DateTimeOffset.MinValue;

    /// <summary>Throws stale when the item is not at <paramref name="expected"/>; returns the next version.</summary>
    private DateTimeOffset CheckVersion(Dictionary<string, AttributeValue> item, EntityType type, string id, DateTimeOffset expected)
    {
        var current = VersionOf(item);
        if (!EntityVersion.Same(current, expected))
        {
            throw new StaleVersionException(type, id, expected, current);
        }

        return EntityVersion.Next(current, _clock);
    }

    /// <summary>The condition that the item is still at the version read.</summary>
    private static string AtVersion(WriteExpression e, Dictionary<string, AttributeValue> item) =>
        $"{e.Name(ParkingTable.UpdatedAt)} = {e.Value(item[ParkingTable.UpdatedAt].S)}";

    private TransactWriteItem PutNew(Dictionary<string, AttributeValue> item) => new()
    {
        Put = new Put
        {
            TableName = _table,
            Item = item,
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = ParkingTable.Pk },
        },
    };

    private TransactWriteItem Exists(string pk, string sk) => new()
    {
        ConditionCheck = new ConditionCheck
        {
            TableName = _table,
            Key = Key(pk, sk),
            ConditionExpression = "attribute_exists(#pk)",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = ParkingTable.Pk },
        },
    };

    private TransactWriteItem UpdateWhere(string pk, string sk, WriteExpression e, string update, string condition) => new()
    {
        Update = new Update
        {
            TableName = _table,
            Key = Key(pk, sk),
            UpdateExpression = update,
            ConditionExpression = condition,
            ExpressionAttributeNames = e.Names,
            ExpressionAttributeValues = e.Values.Count == 0 ? null : e.Values,
        },
    };

    /// <summary>Rewrites the item at its key with the attributes of <paramref name="next"/>, keeping <paramref name="keep"/>, if still at the version read.</summary>
    private TransactWriteItem Replace(Dictionary<string, AttributeValue> previous, Dictionary<string, AttributeValue> next, IReadOnlyCollection<string> keep)
    {
        var e = new WriteExpression();
        var update = e.Replace(previous, next, keep);
        return UpdateWhere(previous[ParkingTable.Pk].S, previous[ParkingTable.Sk].S, e, update, AtVersion(e, previous));
    }

    private TransactWriteItem DeleteAtVersion(Dictionary<string, AttributeValue> item, Func<WriteExpression, string>? more = null)
    {
        var e = new WriteExpression();
        var condition = AtVersion(e, item) + (more is null ? string.Empty : " AND " + more(e));
        return new TransactWriteItem
        {
            Delete = new Delete
            {
                TableName = _table,
                Key = Key(item[ParkingTable.Pk].S, item[ParkingTable.Sk].S),
                ConditionExpression = condition,
                ExpressionAttributeNames = e.Names,
                ExpressionAttributeValues = e.Values,
            },
        };
    }

    // Uniqueness items (slug, DevEUI).
    private static string SlugGuard(string slug) => "UNIQUE#" + ParkingKeys.Slug(slug);

    private static string DevEuiGuard(string devEui) => "UNIQUE#" + ParkingKeys.DevEuiKey(devEui);

    /// <summary>Claims a uniqueness item for <paramref name="owner"/> (free, or already its own).</summary>
    private TransactWriteItem Claim(string guardPk, string owner) => new()
    {
        Put = new Put
        {
            TableName = _table,
            Item = new Dictionary<string, AttributeValue>
            {
                [ParkingTable.Pk] = S(guardPk),
                [ParkingTable.Sk] = S(ParkingTable.UniqueSk),
                [ParkingTable.EntityType] = S(ParkingTable.UniqueEntityType),
                [ParkingTable.Owner] = S(owner),
            },
            ConditionExpression = "attribute_not_exists(#pk) OR #owner = :owner",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = ParkingTable.Pk, ["#owner"] = ParkingTable.Owner },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":owner"] = S(owner) },
        },
    };

    /// <summary>Releases a uniqueness item <paramref name="owner"/> holds (nothing when it holds none: a migrated entity).</summary>
    private TransactWriteItem Release(string guardPk, string owner) => new()
    {
        Delete = new Delete
        {
            TableName = _table,
            Key = Key(guardPk, ParkingTable.UniqueSk),
            ConditionExpression = "attribute_not_exists(#pk) OR #owner = :owner",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = ParkingTable.Pk, ["#owner"] = ParkingTable.Owner },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":owner"] = S(owner) },
        },
    };

    /// <summary>Whether a uniqueness item is held by another owner than <paramref name="owner"/>.</summary>
    private async Task<bool> HeldByOtherAsync(string guardPk, string owner, CancellationToken cancellationToken)
    {
        var guard = await ReadAsync(guardPk, ParkingTable.UniqueSk, cancellationToken).ConfigureAwait(false);
        return guard is not null && guard.TryGetValue(ParkingTable.Owner, out var o) && o.S != owner;
    }

    /// <summary>Whether <paramref name="owner"/> holds the uniqueness item (a migrated entity, or one whose value another entity claimed from bad data, holds none).</summary>
    private async Task<bool> OwnsAsync(string guardPk, string owner, CancellationToken cancellationToken)
    {
        var guard = await ReadAsync(guardPk, ParkingTable.UniqueSk, cancellationToken).ConfigureAwait(false);
        return guard is not null && guard.TryGetValue(ParkingTable.Owner, out var o) && o.S == owner;
    }

    /// <summary>Whether a Query has at least one item (after its filter).</summary>
    private async Task<bool> AnyAsync(QueryRequest request, CancellationToken cancellationToken) =>
        (await CollectAsync(request, 1, null, cancellationToken).ConfigureAwait(false)).Count > 0;

    /// <summary>Whether an alert of the tenant names <paramref name="id"/> in <paramref name="attribute"/> (GSI1 <c>TENANT#</c>, <c>ALERT#</c>, filtered).</summary>
    private Task<bool> AlertNamesAsync(string tenantId, string attribute, string id, CancellationToken cancellationToken)
    {
        var request = NewQuery(ParkingTable.Gsi1, ParkingKeys.Tenant(tenantId), ParkingKeys.AlertPrefix);
        request.FilterExpression = "#f = :id";
        request.ExpressionAttributeNames["#f"] = attribute;
        request.ExpressionAttributeValues[":id"] = S(id);
        return AnyAsync(request, cancellationToken);
    }

    private static EntityConflictException HasChildren(EntityType type, string id, string what) => new(type, id, $"still has {what}; delete or move them first.");

    /// <summary>
    /// Runs <paramref name="attempt"/> (read, check, build the writes) and writes; when a condition fails, runs it again. Throws
    /// <see cref="WriteContentionException"/> after <see cref="MaxWriteAttempts"/> lost races.
    /// </summary>
    private async Task<T> WriteAsync<T>(EntityType type, string id, Func<Task<(List<TransactWriteItem> Writes, T Result)>> attempt, CancellationToken cancellationToken)
    {
        for (var n = 0; n < MaxWriteAttempts; n++)
        {
            var (writes, result) = await attempt().ConfigureAwait(false);
            if (await TryWriteAsync(writes, cancellationToken).ConfigureAwait(false))
            {
                return result;
            }

            Log.WriteRace(_logger, type.Name(), id, n + 1);
            await Task.Delay(TimeSpan.FromMilliseconds(5 * (n + 1)), _clock, cancellationToken).ConfigureAwait(false);
        }

        throw new WriteContentionException(type, id);
    }

    private async Task<bool> TryWriteAsync(List<TransactWriteItem> writes, CancellationToken cancellationToken)
    {
        try
        {
            if (writes.Count == 1)
            {
                await WriteOneAsync(writes[0], cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = writes }, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        catch (TransactionCanceledException ex) when (IsRace(ex))
        {
            return false;
        }
        catch (TransactionConflictException)
        {
            return false;
        }
    }

    private static bool IsRace(TransactionCanceledException ex)
    {
        if (ex.CancellationReasons is null)
        {
            return false;
        }

        foreach (var reason in ex.CancellationReasons)
        {
            if (reason.Code is not (null or "None" or "ConditionalCheckFailed" or "TransactionConflict"))
            {
                return false;
            }
        }

        return true;
    }

    private Task WriteOneAsync(TransactWriteItem write, CancellationToken cancellationToken) => write switch
    {
        { Put: { } p } => _client.PutItemAsync(
            new PutItemRequest { TableName = p.TableName, Item = p.Item, ConditionExpression = p.ConditionExpression, ExpressionAttributeNames = p.ExpressionAttributeNames, ExpressionAttributeValues = NullIfEmpty(p.ExpressionAttributeValues) },
            cancellationToken),
        { Update: { } u } => _client.UpdateItemAsync(
            new UpdateItemRequest { TableName = u.TableName, Key = u.Key, UpdateExpression = u.UpdateExpression, ConditionExpression = u.ConditionExpression, ExpressionAttributeNames = u.ExpressionAttributeNames, ExpressionAttributeValues = NullIfEmpty(u.ExpressionAttributeValues) },
            cancellationToken),
        { Delete: { } d } => _client.DeleteItemAsync(
            new DeleteItemRequest { TableName = d.TableName, Key = d.Key, ConditionExpression = d.ConditionExpression, ExpressionAttributeNames = d.ExpressionAttributeNames, ExpressionAttributeValues = NullIfEmpty(d.ExpressionAttributeValues) },
            cancellationToken),
        _ => throw new InvalidOperationException("A write of one condition check writes nothing."),
    };

    private static Dictionary<string, AttributeValue>? NullIfEmpty(Dictionary<string, AttributeValue>? values) => values is { Count: > 0 } ? values : null;
}
