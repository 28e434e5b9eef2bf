namespace VisionDrive.Parking.Data.DynamoDb;

/// <summary>
/// Every access pattern of <see cref="IParkingStore"/> over the <c>VisionDrive-Parking</c> single table (docs/design.md §2; operations and keys in
/// <c>docs/access-patterns.md</c>). Each read is one GetItem or one Query on the documented keys — never a Scan — except the two documented
/// fan-outs: a tenant's events (one Query per UTC day bucket, newest day first) and the alerts of a sensor (its zone's alerts filtered on the
/// sensor, merged with its zone-less alerts). Listings are paged with opaque continuation tokens. Writes are conditional, so redelivered events,
/// out-of-order events and concurrent alert updates cannot corrupt state. Thread-safe; the client is not disposed by the store.
/// </summary>
public sealed partial class DynamoDbParkingStore : IParkingStore
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly bool _consistent;
    private readonly ItemMappingOptions _mapping;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;

    /// <summary>Creates the store.</summary>
    /// <param name="client">The DynamoDB client (see <see cref="Client.DynamoDbClientFactory"/>); not disposed by the store.</param>
    /// <param name="options">The table, read consistency and event retention; the defaults when <see langword="null"/>. Region, endpoint and HTTP settings are the client's.</param>
    /// <param name="logger">Debug logs of redeliveries, stale events and races; none when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock that versions writes (<c>updatedAt</c>); <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are not valid; the message lists each problem.</exception>
    public DynamoDbParkingStore(IAmazonDynamoDB client, DynamoDbStoreOptions? options = null, ILogger<DynamoDbParkingStore>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new DynamoDbStoreOptions();
        options.Validate();
        _client = client;
        _table = options.TableName;
        _consistent = options.ConsistentReads;
        _mapping = new ItemMappingOptions { EventRetention = options.EventRetention };
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _clock = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The table the store reads and writes.</summary>
    public string TableName => _table;

    /// <summary>Builds a key from an id, or returns <see langword="null"/> when the id cannot be part of a key (empty): nothing can match it.</summary>
    private static string? TryKey(Func<string, string> build, string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        try
        {
            return build(value);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The table (or an index of it) does not exist: say which, and how to create it, instead of a bare ResourceNotFoundException.</summary>
    private ParkingDataException TableMissing(ResourceNotFoundException ex) => new(
        $"The DynamoDB table '{_table}' does not exist (or lacks the GSI1/GSI2 indexes) at {Where()}: create it with " +
        $"TableProvisioner.EnsureTableAsync(\"{_table}\") or `vdp provision --table {_table}`, or point DynamoDbStoreOptions.TableName / the endpoint at the right table. ({ex.Message})",
        ex);

    /// <summary>The client's endpoint, for messages: its service URL, else its region.</summary>
    private string Where()
    {
        var config = _client.Config;
        return config?.ServiceURL is { Length: > 0 } url ? url
            : config?.RegionEndpoint is { } region ? "the AWS endpoint of region " + region.SystemName
            : "the client's endpoint";
    }

    private static Dictionary<string, AttributeValue> Key(string pk, string sk) => new(2, StringComparer.Ordinal)
    {
        [ParkingTable.Pk] = new AttributeValue { S = pk },
        [ParkingTable.Sk] = new AttributeValue { S = sk },
    };

    private static AttributeValue S(string value) => new() { S = value };

    private async Task<Dictionary<string, AttributeValue>?> GetItemAsync(string pk, string sk, CancellationToken cancellationToken, bool? consistent = null, string? projection = null, Dictionary<string, string>? names = null)
    {
        var request = new GetItemRequest
        {
            TableName = _table,
            Key = Key(pk, sk),
            ConsistentRead = consistent ?? _consistent,
        };
        if (projection is not null)
        {
            request.ProjectionExpression = projection;
            request.ExpressionAttributeNames = names;
        }

        GetItemResponse response;
        try
        {
            response = await _client.GetItemAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceNotFoundException ex)
        {
            throw TableMissing(ex);
        }

        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>The key attribute names and the partition/sort attributes of the table or an index.</summary>
    private static (string Pk, string Sk, string[] StartKeyNames) Schema(string? index) => index switch
    {
        null => (ParkingTable.Pk, ParkingTable.Sk, [ParkingTable.Pk, ParkingTable.Sk]),
        ParkingTable.Gsi1 => (ParkingTable.Gsi1Pk, ParkingTable.Gsi1Sk, [ParkingTable.Pk, ParkingTable.Sk, ParkingTable.Gsi1Pk, ParkingTable.Gsi1Sk]),
        ParkingTable.Gsi2 => (ParkingTable.Gsi2Pk, ParkingTable.Gsi2Sk, [ParkingTable.Pk, ParkingTable.Sk, ParkingTable.Gsi2Pk, ParkingTable.Gsi2Sk]),
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "Unknown index."),
    };

    /// <summary>
    /// A Query on the table (<paramref name="index"/> null) or an index: partition = <paramref name="partition"/> and, on the sort key, either
    /// <c>begins_with(prefix)</c> or <c>BETWEEN from AND to</c>. Consistent reads apply to the table only.
    /// </summary>
    private QueryRequest NewQuery(string? index, string partition, string? prefix, string? from = null, string? to = null, bool forward = true)
    {
        var (pkName, skName, _) = Schema(index);
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { ["#pk"] = pkName };
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":pk"] = S(partition) };
        var condition = "#pk = :pk";
        if (prefix is not null)
        {
            names["#sk"] = skName;
            values[":prefix"] = S(prefix);
            condition += " AND begins_with(#sk, :prefix)";
        }
        else if (from is not null && to is not null)
        {
            names["#sk"] = skName;
            values[":from"] = S(from);
            values[":to"] = S(to);
            condition += " AND #sk BETWEEN :from AND :to";
        }

        return new QueryRequest
        {
            TableName = _table,
            IndexName = index,
            KeyConditionExpression = condition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ScanIndexForward = forward,
            ConsistentRead = index is null && _consistent,
        };
    }

    /// <summary>
    /// Runs <paramref name="request"/> from <paramref name="startKey"/> until it has <paramref name="want"/> items (after any filter) or the query
    /// is exhausted. Returns the items; <paramref name="want"/> = page size + 1 tells whether there is a next page without an empty last page.
    /// </summary>
    private async Task<List<Dictionary<string, AttributeValue>>> CollectAsync(
        QueryRequest request, int want, Dictionary<string, AttributeValue>? startKey, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>(Math.Min(want, 128));
        var fromToken = startKey is not null;
        do
        {
            request.ExclusiveStartKey = startKey;
            if (request.FilterExpression is null)
            {
                request.Limit = want - items.Count;
            }

            QueryResponse response;
            try
            {
                response = await _client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonDynamoDBException ex) when (fromToken && ex.ErrorCode == "ValidationException")
            {
                // DynamoDB refuses a start key outside the query (a token of another query, or edited): the caller's mistake.
                throw PageToken.Invalid(ex);
            }
            catch (ResourceNotFoundException ex)
            {
                throw TableMissing(ex);
            }

            fromToken = false;
            if (response.Items is not null)
            {
                foreach (var item in response.Items)
                {
                    items.Add(item);
                    if (items.Count == want)
                    {
                        return items;
                    }
                }
            }

            startKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);

        return items;
    }

    /// <summary>The start key (table key plus the index key) that resumes a query of <paramref name="index"/> after <paramref name="item"/>.</summary>
    private static Dictionary<string, AttributeValue> StartKeyOf(Dictionary<string, AttributeValue> item, string? index)
    {
        var names = Schema(index).StartKeyNames;
        var key = new Dictionary<string, AttributeValue>(names.Length, StringComparer.Ordinal);
        foreach (var name in names)
        {
            key[name] = S(item[name].S);
        }

        return key;
    }

    /// <summary>One page of a single-Query listing, resumed from the page token; the token is the start key of the last item returned.</summary>
    private async Task<Page<T>> QueryPageAsync<T>(
        string listing, QueryRequest request, PageRequest page, Func<Dictionary<string, AttributeValue>, T> map, CancellationToken cancellationToken)
    {
        var body = PageToken.Decode(page.ContinuationToken, listing);
        var (pkName, _, startNames) = Schema(request.IndexName);
        var startKey = body is null ? null : PageToken.StartKey(body, pkName, request.ExpressionAttributeValues[":pk"].S, startNames);
        var items = await CollectAsync(request, page.Limit + 1, startKey, cancellationToken).ConfigureAwait(false);
        return ToPage(listing, items, page.Limit, request.IndexName, map);
    }

    private static Page<T> ToPage<T>(string listing, List<Dictionary<string, AttributeValue>> items, int limit, string? index, Func<Dictionary<string, AttributeValue>, T> map)
    {
        string? token = null;
        if (items.Count > limit)
        {
            items.RemoveRange(limit, items.Count - limit);
            token = PageToken.Encode(listing, StartKeyOf(items[^1], index));
        }

        var result = new List<T>(items.Count);
        foreach (var item in items)
        {
            result.Add(map(item));
        }

        return new Page<T>(result, token);
    }

    private static Page<T> EmptyPage<T>(PageRequest page, string listing)
    {
        // Still reject a malformed token, as the non-empty path does.
        PageToken.Decode(page.ContinuationToken, listing);
        return new Page<T>([], null);
    }
}
