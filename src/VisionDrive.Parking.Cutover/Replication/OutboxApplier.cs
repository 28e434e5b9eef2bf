namespace VisionDrive.Parking.Cutover.Replication;

/// <summary>
/// Drains <c>vdp_outbox</c> into DynamoDB (PostgreSQL primary): reads the oldest rows in id order, copies each key once per batch
/// (its current state, so several rows of a key are one copy), deletes the rows it covered, and starts again; waits
/// <c>pollInterval</c> when the outbox is empty. Resumable (the outbox is the durable position) and idempotent (apply-if-newer). While
/// DynamoDB or PostgreSQL fails it logs a warning and backs off (doubling up to <c>maxBackoff</c>) and never stops. Per key, changes are
/// applied in commit order: a key's rows are handled in id order and each copy reads the key's latest state.
/// </summary>
internal sealed class OutboxApplier : BackgroundService
{
    private readonly PostgresToDynamoDbReplicator _replicator;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly int _batchSize;
    private readonly TimeSpan _pollInterval;
    private readonly TimeSpan _maxBackoff;

    /// <summary>Creates the applier.</summary>
    /// <param name="replicator">The PostgreSQL → DynamoDB replicator (the same instance the decorator copies through).</param>
    /// <param name="logger">Warnings while a store is down; none when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock of the waits; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="batchSize">Rows read per batch (1–10000); default 100.</param>
    /// <param name="pollInterval">The wait when the outbox is empty; default 1 s.</param>
    /// <param name="maxBackoff">The longest wait after failures; default 30 s.</param>
    public OutboxApplier(
        PostgresToDynamoDbReplicator replicator,
        ILogger<OutboxApplier>? logger = null,
        TimeProvider? timeProvider = null,
        int batchSize = 100,
        TimeSpan? pollInterval = null,
        TimeSpan? maxBackoff = null)
    {
        ArgumentNullException.ThrowIfNull(replicator);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, 10_000);
        _replicator = replicator;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _clock = timeProvider ?? TimeProvider.System;
        _batchSize = batchSize;
        _pollInterval = pollInterval ?? TimeSpan.FromSeconds(1);
        _maxBackoff = maxBackoff ?? TimeSpan.FromSeconds(30);
    }

    /// <summary>
    /// One batch: the oldest rows, each distinct key copied once and its rows up to the batch's highest id of that key deleted.
    /// Returns the number of rows read (0 when the outbox is empty). Throws when a store cannot be reached; rows not applied stay.
    /// A key that cannot be copied for its own reason (bad data) is logged and left in the outbox; the others go on.
    /// </summary>
    internal async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var rows = await _replicator.Outbox.ReadAsync(_batchSize, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return 0;
        }

        // Keys in the order of their first row; the highest id and latest deleted version of each within the batch.
        var order = new List<ChangedKey>();
        var seen = new Dictionary<ChangedKey, (long MaxId, DateTimeOffset? DeletedVersion)>();
        foreach (var row in rows)
        {
            if (seen.TryGetValue(row.Key, out var s))
            {
                seen[row.Key] = (Math.Max(s.MaxId, row.Id), Later(s.DeletedVersion, row.DeletedVersion));
            }
            else
            {
                order.Add(row.Key);
                seen[row.Key] = (row.Id, row.DeletedVersion);
            }
        }

        var applied = 0;
        foreach (var key in order)
        {
            var (maxId, deleted) = seen[key];
            try
            {
                await _replicator.CopyKeyAsync(key, maxId, deleted, cancellationToken).ConfigureAwait(false);
                applied++;
            }
            catch (Data.ParkingDataException ex)
            {
                // The key's own problem (e.g. a row DynamoDB cannot hold): keep its rows, log, go on with the others.
                Log.OutboxKeyPending(_logger, key.Type.ToString(), key.Id, ex.Message);
            }
        }

        Log.OutboxDrained(_logger, applied, rows.Count);
        return rows.Count;
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
                var read = await DrainOnceAsync(stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.Zero;
                wait = read >= _batchSize ? TimeSpan.Zero : _pollInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _maxBackoff.Ticks));
                wait = backoff;
                long pending = -1;
                try
                {
                    pending = await _replicator.PendingAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception) when (!stoppingToken.IsCancellationRequested)
                {
                    // PostgreSQL itself is down: the count is unknown (-1).
                }

                Log.OutboxSecondaryDown(_logger, ex.GetType().Name + ": " + ex.Message, pending, wait, ex);
            }

            if (wait > TimeSpan.Zero)
            {
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
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : (a > b ? a : b);
}
