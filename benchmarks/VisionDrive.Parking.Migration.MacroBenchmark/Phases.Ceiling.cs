using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data.DynamoDb.Mapping;
using VisionDrive.Parking.Data.Postgres;

namespace VisionDrive.Parking.Migration.MacroBenchmark;

/// <content>(a) The ceiling: raw BatchWriteItem of pre-built event items, same parallelism, no source, no transform.</content>
internal static partial class Phases
{
    private static async Task<PhaseResult> CeilingAsync(string database, string table, int size, int parallelism)
    {
        // Untimed: read and map the items first.
        var items = new List<Dictionary<string, AttributeValue>>(size);
        await using (var ds = Env.Source(database))
        {
            var mapping = Mapping;
            await foreach (var row in new ParkingSourceReader(ds).ReadEventsAsync())
            {
                if (row.Entity is not null)
                {
                    items.Add(ParkingItemMapper.ToItem(row.Entity, mapping));
                    if (items.Count == size)
                    {
                        break;
                    }
                }
            }
        }

        var batches = items.Chunk(25).Select(c => c.Select(i => new WriteRequest { PutRequest = new PutRequest { Item = i } }).ToList()).ToArray();
        using var client = Env.DynamoDb();
        await Tables.CreateAsync(client, table);
        GC.Collect();
        var next = -1;
        var sw = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, parallelism).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Length)
            {
                var pending = batches[i];
                var delay = 20;
                while (pending.Count > 0)
                {
                    var response = await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [table] = pending } });
                    pending = response.UnprocessedItems is { Count: > 0 } u && u.TryGetValue(table, out var left) ? left : [];
                    if (pending.Count > 0)
                    {
                        await Task.Delay(delay);
                        delay = Math.Min(delay * 2, 1000);
                    }
                }
            }
        }).ToArray();
        await Task.WhenAll(workers);
        sw.Stop();
        GC.KeepAlive(items);
        await Tables.DeleteAsync(client, table);
        return new PhaseResult("ceiling", items.Count, sw.Elapsed.TotalSeconds, 0, 0, 0, 0, 0, 0);
    }
}
