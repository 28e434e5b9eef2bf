using System;
using System.Data;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace VisionDrive.Parking.Data.Benchmarks.Source;

/// <content>Baseline: one ordered query, a raw NpgsqlDataReader with typed getters.</content>
public partial class SensorEventReadBenchmarks
{
    [Benchmark(Baseline = true, OperationsPerInvoke = Rows, Description = "Raw NpgsqlDataReader")]
    public async Task<long> RawReader()
    {
        long rows = 0;
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess);
        while (await reader.ReadAsync())
        {
            var e = new SensorEvent(
                reader.GetString(0),
                new DateTimeOffset(reader.GetDateTime(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : JsonText.FromTrusted(reader.GetString(5)));
            rows += e.Id.Length > 0 ? 1 : 0;
        }

        Check(rows);
        return rows;
    }
}
