using System.Diagnostics;
using System.Threading.Tasks;
using VisionDrive.Parking.Data.DynamoDb.Mapping;
using VisionDrive.Parking.Data.Postgres;

namespace VisionDrive.Parking.Migration.MacroBenchmark;

/// <content>
/// Where the time goes, without a profiler: the producer's share of the pipeline measured alone — read only (stream every event),
/// then read + transform (every event through ParkingItemMapper). The rest of the migration's wall time is waiting on writes.
/// </content>
internal static partial class Phases
{
    private static async Task<PhaseResult> BreakdownAsync(string database)
    {
        await using var ds = Env.Source(database);
        var reader = new ParkingSourceReader(ds);
        long n = 0;
        await foreach (var row in reader.ReadEventsAsync())
        {
            // Warm-up (JIT, connection pool, PostgreSQL's cache): the first pass is not measured.
            n += row.Entity is null ? 0 : 1;
        }

        n = 0;
        var sw = Stopwatch.StartNew();
        await foreach (var row in reader.ReadEventsAsync())
        {
            n += row.Entity is null ? 0 : 1;
        }

        var read = sw.Elapsed.TotalSeconds;
        var mapping = Mapping;
        long bytes = 0;
        sw.Restart();
        await foreach (var row in reader.ReadEventsAsync())
        {
            if (row.Entity is not null)
            {
                bytes += ParkingItemMapper.ToItem(row.Entity, mapping).Count;
            }
        }

        var readTransform = sw.Elapsed.TotalSeconds;
        return new PhaseResult("breakdown", n, readTransform, 0, 0, 0, 0, 0, 0, read, readTransform - read);
    }
}
