using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb;
using VisionDrive.Parking.Data.Postgres;

namespace VisionDrive.Parking.Migration.MacroBenchmark;

/// <summary>
/// Access-pattern latency, p50/p99, on both stores with the same data: the guide dataset seeded into PostgreSQL and migrated to
/// DynamoDB Local. Same machine, same client process, sequential calls, after a warm-up.
/// </summary>
internal static class Latency
{
    public static async Task<List<string>> RunAsync(int iterations)
    {
        const string Database = "vdp_macro_guide";
        const string Table = "vdp-macro-latency";
        await Env.EnsureSeededAsync(Database, "guide");
        await using var ds = Env.Source(Database);
        using var client = Env.DynamoDb();
        await Tables.CreateAsync(client, Table);
        var stateDir = Path.Combine(Path.GetTempPath(), "vdp-macro-state-" + Guid.NewGuid().ToString("N"));
        var report = await new MigrationEngine(new ParkingSourceReader(ds), client, new MigrationOptions
        {
            TableName = Table, StateDirectory = stateDir, EventRetention = Phases.Retention, Verify = true,
        }).MigrateAsync();
        Directory.Delete(stateDir, recursive: true);
        if (!report.Verified)
        {
            throw new InvalidOperationException("The guide dataset did not verify after migration; latency would not compare equal data.");
        }

        var devEuis = await ListAsync(ds, "SELECT \"devEui\" FROM sensors ORDER BY id LIMIT 20");
        var zones = await ListAsync(ds, "SELECT id FROM zones ORDER BY id");
        var sensors = await ListAsync(ds, "SELECT \"sensorId\" FROM sensor_events GROUP BY 1 ORDER BY count(*) DESC LIMIT 10");
        DateTimeOffset min, max;
        await using (var range = ds.CreateCommand("SELECT min(time), max(time) FROM sensor_events"))
        await using (var r = await range.ExecuteReaderAsync())
        {
            await r.ReadAsync();
            min = new DateTimeOffset(r.GetDateTime(0));
            max = new DateTimeOffset(r.GetDateTime(1)).AddTicks(10);
        }

        var mid = min + ((max - min) / 2);
        var timeRange = new TimeRange(mid.AddDays(-1) < min ? min : mid.AddDays(-1), max);
        IParkingStore pg = new PostgresParkingStore(ds);
        IParkingStore ddb = new DynamoDbParkingStore(client, new DynamoDbStoreOptions { TableName = Table });
        var lines = new List<string>
        {
            $"Guide dataset ({report.Entities.Values.Sum(e => e.Written ?? 0)} items, verified), {iterations} sequential calls per cell after {iterations / 10} warm-up calls; ids cycled.",
            "",
            "| Access pattern | DynamoDB Local p50 | p99 | PostgreSQL p50 | p99 | Rows per call |",
            "|---|---:|---:|---:|---:|---:|",
        };
        var patterns = new (string Name, Func<IParkingStore, int, Task<int>> Call)[]
        {
            ("get-sensor-by-DevEUI", async (s, i) => await s.GetSensorByDevEuiAsync(devEuis[i % devEuis.Count]) is null ? 0 : 1),
            ("zone-with-bays", async (s, i) => (await s.GetZoneWithBaysAsync(zones[i % zones.Count]))?.Bays.Count ?? 0),
            ("events-of-sensor-in-range (page 50)", async (s, i) => (await s.ListSensorEventsAsync(sensors[i % sensors.Count], timeRange, new PageRequest(50))).Items.Count),
        };
        foreach (var (name, call) in patterns)
        {
            var (d50, d99, rows) = await MeasureAsync(ddb, call, iterations);
            var (p50, p99, pgRows) = await MeasureAsync(pg, call, iterations);
            if (rows != pgRows)
            {
                throw new InvalidOperationException($"{name}: DynamoDB returned {rows} rows, PostgreSQL {pgRows}: the stores do not hold the same data.");
            }

            lines.Add($"| {name} | {d50:0.00} ms | {d99:0.00} ms | {p50:0.00} ms | {p99:0.00} ms | {rows / (double)iterations:0.#} |");
        }

        await Tables.DeleteAsync(client, Table);
        return lines;
    }

    private static async Task<(double P50, double P99, long Rows)> MeasureAsync(IParkingStore store, Func<IParkingStore, int, Task<int>> call, int iterations)
    {
        for (var i = 0; i < iterations / 10; i++)
        {
            await call(store, i);
        }

        var ms = new double[iterations];
        long rows = 0;
        for (var i = 0; i < iterations; i++)
        {
            var t = Stopwatch.GetTimestamp();
            rows += await call(store, i);
            ms[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }

        Array.Sort(ms);
        return (ms[(int)(iterations * 0.50)], ms[Math.Min(iterations - 1, (int)(iterations * 0.99))], rows);
    }

    private static async Task<List<string>> ListAsync(NpgsqlDataSource ds, string sql)
    {
        var list = new List<string>();
        await using var cmd = ds.CreateCommand(sql);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            list.Add(r.GetString(0));
        }

        return list;
    }
}
