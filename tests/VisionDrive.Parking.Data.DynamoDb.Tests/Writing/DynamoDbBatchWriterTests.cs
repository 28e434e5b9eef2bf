using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Time.Testing;
using VisionDrive.Parking.Data.DynamoDb.Client;
using VisionDrive.Parking.Data.DynamoDb.Hashing;
using VisionDrive.Parking.Data.DynamoDb.Mapping;
using VisionDrive.Parking.Data.DynamoDb.Provisioning;
using VisionDrive.Parking.Data.DynamoDb.Writing;
using VisionDrive.Parking.TestSupport;
using Xunit.Abstractions;

namespace VisionDrive.Parking.Data.DynamoDb.Tests.Writing;

/// <summary>
/// The batch writer against DynamoDB Local, with faults injected in the SDK's HTTP pipeline (not a mock of the writer): throttling (400
/// ProvisionedThroughputExceededException), 500/503, and partial writes answered with <c>UnprocessedItems</c>. The SDK's own retries are off
/// (MaxErrorRetry = 0), so what is tested is the writer's retry logic.
/// </summary>
public sealed class DynamoDbBatchWriterTests(DynamoDbServer server, ITestOutputHelper output) : IClassFixture<DynamoDbServer>
{
    private const int ItemCount = 5_000;

    private static readonly BatchWriterOptions FastRetries = new()
    {
        MaxParallelism = 8,
        MaxAttempts = 20,
        BaseDelay = TimeSpan.FromMilliseconds(2),
        MaxDelay = TimeSpan.FromMilliseconds(50),
    };

    [Fact]
    public async Task Five_thousand_items_are_written_and_counted_back()
    {
        var table = await NewTableAsync();
        var items = Items(ItemCount, "plain");
        var writer = new DynamoDbBatchWriter(server.Client, table, new BatchWriterOptions { MaxParallelism = 8 });

        var stats = await writer.WriteAllAsync(Stream(items));

        stats.Written.Should().Be(ItemCount);
        stats.Calls.Should().Be(ItemCount / BatchWriterOptions.MaxBatchSize);
        (await CountAsync(table)).Should().Be(ItemCount);
        await AssertContentAsync(table, items);
    }

    [Fact]
    public async Task Injected_throttling_server_errors_and_unprocessed_items_end_with_every_item_written_once()
    {
        var table = await NewTableAsync();
        var items = Items(ItemCount, "faulty");
        var random = new Random(20260112);
        var gate = new object();
        var (client, handler) = FaultInjectingHttpClientFactory.CreateClient(server.ServiceUrl, () =>
        {
            lock (gate)
            {
                // 10% throttled, 5% 500, 5% 503, 15% partial writes, 65% pass.
                return random.Next(100) switch
                {
                    < 10 => Fault.Throttle,
                    < 15 => Fault.ServerError500,
                    < 20 => Fault.ServiceUnavailable503,
                    < 35 => Fault.PartialWrite,
                    _ => Fault.None,
                };
            }
        });
        using (client)
        {
            var writer = new DynamoDbBatchWriter(client, table, FastRetries);
            var stats = await writer.WriteAllAsync(Stream(items));

            output.WriteLine($"calls {handler.Calls}: throttled {handler.Throttled}, 5xx {handler.ServerErrors}, partial {handler.PartialWrites} ({handler.DeferredItems} items deferred); " +
                $"writer stats: written {stats.Written}, calls {stats.Calls}, error retries {stats.ErrorRetries}, unprocessed resubmits {stats.UnprocessedResubmits}");

            handler.Throttled.Should().BeGreaterThan(0);
            handler.ServerErrors.Should().BeGreaterThan(0);
            handler.PartialWrites.Should().BeGreaterThan(0);
            stats.Written.Should().Be(ItemCount);
            stats.Calls.Should().Be(handler.Calls);
            stats.ErrorRetries.Should().Be(handler.Throttled + handler.ServerErrors, "every injected error is retried once");
            stats.UnprocessedResubmits.Should().Be(handler.PartialWrites, "every partial write is resubmitted");
            handler.ForwardedItems.Should().Be(ItemCount, "each item reached DynamoDB exactly once");
        }

        (await CountAsync(table)).Should().Be(ItemCount);
        await AssertContentAsync(table, items);
    }

