namespace VisionDrive.Parking.Cutover.Replication;

/// <summary>
/// Applies the table's DynamoDB stream (NEW_AND_OLD_IMAGES) to PostgreSQL (DynamoDB primary). Each poll: the table's latest stream
/// (DescribeTable), its shards (DescribeStream), and per shard — parents before children, so per key the order holds across a split —
/// GetShardIterator after the shard's checkpoint (<c>vdp_stream_checkpoint</c>, else TRIM_HORIZON), GetRecords page by page until an empty
/// page or the end of a closed shard. Each record is mapped to its entity (the new image; the old image of a REMOVE gives the key and the
/// deleted version) and applied apply-if-newer (<see cref="PostgresStateWriter"/>); the checkpoint is written after the records applied.
/// UNIQUE auxiliary items are skipped. A record whose parent row is not in PostgreSQL yet stops its shard for this poll (kept pending,
/// retried in order); PostgreSQL or the stream down: a warning and a backoff, never a crash. Idempotent and resumable: a record applied twice
/// changes nothing, and a restart resumes after the last checkpoint.
/// </summary>
internal sealed class StreamApplier : BackgroundService
{
    private const int PageLimit = 100;
    private const int MaxPagesPerShard = 50;

    private readonly DynamoDbStreamsClient _streams;
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly DynamoDbToPostgresReplicator _replicator;
    private readonly StreamCheckpoints _checkpoints;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _pollInterval;
    private readonly TimeSpan _maxBackoff;

    /// <summary>Creates the applier.</summary>
    /// <param name="streams">The streams client (<see cref="DynamoDbStreamsClient.Create"/> with the DynamoDB store's options).</param>
    /// <param name="client">The DynamoDB client of the primary store (DescribeTable, and the consistent reads of moved bays).</param>
    /// <param name="options">The DynamoDB store's options (its table).</param>
    /// <param name="dataSource">The PostgreSQL database (the secondary, and <c>vdp_stream_checkpoint</c>).</param>
    /// <param name="replicator">The DynamoDB → PostgreSQL replicator the decorator copies through (its state is shared).</param>
    /// <param name="logger">Warnings while a store is down; none when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock of the waits; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="pollInterval">The wait between polls once caught up; default 1 s.</param>
    /// <param name="maxBackoff">The longest wait after failures; default 30 s.</param>
    public StreamApplier(
        DynamoDbStreamsClient streams,
        IAmazonDynamoDB client,
        DynamoDbStoreOptions options,
        NpgsqlDataSource dataSource,
        DynamoDbToPostgresReplicator replicator,
        ILogger<StreamApplier>? logger = null,
        TimeProvider? timeProvider = null,
        TimeSpan? pollInterval = null,
        TimeSpan? maxBackoff = null)
    {
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(replicator);
        _streams = streams;
        _client = client;
        _table = options.TableName;
        _replicator = replicator;
        _checkpoints = new StreamCheckpoints(dataSource);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _clock = timeProvider ?? TimeProvider.System;
        _pollInterval = pollInterval ?? TimeSpan.FromSeconds(1);
        _maxBackoff = maxBackoff ?? TimeSpan.FromSeconds(30);
    }

    private StreamReplicationState State => _replicator.State;

    /// <summary>
    /// One poll of every shard; returns the number of records applied. Throws when the stream or PostgreSQL cannot be reached (what was applied
    /// is checkpointed). When every shard was read to its end, the state is caught up and the failed direct copies are confirmed.
    /// </summary>
    internal async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        var generation = State.BeginPoll();
        var table = await _client.DescribeTableAsync(new DescribeTableRequest { TableName = _table }, cancellationToken).ConfigureAwait(false);
        var arn = table.Table?.StreamSpecification?.StreamEnabled == true ? table.Table.LatestStreamArn : null;
        if (arn is null)
        {
            State.SetCaughtUp(false);
            Log.StreamNoStream(_logger, _table, _pollInterval);
            return 0;
        }

