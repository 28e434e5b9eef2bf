using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data.DynamoDb.Hashing;
using VisionDrive.Parking.Data.DynamoDb.Mapping;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.Migration.Export;

namespace VisionDrive.Parking.Migration.MacroBenchmark;

/// <content>
/// Where the CPU goes per item, without a profiler: the event stream through cumulative stages, each pass timed by this process's CPU
/// time (user + sys, every thread, GC included) after one untimed warm-up pass; a stage's cost is the difference to the pass before it.
/// The SDK's request path is timed on pre-built items, sequentially, into the instant sink.
/// </content>
internal static partial class Phases
{
    private static async Task<PhaseResult> ProfileAsync(string database)
    {
        await using var ds = Env.Source(database);
        var reader = new ParkingSourceReader(ds);
        var mapping = Mapping;
        long n = 0;
        long sink = 0;

        async Task<double> PassAsync(Action<VisionDrive.Parking.Data.SensorEvent>? work)
        {
            GC.Collect();
            using var self = Process.GetCurrentProcess();
            var cpu0 = self.TotalProcessorTime;
            n = 0;
            await foreach (var row in reader.ReadEventsAsync())
            {
                if (row.Entity is { } e)
                {
                    work?.Invoke(e);
                    n++;
                }
            }

            self.Refresh();
            return (self.TotalProcessorTime - cpu0).TotalMicroseconds / n;
        }

        await PassAsync(e => sink += ParkingItemMapper.ToItem(e, mapping).Count); // warm-up
        var read = await PassAsync(null);
        var map = await PassAsync(e => sink += ParkingItemMapper.ToItem(e, mapping).Count);
        var hash = await PassAsync(e => sink += (long)(ItemHash.Compute(ParkingItemMapper.ToItem(e, mapping)) & 1));
        var line = await PassAsync(e => sink += DynamoDbJson.ToLine(ParkingItemMapper.ToItem(e, mapping)).Length);

        // The SDK's BatchWriteItem path (marshal to JSON, sign, HTTP pipeline, unmarshal the canned answer), pre-built items.
        var items = new List<Dictionary<string, AttributeValue>>();
        await foreach (var row in reader.ReadEventsAsync())
        {
            if (row.Entity is { } e)
            {
                items.Add(ParkingItemMapper.ToItem(e, mapping));
                if (items.Count == 50_000)
                {
                    break;
                }
            }
        }

        using var client = Sink.Client();
        async Task<double> SdkAsync()
        {
            GC.Collect();
            using var self = Process.GetCurrentProcess();
            var cpu0 = self.TotalProcessorTime;
            foreach (var chunk in items.Chunk(25))
            {
                var requests = chunk.Select(i => new WriteRequest { PutRequest = new PutRequest { Item = i } }).ToList();
                await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { ["t"] = requests } });
            }

            self.Refresh();
            return (self.TotalProcessorTime - cpu0).TotalMicroseconds / items.Count;
        }

        await SdkAsync(); // warm-up
        var sdk = await SdkAsync();
        Console.Error.WriteLine($"[profile] µs/item: read {read:0.0}, map {map - read:0.0}, hash {hash - map:0.0}, DynamoDB JSON line {line - map:0.0}, SDK BatchWriteItem {sdk:0.0} (checksum {sink})");
        return new PhaseResult("profile", n, 0, 0, 0, 0, 0, 0, 0)
        {
            ReadMicros = read,
            MapMicros = map - read,
            HashMicros = hash - map,
            LineMicros = line - map,
            SdkMicros = sdk,
        };
    }
}
