namespace VisionDrive.Parking.Cutover.Replication;

/// <summary>
/// DynamoDB primary → PostgreSQL secondary. <see cref="CopyAsync"/> reads each key's current DynamoDB state with consistent reads
/// (<see cref="DynamoDbStateReader"/>) and writes it to PostgreSQL apply-if-newer (<see cref="PostgresStateWriter"/>); a copy that fails
/// (PostgreSQL down, a parent not there yet) is recorded in <see cref="State"/> and the exception rethrown; the DynamoDB stream, applied by
/// <see cref="StreamApplier"/>, is the durable record that carries the change anyway. <see cref="PendingAsync"/>: see <see cref="StreamReplicationState"/>.
/// </summary>
internal sealed class DynamoDbToPostgresReplicator : ISecondaryReplicator
{
    private readonly DynamoDbStateReader _reader;
    private readonly PostgresStateWriter _writer;

    /// <summary>Creates the replicator.</summary>
    /// <param name="client">The DynamoDB client of the primary store.</param>
    /// <param name="options">The DynamoDB store's options (its table).</param>
    /// <param name="dataSource">The PostgreSQL database of the secondary store.</param>
    /// <param name="state">The pending state shared with the <see cref="StreamApplier"/> (one instance per process; a new one when <see langword="null"/>).</param>
    public DynamoDbToPostgresReplicator(IAmazonDynamoDB client, DynamoDbStoreOptions options, NpgsqlDataSource dataSource, StreamReplicationState? state = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataSource);
        _reader = new DynamoDbStateReader(client, options.TableName);
        _writer = new PostgresStateWriter(dataSource);
        State = state ?? new StreamReplicationState();
    }

    /// <summary>The pending state shared with the stream applier.</summary>
    public StreamReplicationState State { get; }

    internal DynamoDbStateReader Reader => _reader;

    internal PostgresStateWriter Writer => _writer;

    /// <inheritdoc />
    public async ValueTask CopyAsync(IReadOnlyList<ChangedKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        List<Exception>? failures = null;
        foreach (var raw in keys)
        {
            var key = PostgresToDynamoDbReplicator.Normalize(raw);
            if (!DynamoDbStateReader.CanRead(key))
            {
                // An event without its sensor cannot be read by key: the stream carries it; pending until the applier has caught up.
                State.AddUnconfirmed(key);
                continue;
            }

            try
            {
                await CopyKeyAsync(key, cancellationToken).ConfigureAwait(false);
                State.Confirm(key);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                State.AddUnconfirmed(key);
                (failures ??= []).Add(ex);
            }
        }

        if (failures is not null)
        {
            throw failures.Count == 1 ? failures[0] : new AggregateException(failures);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> PendingAsync(CancellationToken cancellationToken) => ValueTask.FromResult(State.Pending);

    /// <summary>Copies the key's current DynamoDB state to PostgreSQL (apply-if-newer).</summary>
    internal async Task CopyKeyAsync(ChangedKey key, CancellationToken cancellationToken)
    {
        var entity = await _reader.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        await _writer.ApplyAsync(key, entity, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After a poll of <paramref name="generation"/> read every shard to its end: copies again every unconfirmed key added before it (its current
    /// state) and forgets those it cannot read (the stream records applied carried them). Keys whose copy fails again stay.
    /// </summary>
    internal async Task ConfirmAsync(long generation, CancellationToken cancellationToken)
    {
        foreach (var (key, (full, added)) in State.Unconfirmed)
        {
            if (added >= generation)
            {
                continue;
            }

            if (DynamoDbStateReader.CanRead(full))
            {
                await CopyKeyAsync(full, cancellationToken).ConfigureAwait(false);
            }

            State.Unconfirmed.TryRemove(new KeyValuePair<ChangedKey, (ChangedKey, long)>(key, (full, added)));
        }
    }
}
