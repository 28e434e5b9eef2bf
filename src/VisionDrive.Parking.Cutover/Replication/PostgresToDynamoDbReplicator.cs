namespace VisionDrive.Parking.Cutover.Replication;

/// <summary>
/// PostgreSQL primary → DynamoDB secondary, through the transactional outbox <c>vdp_outbox</c>. <see cref="CopyAsync"/> notes the highest
/// outbox id of each key, reads the key's current PostgreSQL state, writes it to DynamoDB apply-if-newer (<see cref="DynamoDbStateWriter"/>),
/// then deletes the key's outbox rows up to the id noted: a write committed after the read keeps its row, so it is copied again.
/// Idempotent: copying a key twice, or an older state after a newer one, changes nothing. <see cref="PendingAsync"/> counts the outbox rows.
/// </summary>
internal sealed class PostgresToDynamoDbReplicator : ISecondaryReplicator
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly OutboxTable _outbox;
    private readonly PostgresStateReader _reader;
    private readonly DynamoDbStateWriter _writer;

    /// <summary>Creates the replicator.</summary>
    /// <param name="dataSource">The PostgreSQL database of the primary store (with <c>vdp_outbox</c>).</param>
    /// <param name="client">The DynamoDB client of the secondary store.</param>
    /// <param name="options">The DynamoDB store's options: its table and event retention (the items are those the migration writes).</param>
    public PostgresToDynamoDbReplicator(NpgsqlDataSource dataSource, IAmazonDynamoDB client, DynamoDbStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _outbox = new OutboxTable(dataSource);
        _reader = new PostgresStateReader(dataSource);
        _writer = new DynamoDbStateWriter(client, options.TableName, new ItemMappingOptions { EventRetention = options.EventRetention });
    }

    internal OutboxTable Outbox => _outbox;

    /// <inheritdoc />
    public async ValueTask CopyAsync(IReadOnlyList<ChangedKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var distinct = new List<ChangedKey>(keys.Count);
        var set = new HashSet<ChangedKey>();
        foreach (var key in keys)
        {
            var k = Normalize(key);
            if (set.Add(k))
            {
                distinct.Add(k);
            }
        }

        var seen = await _outbox.SeenAsync(distinct, cancellationToken).ConfigureAwait(false);
        List<Exception>? failures = null;
        foreach (var key in distinct)
        {
            seen.TryGetValue(key, out var s);
            try
            {
                await CopyKeyAsync(key, s.MaxId, s.DeletedVersion, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One key that cannot be copied does not stop the others; its rows stay for the applier.
                (failures ??= []).Add(ex);
            }
        }

        if (failures is not null)
        {
            throw failures.Count == 1 ? failures[0] : new AggregateException(failures);
        }
    }

    /// <inheritdoc />
    public async ValueTask<long> PendingAsync(CancellationToken cancellationToken) => await _outbox.CountAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Copies one key and, when <paramref name="maxId"/> is positive, deletes its outbox rows up to it; under the key's <see cref="KeyLock"/>
    /// (every process copies through here), so the last copy to write a key is one that read its latest state.
    /// </summary>
    internal async Task CopyKeyAsync(ChangedKey key, long maxId, DateTimeOffset? deletedVersion, CancellationToken cancellationToken)
    {
        if (!KeyLock.Needed(key))
        {
            await CopyUnlockedAsync(key, maxId, deletedVersion, cancellationToken).ConfigureAwait(false);
            return;
        }

        var held = await KeyLock.AcquireAsync(_dataSource, key, cancellationToken).ConfigureAwait(false);
        await using (held.ConfigureAwait(false))
        {
            await CopyUnlockedAsync(key, maxId, deletedVersion, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CopyUnlockedAsync(ChangedKey key, long maxId, DateTimeOffset? deletedVersion, CancellationToken cancellationToken)
    {
        var entity = await _reader.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        await _writer.ApplyAsync(key, entity, deletedVersion, cancellationToken).ConfigureAwait(false);
        if (maxId > 0)
        {
            await _outbox.DeleteAsync(key, maxId, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static ChangedKey Normalize(ChangedKey key) =>
        key.Time is { } t ? key with { Time = KeyTime.TruncateToMicroseconds(t) } : key;
}
