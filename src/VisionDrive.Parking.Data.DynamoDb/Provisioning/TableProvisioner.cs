namespace VisionDrive.Parking.Data.DynamoDb.Provisioning;

/// <summary>
/// Creates the single table of docs/design.md §2 when it does not exist — keys <c>PK</c>/<c>SK</c> (strings), <c>GSI1</c> (<c>GSI1PK</c>, <c>GSI1SK</c>) and
/// <c>GSI2</c> (<c>GSI2PK</c>, <c>GSI2SK</c>) projecting all attributes, billing PAY_PER_REQUEST, TTL on <c>ttl</c> — and checks an existing one.
/// Idempotent: running it again on a compatible table changes nothing.
/// </summary>
public sealed class TableProvisioner
{
    /// <summary>The longest time <see cref="EnsureTableAsync"/> waits for the table and its indexes to become ACTIVE.</summary>
    internal static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    private readonly IAmazonDynamoDB _client;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a provisioner.</summary>
    /// <param name="client">The DynamoDB client.</param>
    /// <param name="logger">A logger, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    public TableProvisioner(IAmazonDynamoDB client, ILogger<TableProvisioner>? logger = null)
        : this(client, logger, TimeProvider.System)
    {
    }

    /// <summary>Creates a provisioner with a clock for the waits (tests).</summary>
    internal TableProvisioner(IAmazonDynamoDB client, ILogger? logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _client = client;
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Makes sure the table exists with the design's keys and indexes, is ACTIVE (waits, bounded, with backoff) and has TTL enabled on <c>ttl</c>.
    /// </summary>
    /// <param name="tableName">The table name; default <c>VisionDrive-Parking</c>.</param>
    /// <param name="cancellationToken">Cancels the calls and the waits.</param>
    /// <returns>The description of the ACTIVE table.</returns>
    /// <exception cref="ArgumentException"><paramref name="tableName"/> is empty.</exception>
    /// <exception cref="ParkingDataException">
    /// The table exists with a different key schema, key attribute types, or without <c>GSI1</c>/<c>GSI2</c> as designed (the message names what differs);
    /// TTL is enabled on another attribute; or the table did not become ACTIVE within five minutes.
    /// </exception>
    public async Task<TableDescription> EnsureTableAsync(string tableName = ParkingDefaults.TableName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);

        var table = await DescribeAsync(tableName, cancellationToken).ConfigureAwait(false);
        if (table is not null)
        {
            Log.TableExists(_logger, tableName, table.TableStatus?.Value ?? "unknown");
        }
        else
        {
            Log.CreatingTable(_logger, tableName);
            try
            {
                var created = await _client.CreateTableAsync(CreateRequest(tableName), cancellationToken).ConfigureAwait(false);
                table = created.TableDescription;
            }
            catch (ResourceInUseException)
            {
                // Created concurrently by another process: check it like any existing table.
                table = await DescribeAsync(tableName, cancellationToken).ConfigureAwait(false);
            }
        }

        if (table is not null)
        {
            CheckCompatible(tableName, table);
        }

        table = await WaitUntilActiveAsync(tableName, table, cancellationToken).ConfigureAwait(false);
        CheckCompatible(tableName, table);
        await EnsureTtlAsync(tableName, cancellationToken).ConfigureAwait(false);
        return table;
    }

