using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.Data.Postgres;

namespace VisionDrive.Parking.Migration.MacroBenchmark;

/// <content>
/// The instant-sink phases: the migration engine end to end into <see cref="Sink"/> (so the figure is our CPU alone), the export to a
/// temporary folder, and their baseline, a raw binary COPY of the same rows (every source table, each row's columns skipped unread).
/// </content>
internal static partial class Phases
{
    /// <summary>The source tables a migration reads, in its order.</summary>
    private static readonly string[] SourceTables = ["tenants", "sites", "zones", "bays", "sensors", "sensor_events", "alerts"];

    private static async Task<PhaseResult> SinkAsync(string database, string table, int parallelism)
    {
        // The first run is the cold one (JIT, connection pool, the SDK's first request): its figures are the phase's. The second, in
        // the same process, is the warm one: what a long run costs per item.
        var cold = await SinkOnceAsync(database, table, parallelism);
        using var self = Process.GetCurrentProcess();
        var cpu0 = self.TotalProcessorTime;
        var warm = await SinkOnceAsync(database, table, parallelism);
        self.Refresh();
        return cold with { WarmSeconds = warm.Seconds, WarmCpuSeconds = (self.TotalProcessorTime - cpu0).TotalSeconds };
    }

    private static async Task<PhaseResult> SinkOnceAsync(string database, string table, int parallelism)
    {
        using var client = Sink.Client();
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
        Directory.Delete(stateDir, recursive: true);
        return new PhaseResult("sink", report.Entities.Values.Sum(e => e.Written ?? 0), sw.Elapsed.TotalSeconds, 0, 0, 0, 0, 0, 0);
    }

    private static async Task<PhaseResult> ExportAsync(string database, string table)
    {
        var cold = await ExportOnceAsync(database, table);
        using var self = Process.GetCurrentProcess();
        var cpu0 = self.TotalProcessorTime;
        var warm = await ExportOnceAsync(database, table);
        self.Refresh();
        return cold with { WarmSeconds = warm.Seconds, WarmCpuSeconds = (self.TotalProcessorTime - cpu0).TotalSeconds };
    }

    private static async Task<PhaseResult> ExportOnceAsync(string database, string table)
    {
        var root = Path.Combine(Path.GetTempPath(), "vdp-macro-export-" + Guid.NewGuid().ToString("N"));
        await using var ds = Env.Source(database);
        var engine = MigrationEngine.ForExport(new ParkingSourceReader(ds), new MigrationOptions
        {
            TableName = table,
            StateDirectory = Path.Combine(root, "state"),
            EventRetention = Retention,
        });
        var sw = Stopwatch.StartNew();
        var report = await engine.ExportAsync(Path.Combine(root, "out"));
        sw.Stop();
        Directory.Delete(root, recursive: true);
        return new PhaseResult("export", report.Entities.Values.Sum(e => e.Written ?? 0), sw.Elapsed.TotalSeconds, 0, 0, 0, 0, 0, 0);
    }

    private static async Task<PhaseResult> CopyAsync(string database)
    {
        await using var ds = Env.Source(database);
        await using var connection = await ds.OpenConnectionAsync();
        var sw = Stopwatch.StartNew();
        long rows = 0;
        foreach (var name in SourceTables)
        {
            await using var export = await connection.BeginBinaryExportAsync($"COPY {name} TO STDOUT (FORMAT BINARY)");
            int columns;
            while ((columns = await export.StartRowAsync()) >= 0)
            {
                for (var c = 0; c < columns; c++)
                {
                    await export.SkipAsync();
                }

                rows++;
            }
        }

        sw.Stop();
        return new PhaseResult("copy", rows, sw.Elapsed.TotalSeconds, 0, 0, 0, 0, 0, 0);
    }
}
