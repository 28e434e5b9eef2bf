using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Dapper;

namespace VisionDrive.Parking.Data.Benchmarks.Source;

/// <content>Dapper, unbuffered, into a DTO then the entity.</content>
public partial class SensorEventReadBenchmarks
{
    [Benchmark(OperationsPerInvoke = Rows, Description = "Dapper (unbuffered)")]
    public async Task<long> Dapper()
    {
        long rows = 0;
        await using var connection = await _dataSource.OpenConnectionAsync();
        await foreach (var r in connection.QueryUnbufferedAsync<EventDto>(Sql))
        {
            var e = new SensorEvent(r.Id, new DateTimeOffset(r.Time), r.TenantId, r.SensorId, r.Kind, r.Decoded is null ? null : JsonText.FromTrusted(r.Decoded));
            rows += e.Id.Length > 0 ? 1 : 0;
        }

        Check(rows);
        return rows;
    }

    private sealed class EventDto
    {
        public string Id { get; set; } = "";
        public DateTime Time { get; set; }
        public string TenantId { get; set; } = "";
        public string SensorId { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? Decoded { get; set; }
    }
}