        var shards = await _streams.ListShardsAsync(arn, cancellationToken).ConfigureAwait(false);
        var checkpoints = await _checkpoints.LoadAsync(arn, cancellationToken).ConfigureAwait(false);
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in shards)
        {
            known.Add(s.ShardId);
        }

        var applied = 0;
        var caughtUp = true;
        var done = new HashSet<string>(StringComparer.Ordinal);
        bool progress;
        do
        {
            progress = false;
            foreach (var shard in shards)
            {
                if (done.Contains(shard.ShardId))
                {
                    continue;
                }

                if (checkpoints.TryGetValue(shard.ShardId, out var cp) && cp.Closed)
                {
                    done.Add(shard.ShardId);
                    progress = true;
                    continue;
                }

                // A child waits until its parent is read to its end (or trimmed away), so a key's changes apply in order across a split.
                if (shard.ParentShardId is { } parent && known.Contains(parent) && !(checkpoints.TryGetValue(parent, out var pcp) && pcp.Closed))
                {
                    continue;
                }

                done.Add(shard.ShardId);
                progress = true;
                var (count, shardCaughtUp, closed, last) = await ReadShardAsync(arn, shard, checkpoints.TryGetValue(shard.ShardId, out var c) ? c.SequenceNumber : null, cancellationToken).ConfigureAwait(false);
                applied += count;
                caughtUp &= shardCaughtUp;
                if (closed)
                {
                    checkpoints[shard.ShardId] = (last ?? "0", true);
                }
            }
        }
        while (progress);

        if (done.Count < shards.Count)
        {
            caughtUp = false; // children of a parent that is not read to its end yet
        }

        State.SetCaughtUp(caughtUp);
        if (caughtUp)
        {
            await _replicator.ConfirmAsync(generation, cancellationToken).ConfigureAwait(false);
        }

        return applied;
    }

    /// <summary>Reads one shard from after <paramref name="after"/>: (records applied, read to its end, closed and fully applied, last sequence number).</summary>
    private async Task<(int Applied, bool CaughtUp, bool Closed, string? Last)> ReadShardAsync(string arn, StreamShard shard, string? after, CancellationToken cancellationToken)
    {
        string? iterator;
        try
        {
            iterator = await _streams.GetShardIteratorAsync(arn, shard.ShardId, after, cancellationToken).ConfigureAwait(false);
        }
        catch (DynamoDbStreamsException ex) when (after is not null && ex.Code == "TrimmedDataAccessException")
        {
            Log.StreamTrimmed(_logger, shard.ShardId, after);
            iterator = await _streams.GetShardIteratorAsync(arn, shard.ShardId, null, cancellationToken).ConfigureAwait(false);
        }

        var applied = 0;
        var last = after;
        for (var page = 0; page < MaxPagesPerShard; page++)
        {
            if (iterator is null)
            {
                await _checkpoints.SaveAsync(arn, shard.ShardId, last ?? "0", closed: true, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                return (applied, true, true, last);
            }

            var (records, next) = await _streams.GetRecordsAsync(iterator, PageLimit, cancellationToken).ConfigureAwait(false);
            State.SetUnapplied(records.Count);
            for (var i = 0; i < records.Count; i++)
            {
                var record = records[i];
                try
                {
                    await ApplyAsync(shard.ShardId, record, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (PostgresStateWriter.IsOrdering(ex))
                {
                    var (type, id) = Describe(record);
                    Log.StreamRecordPending(_logger, type, id, shard.ShardId, record.SequenceNumber, ex.Message);
                    await SaveAsync(arn, shard.ShardId, last, cancellationToken).ConfigureAwait(false);
                    return (applied, false, false, last);
                }
                catch (Exception)
                {
                    await SaveAsync(arn, shard.ShardId, last, CancellationToken.None).ConfigureAwait(false);
                    throw;
                }

                applied++;
                last = record.SequenceNumber;
                State.SetUnapplied(records.Count - i - 1);
            }

            if (records.Count > 0)
            {
                await SaveAsync(arn, shard.ShardId, last, cancellationToken).ConfigureAwait(false);
                Log.StreamApplied(_logger, records.Count, shard.ShardId, last!);
            }

            if (next is null)
            {
                await _checkpoints.SaveAsync(arn, shard.ShardId, last ?? "0", closed: true, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                return (applied, true, true, last);
            }

            if (records.Count == 0)
            {
                return (applied, true, false, last);
            }

            iterator = next;
        }

        return (applied, false, false, last);
    }

    private async Task SaveAsync(string arn, string shardId, string? last, CancellationToken cancellationToken)
    {
        if (last is not null)
        {
            try
            {
                await _checkpoints.SaveAsync(arn, shardId, last, closed: false, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // PostgreSQL down: the records after the stored checkpoint are applied again (idempotent).
            }
        }
    }

    /// <summary>Applies one record's state to PostgreSQL.</summary>
    internal async Task ApplyAsync(string shardId, StreamChange record, CancellationToken cancellationToken)
    {
        var image = record.NewImage ?? record.OldImage;
        if (image is null || !image.TryGetValue(ItemNames.EntityType, out var type) || type.S == ItemNames.UniqueEntityType)
        {
            return; // uniqueness items (UNIQUE#SLUG#…, UNIQUE#DEVEUI#…): the store's own guards, no entity
        }

        object entity;
        try
        {
            entity = ParkingItemMapper.FromItem(image);
        }
        catch (ParkingDataException ex)
        {
            Log.StreamRecordSkipped(
                _logger, shardId, record.SequenceNumber, record.Keys.GetValueOrDefault(ItemNames.Pk)?.S ?? "", record.Keys.GetValueOrDefault(ItemNames.Sk)?.S ?? "", ex.Message);
            return;
        }

        var key = KeyOf(entity);
        if (record.EventName != "REMOVE")
        {
            await _replicator.Writer.ApplyAsync(key, entity, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (key.Type is EntityType.Event or EntityType.Alert)
        {
            return; // an event's TTL expiry (PostgreSQL keeps the history); alerts are never deleted
        }

        if (key.Type == EntityType.Bay && await _replicator.Reader.ReadAsync(key, cancellationToken).ConfigureAwait(false) is { } moved)
        {
            // A bay whose code or zone changed is removed at its old key and put at the new one: it still exists.
            await _replicator.Writer.ApplyAsync(key, moved, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        await _replicator.Writer.ApplyAsync(key, null, VersionOf(entity), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                await PollOnceAsync(stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.Zero;
                wait = State.CaughtUp ? _pollInterval : TimeSpan.FromMilliseconds(100);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                State.SetCaughtUp(false);
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _maxBackoff.Ticks));
                wait = backoff;
                Log.StreamSecondaryDown(_logger, ex.GetType().Name + ": " + ex.Message, State.Pending, wait, ex);
            }

            try
            {
                await Task.Delay(wait, _clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    internal static ChangedKey KeyOf(object entity) => entity switch
    {
        Tenant t => new ChangedKey(EntityType.Tenant, t.Id),
        Site s => new ChangedKey(EntityType.Site, s.Id),
        Zone z => new ChangedKey(EntityType.Zone, z.Id),
        Bay b => new ChangedKey(EntityType.Bay, b.Id),
        Sensor s => new ChangedKey(EntityType.Sensor, s.Id),
        SensorEvent e => new ChangedKey(EntityType.Event, e.Id, e.Time) { SensorId = e.SensorId },
        Alert a => new ChangedKey(EntityType.Alert, a.Id),
        _ => throw new ArgumentException($"{entity.GetType().FullName} is not an entity of the parking model.", nameof(entity)),
    };

    private static DateTimeOffset? VersionOf(object entity) => entity switch
    {
        Tenant t => t.UpdatedAt,
        Site s => s.UpdatedAt,
        Zone z => z.UpdatedAt,
        Bay b => b.UpdatedAt,
        Sensor s => s.UpdatedAt,
        _ => null,
    };

    private static (string Type, string Id) Describe(StreamChange record)
    {
        var image = record.NewImage ?? record.OldImage;
        try
        {
            var key = image is null ? default : KeyOf(ParkingItemMapper.FromItem(image));
            return (key.Type.ToString(), key.Id ?? "");
        }
        catch (ParkingDataException)
        {
            return ("?", record.Keys.GetValueOrDefault(ItemNames.Pk)?.S ?? "");
        }
    }
}
