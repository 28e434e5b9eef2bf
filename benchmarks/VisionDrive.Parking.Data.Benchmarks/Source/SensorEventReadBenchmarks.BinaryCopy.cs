using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using NpgsqlTypes;

namespace VisionDrive.Parking.Data.Benchmarks.Source;

/// <content>Binary COPY of the same ordered query.</content>
public partial class SensorEventReadBenchmarks
{
    [Benchmark(OperationsPerInvoke = Rows, Description = "Binary COPY")]
    public async Task<long> BinaryCopy()
    {
        long rows = 0;
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var export = await connection.BeginBinaryExportAsync(
            "COPY (SELECT id, time, \"tenantId\", \"sensorId\", kind, decoded FROM sensor_events t ORDER BY t.time, t.id COLLATE \"C\") TO STDOUT (FORMAT BINARY)");
        while (await export.StartRowAsync() != -1)
        {
            var id = await export.ReadAsync<string>(NpgsqlDbType.Text);
            var time = await export.ReadAsync<DateTime>(NpgsqlDbType.TimestampTz);
            var tenant = await export.ReadAsync<string>(NpgsqlDbType.Text);
            var sensor = await export.ReadAsync<string>(NpgsqlDbType.Text);
            var kind = await export.ReadAsync<string>(NpgsqlDbType.Text);
            string? decoded = export.IsNull ? null : await export.ReadAsync<string>(NpgsqlDbType.Jsonb);
            if (decoded is null)
            {
                await export.SkipAsync();
            }

            var e = new SensorEvent(id, new DateTimeOffset(time), tenant, sensor, kind, decoded is null ? null : JsonText.FromTrusted(decoded));
            rows += e.Id.Length > 0 ? 1 : 0;
        }

        Check(rows);
        return rows;
    }
}