    [Fact]
    public async Task A_writer_that_runs_out_of_attempts_names_every_item_it_did_not_write()
    {
        var table = await NewTableAsync();
        var items = Items(60, "throttled");
        var (client, handler) = FaultInjectingHttpClientFactory.CreateClient(server.ServiceUrl, () => Fault.Throttle);
        using (client)
        {
            var writer = new DynamoDbBatchWriter(client, table, new BatchWriterOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) });

            var act = () => writer.WriteAllAsync(Stream(items));

            var thrown = (await act.Should().ThrowAsync<BatchWriteException>()).Which;
            thrown.UnwrittenKeys.Should().BeEquivalentTo(items.Select(KeyOf));
            thrown.Stats.Written.Should().Be(0);
            thrown.Stats.ErrorRetries.Should().Be(6, "3 batches x 2 attempts");
            thrown.IsTransient.Should().BeTrue();
            thrown.Message.Should().Contain("60").And.Contain(table);
            thrown.InnerException.Should().BeOfType<BatchWriteException>().Which.InnerException.Should().BeOfType<ProvisionedThroughputExceededException>();
            handler.Calls.Should().Be(6);
        }

        (await CountAsync(table)).Should().Be(0);
    }

    [Fact]
    public async Task A_non_retryable_error_in_one_batch_fails_the_whole_write()
    {
        var table = await NewTableAsync();
        var calls = 0;
        var (client, _) = FaultInjectingHttpClientFactory.CreateClient(server.ServiceUrl, () => Interlocked.Increment(ref calls) == 3 ? Fault.Rejected : Fault.None);
        using (client)
        {
            var writer = new DynamoDbBatchWriter(client, table, new BatchWriterOptions { MaxParallelism = 2 });

            var act = () => writer.WriteAllAsync(Stream(Items(500, "rejected")));

            (await act.Should().ThrowAsync<AmazonDynamoDBException>()).Which.ErrorCode.Should().Be("ValidationException");
        }
    }

    [Fact]
    public async Task Cancellation_stops_a_writer_that_is_backing_off()
    {
        var table = await NewTableAsync();
        var (client, handler) = FaultInjectingHttpClientFactory.CreateClient(server.ServiceUrl, () => Fault.Throttle);
        using (client)
        {
            var writer = new DynamoDbBatchWriter(client, table, new BatchWriterOptions { MaxAttempts = 100, BaseDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(5) });
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            var clock = Stopwatch.StartNew();

            var act = () => writer.WriteAllAsync(Stream(Items(100, "cancelled")), cts.Token);

            await act.Should().ThrowAsync<OperationCanceledException>();
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
            handler.Calls.Should().BeGreaterThan(0);
        }
    }

    [Fact]
    public async Task A_cancelled_token_writes_nothing()
    {
        var table = await NewTableAsync();
        var writer = new DynamoDbBatchWriter(server.Client, table);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var act = () => writer.WriteBatchAsync(Items(5, "never"), cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await CountAsync(table)).Should().Be(0);
    }

    [Fact]
    public async Task Retries_wait_the_jittered_backoff_on_the_given_clock_and_nowhere_else()
    {
        var table = await NewTableAsync();
        var time = new FakeTimeProvider();
        var chosen = 0;
        var (client, handler) = FaultInjectingHttpClientFactory.CreateClient(server.ServiceUrl, () => Interlocked.Increment(ref chosen) <= 2 ? Fault.Throttle : Fault.None);
        using (client)
        {
            // Full jitter, drawn from the injected source: 0.5 x min(10 s, 100 ms x 2^retry) = 100 ms, then 200 ms.
            var writer = new DynamoDbBatchWriter(client, table, new BatchWriterOptions { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(10), Jitter = () => 0.5 }, timeProvider: time);
            var write = writer.WriteBatchAsync(Items(5, "clocked"));

            await WaitForAsync(() => handler.Calls == 1);
            time.Advance(TimeSpan.FromMilliseconds(99));
            await Task.Delay(300);
            handler.Calls.Should().Be(1, "the first backoff is 100 ms of the given clock, not of the wall clock");
            time.Advance(TimeSpan.FromMilliseconds(1));
            await WaitForAsync(() => handler.Calls == 2);
            time.Advance(TimeSpan.FromMilliseconds(199));
            await Task.Delay(300);
            handler.Calls.Should().Be(2, "the second backoff is 200 ms");
            time.Advance(TimeSpan.FromMilliseconds(1));
            var stats = await write;

            stats.Should().Be(new BatchWriteStats(Written: 5, Calls: 3, UnprocessedResubmits: 0, ErrorRetries: 2));
            handler.Calls.Should().Be(3, "the client's own retries are off: one attempt is one request");
        }

        (await CountAsync(table)).Should().Be(5);
    }

    [Fact]
    public void The_backoff_is_the_jitter_draw_times_the_capped_exponential()
    {
        var draws = new Queue<double>([0.0, 0.25, 0.999, 1.0]);
        var options = new BatchWriterOptions { BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromSeconds(1), Jitter = draws.Dequeue };

        DynamoDbRetry.Backoff(options, 1).Should().Be(TimeSpan.Zero);
        DynamoDbRetry.Backoff(options, 2).Should().Be(TimeSpan.FromMilliseconds(50));
        DynamoDbRetry.Backoff(options, 10).Should().BeCloseTo(TimeSpan.FromMilliseconds(999), TimeSpan.FromMilliseconds(1), "capped at MaxDelay");
        DynamoDbRetry.Backoff(options, 40).Should().Be(TimeSpan.FromSeconds(1));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "the writer should have made its call by now");
            await Task.Delay(10);
        }
    }

    private async Task<string> NewTableAsync()
    {
        var table = server.NewTableName("vdp-writer");
        await new TableProvisioner(server.Client).EnsureTableAsync(table);
        return table;
    }

    /// <summary>Realistic items: sensor events of 50 sensors over a few days, with payloads, mapped by the library's mapper.</summary>
    private static List<Dictionary<string, AttributeValue>> Items(int count, string run)
    {
        var start = new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);
        var items = new List<Dictionary<string, AttributeValue>>(count);
        for (var i = 0; i < count; i++)
        {
            var e = new SensorEvent(
                $"{run}-{i:000000}",
                start.AddSeconds(i * 37.000123),
                "tenant-writer",
                $"S-{i % 50:000}",
                i % 3 == 0 ? EventKinds.Arrive : EventKinds.Heartbeat,
                JsonText.Parse($$"""{"battery": 3.{{i % 10}}, "rssi": -{{70 + (i % 40)}}, "seq": {{i}}, "tags": ["a", {{i % 7}}, null, true]}"""));
            items.Add(ParkingItemMapper.ToItem(e));
        }

        return items;
    }

    private static async IAsyncEnumerable<Dictionary<string, AttributeValue>> Stream(
        IEnumerable<Dictionary<string, AttributeValue>> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask;
    }

    private static string KeyOf(Dictionary<string, AttributeValue> item) => item["PK"].S + "|" + item["SK"].S;

    private async Task<long> CountAsync(string table)
    {
        long count = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await server.Client.ScanAsync(new ScanRequest { TableName = table, Select = Select.COUNT, ExclusiveStartKey = start });
            count += response.Count ?? 0;
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return count;
    }

    /// <summary>Every item is in the table with exactly the content written (canonical hash), and nothing else is.</summary>
    private async Task AssertContentAsync(string table, List<Dictionary<string, AttributeValue>> items)
    {
        var expected = items.ToDictionary(KeyOf, i => ItemHash.ComputeHex(i));
        var actual = new Dictionary<string, string>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await server.Client.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = start });
            foreach (var item in response.Items ?? [])
            {
                actual.Add(KeyOf(item), ItemHash.ComputeHex(item));
            }

            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        actual.Should().HaveCount(expected.Count);
        var different = expected.Where(e => !actual.TryGetValue(e.Key, out var h) || h != e.Value).Select(e => e.Key).Take(10).ToList();
        different.Should().BeEmpty("every item's content hash must match what was written");
    }
}
