using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace VisionDrive.Parking.Data.DynamoDb.Writing;

/// <summary>
/// Bulk writes with BatchWriteItem: 25 items a call, bounded parallelism, <c>UnprocessedItems</c> resubmitted and throttling / 5xx
/// errors retried with capped exponential backoff and full jitter. A batch either ends fully written or throws
/// <see cref="BatchWriteException"/> naming the keys not written: nothing is lost silently, nothing is retried forever.
/// </summary>
public sealed class DynamoDbBatchWriter
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _tableName;
    private readonly BatchWriterOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

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
        var pending = requests;
        var count = requests.Count;
        var calls = 0;
        var resubmits = 0;
        var errorRetries = 0;
        Exception? lastError = null;
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (attempt > 1)
            {
                await Task.Delay(Backoff(attempt - 1), _time, cancellationToken).ConfigureAwait(false);
            }

            BatchWriteItemResponse response;
            try
            {
                calls++;
                response = await _client.BatchWriteItemAsync(
                    new BatchWriteItemRequest { RequestItems = new Dictionary<string, List<WriteRequest>> { [_tableName] = pending } },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTransient(ex, cancellationToken))
            {
                lastError = ex;
                errorRetries++;
                Log.Retrying(_logger, _tableName, attempt, ex.GetType().Name);
                continue;
            }

            if (response.UnprocessedItems is null
                || !response.UnprocessedItems.TryGetValue(_tableName, out var unprocessed)
                || unprocessed is null
                || unprocessed.Count == 0)
            {
                return new BatchWriteStats(count, calls, resubmits, errorRetries);
            }

            resubmits++;
            pending = unprocessed;
            Log.Unprocessed(_logger, _tableName, unprocessed.Count, attempt);
        }

        var keys = new List<string>(pending.Count);
        foreach (var request in pending)
        {
            keys.Add(KeyOf(request.PutRequest?.Item ?? request.DeleteRequest?.Key));
        }

        var stats = new BatchWriteStats(count - pending.Count, calls, resubmits, errorRetries);
        Log.GaveUp(_logger, _tableName, pending.Count, _options.MaxAttempts);
        throw new BatchWriteException(
            $"{pending.Count} of {count} items were not written to table '{_tableName}' after {_options.MaxAttempts} attempts " +
            $"({errorRetries} throttling/server errors, {resubmits} partial batches). The table is throttling or unavailable: " +
            "rerun later (writes are idempotent) or lower the parallelism." + (lastError is null ? "" : $" Last error: {lastError.GetType().Name}: {lastError.Message}"),
            keys,
            stats,
            lastError);
    }

    /// <summary>Writes every item of <paramref name="items"/> in batches of 25 with up to <see cref="BatchWriterOptions.MaxParallelism"/> calls in flight.</summary>
    /// <param name="items">The items, with distinct keys.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The summed stats; <see cref="BatchWriteStats.Written"/> equals the number of items on success.</returns>
    /// <exception cref="BatchWriteException">Some items were not written; the exception lists them.</exception>
    public async Task<BatchWriteStats> WriteAllAsync(IAsyncEnumerable<Dictionary<string, AttributeValue>> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var total = default(BatchWriteStats);
        var gate = new object();
        var inFlight = new List<Task>();
        var failures = new List<BatchWriteException>();
        using var slots = new SemaphoreSlim(_options.MaxParallelism);
        var batch = new List<Dictionary<string, AttributeValue>>(BatchWriterOptions.MaxBatchSize);

        async Task SendAsync(List<Dictionary<string, AttributeValue>> b)
        {
            try
            {
                var s = await WriteBatchAsync(b, cancellationToken).ConfigureAwait(false);
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
            finally
            {
                slots.Release();
            }
        }

        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            batch.Add(item);
            if (batch.Count == BatchWriterOptions.MaxBatchSize)
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                inFlight.Add(SendAsync(batch));
                batch = new List<Dictionary<string, AttributeValue>>(BatchWriterOptions.MaxBatchSize);
                // Drop only batches that succeeded: a faulted or cancelled one must reach Task.WhenAll below, or its error is lost.
                inFlight.RemoveAll(static t => t.IsCompletedSuccessfully);
            }
        }

        if (batch.Count > 0)
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            inFlight.Add(SendAsync(batch));
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
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

    /// <summary>Whether <paramref name="ex"/> is worth retrying: throttling, a 5xx, a network failure or a timeout (not our own cancellation).</summary>
    internal static bool IsTransient(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        ProvisionedThroughputExceededException or RequestLimitExceededException or InternalServerErrorException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AmazonServiceException ase when ase.StatusCode >= HttpStatusCode.InternalServerError => true,
        AmazonServiceException ase when ase.ErrorCode is "ThrottlingException" or "Throttling" or "TooManyRequestsException" => true,
        AmazonServiceException ase when ase.InnerException is HttpRequestException or IOException => true,
        HttpRequestException or IOException => true,
        _ => false,
    };

    private TimeSpan Backoff(int retry)
    {
        // Capped exponential backoff with full jitter: uniform in [0, min(cap, base * 2^retry)].
        var ceiling = Math.Min(_options.MaxDelay.TotalMilliseconds, _options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    private static string KeyOf(Dictionary<string, AttributeValue>? item) =>
        item is not null && item.TryGetValue("PK", out var pk) && item.TryGetValue("SK", out var sk) ? pk.S + "|" + sk.S : "?";
}
