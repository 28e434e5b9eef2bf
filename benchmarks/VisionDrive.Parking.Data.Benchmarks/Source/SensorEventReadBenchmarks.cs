using System;
using BenchmarkDotNet.Attributes;
using Npgsql;
using VisionDrive.Parking.Data.Postgres;

namespace VisionDrive.Parking.Data.Benchmarks.Source;

/// <summary>
/// The source read path for <c>sensor_events</c> against a real PostgreSQL (<c>VDP_TEST_POSTGRES</c>; the class is left out with a
/// message when it is not set): all 100,000 events of <c>scale:100000</c>, ordered by <c>(time, id)</c>, each turned into a
/// <see cref="SensorEvent"/>. Times and allocations are per row (<c>OperationsPerInvoke</c>): rows/s = 1 s / Mean.
/// Baseline: a raw <see cref="NpgsqlDataReader"/>; one file per competitor (Dapper, binary COPY, ParkingSourceReader).
/// </summary>
[MemoryDiagnoser]
public partial class SensorEventReadBenchmarks
{
    public const int Rows = 100_000;
    private const string Columns = "id, time, \"tenantId\", \"sensorId\", kind, decoded::text AS decoded";
    private const string Sql = "SELECT " + Columns + " FROM sensor_events t ORDER BY t.time, t.id COLLATE \"C\"";

    private NpgsqlDataSource _dataSource = null!;
    private ParkingSourceReader _reader = null!;

    [GlobalSetup]
    public void Setup()
    {
        var cs = PostgresBench.EnsureSeededAsync("vdp_bench_read", "scale:" + Rows).GetAwaiter().GetResult();
        _dataSource = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = cs });
        _reader = new ParkingSourceReader(_dataSource);
        using var count = _dataSource.CreateCommand("SELECT count(*) FROM sensor_events");
        var n = (long)count.ExecuteScalar()!;
        if (n != Rows)
        {
            throw new InvalidOperationException($"vdp_bench_read holds {n} events, expected {Rows}: drop the database and run again.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _dataSource.Dispose();

    private static void Check(long rows)
    {
        if (rows != Rows)
        {
            throw new InvalidOperationException($"Read {rows} rows, expected {Rows}.");
        }
    }
}
