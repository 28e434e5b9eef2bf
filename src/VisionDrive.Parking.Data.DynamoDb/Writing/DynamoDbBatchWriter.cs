using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Polly;
using VisionDrive.Parking.Data.DynamoDb.Client;
using VisionDrive.Parking.Data.DynamoDb.Infrastructure;

namespace VisionDrive.Parking.Data.DynamoDb.Writing;

/// <summary>
/// Bulk writes with BatchWriteItem: 25 items a call, bounded parallelism, <c>UnprocessedItems</c> resubmitted and throttling / 5xx
/// errors retried with capped exponential backoff and full jitter. A batch either ends fully written or throws
/// <see cref="BatchWriteException"/> naming the keys not written: nothing is lost silently, nothing is retried forever. The retries are
/// <see cref="DynamoDbRetry"/>'s (Polly.Core, timed by the given <see cref="TimeProvider"/>, jitter from <see cref="BatchWriterOptions.Jitter"/>);
/// give it a client whose SDK retries are off (<see cref="DynamoDbStoreOptions.MaxErrorRetry"/> = 0) so that one attempt is one request.
/// </summary>
public sealed class DynamoDbBatchWriter
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _tableName;
    private readonly BatchWriterOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<BatchWriteItemResponse> _retry;
    private readonly ResiliencePipeline _singleRetry;

    /// <summary>Creates a writer.</summary>
    /// <param name="client">The DynamoDB client.</param>
    /// <param name="tableName">The table to write to.</param>
    /// <param name="options">Settings; defaults when <see langword="null"/>.</param>
    /// <param name="logger">Logs retries at debug level and give-ups at error level.</param>
    /// <param name="timeProvider">The clock for backoff delays; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public DynamoDbBatchWriter(IAmazonDynamoDB client, string tableName, BatchWriterOptions? options = null, ILogger<DynamoDbBatchWriter>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        _client = client;
        _tableName = tableName;
        _options = options ?? new BatchWriterOptions();
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _retry = DynamoDbRetry.ForBatchWrites(_options, _time, r => Unprocessed(r) is not null);
        _singleRetry = DynamoDbRetry.Create(_options, _time);
    }

    /// <summary>The settings in use.</summary>
    public BatchWriterOptions Options => _options;

    /// <summary>Writes one batch of at most 25 items (put requests), resubmitting what DynamoDB leaves unprocessed until all is written.</summary>
    /// <param name="items">The items; their keys must be distinct (DynamoDB rejects a batch with a key twice).</param>
    /// <param name="cancellationToken">Cancels the write; items already acknowledged stay written.</param>
    /// <returns>What the write took.</returns>
    /// <exception cref="BatchWriteException">Some items were not written within <see cref="BatchWriterOptions.MaxAttempts"/>.</exception>
    /// <exception cref="ArgumentException">More than 25 items.</exception>
    public async Task<BatchWriteStats> WriteBatchAsync(IReadOnlyList<Dictionary<string, AttributeValue>> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count > BatchWriterOptions.MaxBatchSize)
        {
            throw new ArgumentException($"A batch holds at most {BatchWriterOptions.MaxBatchSize} items; got {items.Count}.", nameof(items));
        }

        if (items.Count == 0)
        {
            return default;
        }

        var requests = new List<WriteRequest>(items.Count);
        foreach (var item in items)
        {
            requests.Add(new WriteRequest { PutRequest = new PutRequest { Item = item } });
        }

        return await SendAsync(requests, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes one batch of at most 25 items by key, with the same resubmission and retry rules as <see cref="WriteBatchAsync"/>.</summary>
    /// <param name="keys">The keys (<c>PK</c> and <c>SK</c> attributes), distinct.</param>
    /// <param name="cancellationToken">Cancels the deletes.</param>
    /// <returns>What the deletes took; <see cref="BatchWriteStats.Written"/> counts deleted keys.</returns>
    /// <exception cref="BatchWriteException">Some keys were not deleted within <see cref="BatchWriterOptions.MaxAttempts"/>.</exception>
    public async Task<BatchWriteStats> DeleteBatchAsync(IReadOnlyList<Dictionary<string, AttributeValue>> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count > BatchWriterOptions.MaxBatchSize)
        {
            throw new ArgumentException($"A batch holds at most {BatchWriterOptions.MaxBatchSize} keys; got {keys.Count}.", nameof(keys));
        }

        if (keys.Count == 0)
        {
            return default;
        }

        var requests = new List<WriteRequest>(keys.Count);
        foreach (var key in keys)
        {
            requests.Add(new WriteRequest { DeleteRequest = new DeleteRequest { Key = key } });
        }

        return await SendAsync(requests, cancellationToken).ConfigureAwait(false);
    }

    private async Task<BatchWriteStats> SendAsync(List<WriteRequest> requests, CancellationToken cancellationToken)
    {
        if (requests.Count > BatchWriterOptions.MaxBatchSize)
        {
            throw new ArgumentException($"A batch holds at most {BatchWriterOptions.MaxBatchSize} requests; got {requests.Count}.", nameof(requests));
        }

        if (requests.Count == 0)
        {
            return default;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!_options.PutOnlyOverOlder && _options.DeleteOnlyUpdatedBefore is null)
        {
            return await SendBatchAsync(requests, cancellationToken).ConfigureAwait(false);
        }

        // Conditional writes are single-item calls; the rest of the batch (events) stays one BatchWriteItem call.
        var plain = new List<WriteRequest>(requests.Count);
        var stats = default(BatchWriteStats);
        var unwritten = new List<string>();
        Exception? lastError = null;
        foreach (var request in requests)
        {
            if (!IsConditional(request))
            {
                plain.Add(request);
                continue;
            }

            var (one, error) = await SendConditionalAsync(request, cancellationToken).ConfigureAwait(false);
            stats += one;
            if (error is not null)
            {
                lastError = error;
                unwritten.Add(KeyOf(request.PutRequest?.Item ?? request.DeleteRequest?.Key));
            }
        }

        try
        {
            stats += await SendBatchAsync(plain, cancellationToken).ConfigureAwait(false);
        }
        catch (BatchWriteException ex)
        {
            stats += ex.Stats;
            unwritten.AddRange(ex.UnwrittenKeys);
            lastError = ex;
        }

        if (unwritten.Count == 0)
        {
            return stats;
        }

        Log.GaveUp(_logger, _tableName, unwritten.Count, _options.MaxAttempts);
        throw new BatchWriteException(
            $"{unwritten.Count} of {requests.Count} items were not written to table '{_tableName}' after {_options.MaxAttempts} attempts. " +
            "The table is throttling or unavailable: rerun later (writes are idempotent) or lower the parallelism." +
            (lastError is null ? "" : $" Last error: {lastError.GetType().Name}: {lastError.Message}"),
            unwritten,
            stats,
            lastError);
    }

    private bool IsConditional(WriteRequest request) =>
        request.PutRequest is { } put ? _options.PutOnlyOverOlder && ItemConditions.IsVersioned(put.Item) : _options.DeleteOnlyUpdatedBefore is not null;

    /// <summary>
    /// One conditional PutItem or DeleteItem through the retry layer: written, skipped (its condition failed: the table holds a newer state),
    /// or, out of attempts on a transient error, the error.
    /// </summary>
    private async Task<(BatchWriteStats Stats, Exception? Error)> SendConditionalAsync(WriteRequest request, CancellationToken cancellationToken)
    {
        var calls = 0;
        var retries = 0;
        var governor = _options.Governor;
        var estimate = request.PutRequest?.Item is { } item ? WriteGovernor.WriteUnitsOf(item) : 1;
        try
        {
            var written = await _singleRetry.ExecuteAsync(
                async token =>
                {
                    calls++;
                    if (governor is not null)
                    {
                        await governor.AcquireAsync(estimate, token).ConfigureAwait(false);
                    }

                    try
                    {
                        ConsumedCapacity? consumed;
                        if (request.PutRequest is { } put)
                        {
                            var call = new PutItemRequest { TableName = _tableName, Item = put.Item };
                            ItemConditions.OnlyOverOlder(call, orSame: true);
                            call.ReturnConsumedCapacity = governor is null ? null : ReturnConsumedCapacity.TOTAL;
                            consumed = (await _client.PutItemAsync(call, token).ConfigureAwait(false)).ConsumedCapacity;
                        }
                        else
                        {
                            var call = new DeleteItemRequest { TableName = _tableName, Key = request.DeleteRequest.Key };
                            ItemConditions.OnlyUpdatedBefore(call, _options.DeleteOnlyUpdatedBefore!.Value);
                            call.ReturnConsumedCapacity = governor is null ? null : ReturnConsumedCapacity.TOTAL;
                            consumed = (await _client.DeleteItemAsync(call, token).ConfigureAwait(false)).ConsumedCapacity;
                        }

                        governor?.Settle(estimate, consumed?.CapacityUnits);
                        return true;
                    }
                    catch (ConditionalCheckFailedException)
                    {
                        // A failed condition is an answer, not an error: the table keeps its newer state.
                        governor?.Settle(estimate, null);
                        return false;
                    }
                    catch (Exception ex) when (DynamoDbRetry.IsTransient(ex, token))
                    {
                        retries++;
                        Log.Retrying(_logger, _tableName, calls, ex.GetType().Name);
                        if (governor is not null)
                        {
                            governor.Settle(estimate, 0);
                            if (DynamoDbRetry.IsThrottle(ex))
                            {
                                governor.OnThrottle();
                            }
                        }

                        throw;
                    }
                },
                cancellationToken).ConfigureAwait(false);
            return (new BatchWriteStats(written ? 1 : 0, calls, 0, retries) { Skipped = written ? 0 : 1 }, null);
        }
        catch (Exception ex) when (DynamoDbRetry.IsTransient(ex, cancellationToken))
        {
            return (new BatchWriteStats(0, calls, 0, retries), ex);
        }
    }

    private async Task<BatchWriteStats> SendBatchAsync(List<WriteRequest> requests, CancellationToken cancellationToken)
    {
        if (requests.Count == 0)
        {
            return default;
        }

        var send = new SendState(requests);
        try
        {
            // The retry layer (DynamoDbRetry): every attempt is one BatchWriteItem call of what is still pending.
            await _retry.ExecuteAsync(
                async (state, token) =>
                {
                    state.Attempt++;
                    state.Calls++;
                    var governor = _options.Governor;
                    var estimate = 0.0;
                    var request = new BatchWriteItemRequest { RequestItems = new Dictionary<string, List<WriteRequest>> { [_tableName] = state.Pending } };
                    if (governor is not null)
                    {
                        estimate = EstimatedUnits(state.Pending);
                        request.ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL;
                        await governor.AcquireAsync(estimate, token).ConfigureAwait(false);
                    }

                    BatchWriteItemResponse response;
                    try
                    {
                        response = await _client.BatchWriteItemAsync(request, token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (DynamoDbRetry.IsTransient(ex, token))
                    {
                        state.LastError = ex;
                        state.ErrorRetries++;
                        Log.Retrying(_logger, _tableName, state.Attempt, ex.GetType().Name);
                        if (governor is not null)
                        {
                            // A refused call consumed nothing; a throttle slows every writer sharing the governor.
                            governor.Settle(estimate, 0);
                            if (DynamoDbRetry.IsThrottle(ex))
                            {
                                governor.OnThrottle();
                            }
                        }

                        throw;
                    }

                    governor?.Settle(estimate, ConsumedUnits(response));
                    if (Unprocessed(response) is { } unprocessed)
                    {
                        state.Resubmits++;
                        state.Pending = unprocessed;
                        governor?.OnThrottle();
                        Log.Unprocessed(_logger, _tableName, unprocessed.Count, state.Attempt);
                    }
                    else
                    {
                        state.Pending = [];
                    }

                    return response;
                },
                send,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (DynamoDbRetry.IsTransient(ex, cancellationToken))
        {
            // Out of attempts on an error: reported below with the keys still pending.
        }

        if (send.Pending.Count == 0)
        {
            return new BatchWriteStats(send.Count, send.Calls, send.Resubmits, send.ErrorRetries);
        }

        var keys = new List<string>(send.Pending.Count);
        foreach (var request in send.Pending)
        {
            keys.Add(KeyOf(request.PutRequest?.Item ?? request.DeleteRequest?.Key));
        }

        var stats = new BatchWriteStats(send.Count - send.Pending.Count, send.Calls, send.Resubmits, send.ErrorRetries);
        Log.GaveUp(_logger, _tableName, send.Pending.Count, _options.MaxAttempts);
        throw new BatchWriteException(
            $"{send.Pending.Count} of {send.Count} items were not written to table '{_tableName}' after {_options.MaxAttempts} attempts " +
            $"({send.ErrorRetries} throttling/server errors, {send.Resubmits} partial batches). The table is throttling or unavailable: " +
            "rerun later (writes are idempotent) or lower the parallelism." + (send.LastError is null ? "" : $" Last error: {send.LastError.GetType().Name}: {send.LastError.Message}"),
            keys,
            stats,
            send.LastError);
    }

    /// <summary>Writes every item of <paramref name="items"/> in batches of 25 with up to <see cref="BatchWriterOptions.MaxParallelism"/> calls in flight.</summary>
    /// <param name="items">The items, with distinct keys.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The summed stats; <see cref="BatchWriteStats.Written"/> equals the number of items on success.</returns>
    /// <exception cref="BatchWriteException">Some items were not written; the exception lists them.</exception>
    public Task<BatchWriteStats> WriteAllAsync(IAsyncEnumerable<Dictionary<string, AttributeValue>> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        return WriteBatchesAsync(Chunk(items, cancellationToken), Puts, null, cancellationToken);

        static async IAsyncEnumerable<List<Dictionary<string, AttributeValue>>> Chunk(
            IAsyncEnumerable<Dictionary<string, AttributeValue>> source, [EnumeratorCancellation] CancellationToken ct = default)
        {
            var batch = new List<Dictionary<string, AttributeValue>>(BatchWriterOptions.MaxBatchSize);
            await foreach (var item in source.WithCancellation(ct).ConfigureAwait(false))
            {
                batch.Add(item);
                if (batch.Count == BatchWriterOptions.MaxBatchSize)
                {
                    yield return batch;
                    batch = new List<Dictionary<string, AttributeValue>>(BatchWriterOptions.MaxBatchSize);
                }
            }

            if (batch.Count > 0)
            {
                yield return batch;
            }
        }

        static IReadOnlyList<WriteRequest> Puts(List<Dictionary<string, AttributeValue>> batch)
        {
            var requests = new List<WriteRequest>(batch.Count);
            foreach (var item in batch)
            {
                requests.Add(new WriteRequest { PutRequest = new PutRequest { Item = item } });
            }

            return requests;
        }
    }

    /// <summary>
    /// The parallel write path every bulk write goes through (migration, sync, <see cref="WriteAllAsync"/>): takes batches from
    /// <paramref name="batches"/> as slots free up, keeps up to <see cref="BatchWriterOptions.MaxParallelism"/> BatchWriteItem calls in flight,
    /// and calls <paramref name="acknowledged"/> once a batch is fully written (concurrently and out of order; a batch without requests is
    /// acknowledged at once). A batch that runs out of attempts is reported with the others in one <see cref="BatchWriteException"/> at the
    /// end (with <see cref="BatchWriterOptions.StopAfterFailedBatch"/>, no further batch starts); any other error, including one thrown by
    /// <paramref name="acknowledged"/>, cancels the calls in flight and is rethrown. An error of <paramref name="batches"/> itself is
    /// rethrown after the batches in flight finished (and were acknowledged).
    /// </summary>
    /// <typeparam name="TBatch">What the caller batches: items, keys, or its own record of a batch.</typeparam>
    /// <param name="batches">The batches, in the order they should start.</param>
    /// <param name="requests">The put or delete requests of a batch (at most 25, distinct keys).</param>
    /// <param name="acknowledged">Called with each batch once DynamoDB acknowledged all of it; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the writes; acknowledged batches stay written.</param>
    /// <returns>The summed stats.</returns>
    /// <exception cref="BatchWriteException">Some batches were not fully written; the exception lists the keys.</exception>
    public async Task<BatchWriteStats> WriteBatchesAsync<TBatch>(
        IAsyncEnumerable<TBatch> batches,
        Func<TBatch, IReadOnlyList<WriteRequest>> requests,
        Action<TBatch, BatchWriteStats>? acknowledged = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(requests);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = linked.Token;
        var total = default(BatchWriteStats);
        var gate = new object();
        var inFlight = new List<Task>();
        var failures = new List<BatchWriteException>();
        Exception? fatal = null;
        Exception? sourceError = null;
        using var slots = new SemaphoreSlim(_options.MaxParallelism);

        async Task RunAsync(TBatch batch)
        {
            try
            {
                var list = requests(batch);
                var s = await SendAsync(list as List<WriteRequest> ?? [.. list], token).ConfigureAwait(false);
                acknowledged?.Invoke(batch, s);
                lock (gate)
                {
                    total += s;
                }
            }
            catch (BatchWriteException ex)
            {
                lock (gate)
                {
                    total += ex.Stats;
                    failures.Add(ex);
                }
            }
            catch (Exception ex)
            {
                lock (gate)
                {
                    fatal ??= ex;
                }

                await linked.CancelAsync().ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        }

        bool Stopped()
        {
            lock (gate)
            {
                return fatal is not null || (_options.StopAfterFailedBatch && failures.Count > 0);
            }
        }

        try
        {
            await foreach (var batch in batches.WithCancellation(token).ConfigureAwait(false))
            {
                await slots.WaitAsync(token).ConfigureAwait(false);
                if (Stopped())
                {
                    slots.Release();
                    break;
                }

                inFlight.Add(RunAsync(batch));
                inFlight.RemoveAll(static t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (Stopped() && !cancellationToken.IsCancellationRequested)
        {
            // A batch failed and cancelled the rest: its error is the one reported.
        }
        catch (Exception ex)
        {
            sourceError = ex;
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        if (sourceError is not null)
        {
            ExceptionDispatchInfo.Capture(sourceError).Throw();
        }

        if (fatal is not null)
        {
            ExceptionDispatchInfo.Capture(fatal).Throw();
        }

        if (failures.Count > 0)
        {
            var keys = new List<string>();
            foreach (var f in failures)
            {
                keys.AddRange(f.UnwrittenKeys);
            }

            throw new BatchWriteException(
                $"{keys.Count} items were not written to table '{_tableName}'; {total.Written} were. {failures[0].Message}",
                keys,
                total,
                failures[0]);
        }

        return total;
    }

    /// <summary>The write units the requests will cost: puts by their items' sizes (<see cref="WriteGovernor.WriteUnitsOf"/>), deletes 1 each until DynamoDB says.</summary>
    private static double EstimatedUnits(List<WriteRequest> requests)
    {
        var units = 0.0;
        foreach (var request in requests)
        {
            units += request.PutRequest?.Item is { } item ? WriteGovernor.WriteUnitsOf(item) : 1;
        }

        return units;
    }

    /// <summary>The capacity a call consumed, table and indexes, or <see langword="null"/> when the response carries none.</summary>
    private static double? ConsumedUnits(BatchWriteItemResponse response)
    {
        if (response.ConsumedCapacity is not { Count: > 0 } capacities)
        {
            return null;
        }

        var units = 0.0;
        foreach (var capacity in capacities)
        {
            units += capacity.CapacityUnits ?? 0;
        }

        return units;
    }

    private List<WriteRequest>? Unprocessed(BatchWriteItemResponse response) =>
        response.UnprocessedItems is not null && response.UnprocessedItems.TryGetValue(_tableName, out var unprocessed) && unprocessed is { Count: > 0 }
            ? unprocessed
            : null;

    private static string KeyOf(Dictionary<string, AttributeValue>? item) =>
        item is not null && item.TryGetValue("PK", out var pk) && item.TryGetValue("SK", out var sk) ? pk.S + "|" + sk.S : "?";

    /// <summary>One batch's progress across its attempts.</summary>
    private sealed class SendState(List<WriteRequest> requests)
    {
        public int Count { get; } = requests.Count;

        public List<WriteRequest> Pending { get; set; } = requests;

        public int Attempt { get; set; }

        public int Calls { get; set; }

        public int Resubmits { get; set; }

        public int ErrorRetries { get; set; }

        public Exception? LastError { get; set; }
    }
}
