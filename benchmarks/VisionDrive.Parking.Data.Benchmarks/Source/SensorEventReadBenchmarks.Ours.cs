using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace VisionDrive.Parking.Data.Benchmarks.Source;

/// <content>Ours: <c>ParkingSourceReader.ReadEventsAsync</c> (one ordered query, NULL/infinity checks, row failures, keys).</content>
public partial class SensorEventReadBenchmarks
{
    [Benchmark(OperationsPerInvoke = Rows, Description = "ParkingSourceReader")]
    public async Task<long> Ours()
    {
        long rows = 0;
        await foreach (var row in _reader.ReadEventsAsync())
        {
            rows += row.Entity is not null ? 1 : 0;
        }

        Check(rows);
        return rows;
    }
}
