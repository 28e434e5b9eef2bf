using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using VisionDrive.Parking.Data.Postgres;

namespace VisionDrive.Parking.Migration.MacroBenchmark;

/// <content>End to end: <see cref="MigrationEngine.MigrateAsync"/> of the whole dataset (every entity type), verify off (timed separately by vdp).</content>
internal static partial class Phases
{
    private static async Task<PhaseResult> MigrateAsync(string database, string table, int parallelism)
    {
        using var client = Env.DynamoDb();
        await Tables.CreateAsync(client, table);
        var stateDir = Path.Combine(Path.GetTempPath(), "vdp-macro-state-" + Guid.NewGuid().ToString("N"));
        await using var ds = Env.Source(database);
        var engine = new MigrationEngine(new ParkingSourceReader(ds), client, new MigrationOptions
        {
            TableName = table,
            StateDirectory = stateDir,
            Parallelism = parallelism,
            EventRetention = Retention,
            Verify = false,
        });
        var sw = Stopwatch.StartNew();
        var report = await engine.MigrateAsync();
        sw.Stop();
        var written = report.Entities.Values.Sum(e => e.Written ?? 0);
        Directory.Delete(stateDir, recursive: true);
        await Tables.DeleteAsync(client, table);
        return new PhaseResult("migrate", written, sw.Elapsed.TotalSeconds, 0, 0, 0, 0, 0, 0);
    }
}