    /// <summary>
    /// Makes sure the table's DynamoDB stream is enabled with <c>NEW_AND_OLD_IMAGES</c> (what the online cutover's stream applier reads:
    /// docs/cutover.md, "Replication"): an UpdateTable when the table has no stream, then waits (bounded) until the table is ACTIVE again.
    /// Idempotent. The table must exist (<see cref="EnsureTableAsync"/>).
    /// </summary>
    /// <param name="tableName">The table name; default <c>VisionDrive-Parking</c>.</param>
    /// <param name="cancellationToken">Cancels the calls and the waits.</param>
    /// <returns>The ARN of the table's latest stream.</returns>
    /// <exception cref="ArgumentException"><paramref name="tableName"/> is empty.</exception>
    /// <exception cref="ParkingDataException">
    /// The table does not exist; its stream is enabled with another view type (the message says how to change it); or it did not become ACTIVE within five minutes.
    /// </exception>
    public async Task<string> EnsureStreamAsync(string tableName = ParkingDefaults.TableName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        var table = await DescribeAsync(tableName, cancellationToken).ConfigureAwait(false)
            ?? throw new ParkingDataException($"Table '{tableName}' does not exist, so its stream cannot be enabled. Provision the table first (TableProvisioner.EnsureTableAsync or `vdp provision`).");
        var spec = table.StreamSpecification;
        if (spec?.StreamEnabled == true)
        {
            if (spec.StreamViewType != StreamViewType.NEW_AND_OLD_IMAGES)
            {
                throw new ParkingDataException(
                    $"Table '{tableName}' has a stream with view type {spec.StreamViewType?.Value ?? "unknown"}, but the cutover's stream applier needs NEW_AND_OLD_IMAGES. " +
                    "Disable the stream (UpdateTable StreamEnabled=false), then provision again; a table has one stream view type at a time.");
            }

            table = await WaitUntilActiveAsync(tableName, table, cancellationToken).ConfigureAwait(false);
            Log.StreamAlreadyEnabled(_logger, tableName, spec.StreamViewType.Value, table.LatestStreamArn ?? "(none)");
            return table.LatestStreamArn ?? throw new ParkingDataException($"Table '{tableName}' reports an enabled stream without an ARN; describe the table and check its stream.");
        }

        try
        {
            await _client.UpdateTableAsync(
                new UpdateTableRequest
                {
                    TableName = tableName,
                    StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = StreamViewType.NEW_AND_OLD_IMAGES },
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonDynamoDBException ex) when (ex.Message.Contains("already", StringComparison.OrdinalIgnoreCase))
        {
            // Enabled concurrently by another process: the describe below tells which view type it has.
        }

        table = await WaitUntilActiveAsync(tableName, await DescribeAsync(tableName, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (table.StreamSpecification?.StreamEnabled != true || table.StreamSpecification.StreamViewType != StreamViewType.NEW_AND_OLD_IMAGES || table.LatestStreamArn is null)
        {
            throw new ParkingDataException($"Table '{tableName}' did not get a NEW_AND_OLD_IMAGES stream (view type now: {table.StreamSpecification?.StreamViewType?.Value ?? "none"}). Check the table's stream settings, then provision again.");
        }

        Log.StreamEnabled(_logger, tableName, StreamViewType.NEW_AND_OLD_IMAGES.Value, table.LatestStreamArn);
        return table.LatestStreamArn;
    }

    /// <summary>
    /// The CreateTable request of the design (keys, both GSIs projecting ALL, on-demand billing): what <see cref="EnsureTableAsync"/> creates,
    /// and the table definition an Import from S3 creates the table with. TTL is not part of it (DynamoDB sets TTL on an existing table).
    /// </summary>
    /// <param name="tableName">The table's name.</param>
    /// <returns>A new request.</returns>
    public static CreateTableRequest CreateRequest(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(ParkingTable.Pk, ScalarAttributeType.S),
            new AttributeDefinition(ParkingTable.Sk, ScalarAttributeType.S),
            new AttributeDefinition(ParkingTable.Gsi1Pk, ScalarAttributeType.S),
            new AttributeDefinition(ParkingTable.Gsi1Sk, ScalarAttributeType.S),
            new AttributeDefinition(ParkingTable.Gsi2Pk, ScalarAttributeType.S),
            new AttributeDefinition(ParkingTable.Gsi2Sk, ScalarAttributeType.S),
        ],
        KeySchema =
        [
            new KeySchemaElement(ParkingTable.Pk, KeyType.HASH),
            new KeySchemaElement(ParkingTable.Sk, KeyType.RANGE),
        ],
        GlobalSecondaryIndexes =
        [
            Index(ParkingTable.Gsi1, ParkingTable.Gsi1Pk, ParkingTable.Gsi1Sk),
            Index(ParkingTable.Gsi2, ParkingTable.Gsi2Pk, ParkingTable.Gsi2Sk),
        ],
    };

    /// <summary>Throws when <paramref name="table"/> differs from the design in a way that breaks the library; lists every difference.</summary>
    internal static void CheckCompatible(string tableName, TableDescription table)
    {
        var problems = new List<string>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var definition in table.AttributeDefinitions ?? [])
        {
            types[definition.AttributeName] = definition.AttributeType?.Value ?? "?";
        }

        CheckKeys(problems, "the table", table.KeySchema, ParkingTable.Pk, ParkingTable.Sk, types);

        var indexes = new Dictionary<string, GlobalSecondaryIndexDescription>(StringComparer.Ordinal);
        foreach (var index in table.GlobalSecondaryIndexes ?? [])
        {
            indexes[index.IndexName] = index;
        }

        CheckIndex(problems, indexes, ParkingTable.Gsi1, ParkingTable.Gsi1Pk, ParkingTable.Gsi1Sk, types);
        CheckIndex(problems, indexes, ParkingTable.Gsi2, ParkingTable.Gsi2Pk, ParkingTable.Gsi2Sk, types);

        if (problems.Count > 0)
        {
            throw new ParkingDataException(
                $"Table '{tableName}' exists but does not match the VisionDrive-Parking design: {string.Join("; ", problems)}. " +
                "Use another table name, or delete/migrate that table; this library does not alter an existing table's keys.");
        }
    }

    private static GlobalSecondaryIndex Index(string name, string pk, string sk) => new()
    {
        IndexName = name,
        KeySchema = [new KeySchemaElement(pk, KeyType.HASH), new KeySchemaElement(sk, KeyType.RANGE)],
        Projection = new Projection { ProjectionType = ProjectionType.ALL },
    };

    private static void CheckIndex(
        List<string> problems,
        Dictionary<string, GlobalSecondaryIndexDescription> indexes,
        string name,
        string pk,
        string sk,
        Dictionary<string, string> types)
    {
        if (!indexes.TryGetValue(name, out var index))
        {
            problems.Add($"global secondary index {name} ({pk} HASH, {sk} RANGE) is missing");
            return;
        }

        CheckKeys(problems, "index " + name, index.KeySchema, pk, sk, types);
        var projection = index.Projection?.ProjectionType?.Value;
        if (projection != ProjectionType.ALL.Value)
        {
            problems.Add($"index {name} projects {projection ?? "nothing"}, expected ALL");
        }
    }

    private static void CheckKeys(List<string> problems, string what, List<KeySchemaElement>? schema, string pk, string sk, Dictionary<string, string> types)
    {
        var actual = Describe(schema);
        var expected = $"{pk} HASH, {sk} RANGE";
        if (actual != expected)
        {
            problems.Add($"{what} has key schema ({actual}), expected ({expected})");
            return;
        }

        foreach (var attribute in (ReadOnlySpan<string>)[pk, sk])
        {
            if (types.TryGetValue(attribute, out var type) && type != ScalarAttributeType.S.Value)
            {
                problems.Add($"key attribute {attribute} of {what} has type {type}, expected S");
            }
        }
    }

    private static string Describe(List<KeySchemaElement>? schema)
    {
        if (schema is null || schema.Count == 0)
        {
            return "none";
        }

        var parts = new List<string>(schema.Count);
        foreach (var element in schema)
        {
            parts.Add($"{element.AttributeName} {element.KeyType?.Value}");
        }

        return string.Join(", ", parts);
    }

    private static bool IsActive(TableDescription table)
    {
        if (table.TableStatus != TableStatus.ACTIVE)
        {
            return false;
        }

        foreach (var index in table.GlobalSecondaryIndexes ?? [])
        {
            if (index.IndexStatus is not null && index.IndexStatus != IndexStatus.ACTIVE)
            {
                return false;
            }
        }

        return true;
    }

    private async Task<TableDescription?> DescribeAsync(string tableName, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken).ConfigureAwait(false);
            return response.Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    private async Task<TableDescription> WaitUntilActiveAsync(string tableName, TableDescription? table, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var delay = FirstDelay;
        while (true)
        {
            if (table is not null && IsActive(table))
            {
                if (table.BillingModeSummary?.BillingMode is { } mode && mode != BillingMode.PAY_PER_REQUEST)
                {
                    Log.NotPayPerRequest(_logger, tableName, mode.Value);
                }

                Log.TableActive(_logger, tableName, ReadableDuration.Format(_timeProvider.GetElapsedTime(started)));
                return table;
            }

            var status = table?.TableStatus?.Value ?? "not found";
            if (table?.TableStatus == TableStatus.DELETING || table?.TableStatus == TableStatus.ARCHIVED || table?.TableStatus == TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS)
            {
                throw new ParkingDataException($"Table '{tableName}' is {status} and cannot become ACTIVE. Wait for the deletion to finish (or restore access), then provision again.");
            }

            if (_timeProvider.GetElapsedTime(started) + delay > MaxWait)
            {
                throw new ParkingDataException($"Table '{tableName}' did not become ACTIVE within {MaxWait.TotalMinutes:0} minutes (last status: {status}). Check the table in the DynamoDB console, then provision again.");
            }

            Log.WaitingForTable(_logger, tableName, status, ReadableDuration.Format(delay));
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            table = await DescribeAsync(tableName, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EnsureTtlAsync(string tableName, CancellationToken cancellationToken)
    {
        var described = await _client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = tableName }, cancellationToken).ConfigureAwait(false);
        var ttl = described.TimeToLiveDescription;
        var status = ttl?.TimeToLiveStatus;
        if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING)
        {
            if (!string.Equals(ttl!.AttributeName, ParkingTable.Ttl, StringComparison.Ordinal))
            {
                throw new ParkingDataException(
                    $"Table '{tableName}' has TTL enabled on attribute '{ttl.AttributeName}', but this library writes expiry times to '{ParkingTable.Ttl}'. " +
                    "Disable TTL on that attribute (DynamoDB allows one TTL attribute per table), then provision again.");
            }

            Log.TtlAlreadyEnabled(_logger, tableName, ParkingTable.Ttl, status.Value);
            return;
        }

        try
        {
            await _client.UpdateTimeToLiveAsync(
                new UpdateTimeToLiveRequest
                {
                    TableName = tableName,
                    TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = ParkingTable.Ttl, Enabled = true },
                },
                cancellationToken).ConfigureAwait(false);
            Log.TtlEnabled(_logger, tableName, ParkingTable.Ttl);
        }
        catch (AmazonDynamoDBException ex) when (ex.Message.Contains("already enabled", StringComparison.OrdinalIgnoreCase))
        {
            // Enabled concurrently (or DISABLING→ENABLED races): fine when it is on our attribute, which the next describe would show.
            Log.TtlAlreadyEnabled(_logger, tableName, ParkingTable.Ttl, "ENABLED");
        }
    }
}
