using System;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Tasks;
using VisionDrive.Parking.Data.DynamoDb.Mapping;

namespace VisionDrive.Parking.Migration.MacroBenchmark;

/// <summary>The phases, each run in a child process of its own so that its peak working set is its own.</summary>
internal static partial class Phases
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(3650);

    public static ItemMappingOptions Mapping => new() { EventRetention = Retention };

    public static async Task<int> RunAsync(string phase, string database, string table, int size, int parallelism)
    {
        using var memory = new MemorySampler();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var (g0, g1, g2, pause0) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var result = phase switch
        {
            "ceiling" => await CeilingAsync(database, table, size, parallelism),
            "migrate" => await MigrateAsync(database, table, parallelism),
            "naive" => await NaiveAsync(database, table, size),
            "breakdown" => await BreakdownAsync(database),
            "sink" => await SinkAsync(database, table, parallelism),
            "export" => await ExportAsync(database, table),
            "copy" => await CopyAsync(database),
            "profile" => await ProfileAsync(database),
            _ => throw new ArgumentException($"Unknown phase '{phase}'."),
        };
        using var self = Process.GetCurrentProcess();
        result = result with
        {
            PeakWorkingSetBytes = memory.PeakBytes,
            CpuSeconds = (self.TotalProcessorTime - cpu0).TotalSeconds - result.WarmCpuSeconds, // the cold run alone when there is a warm one
            Gen0 = GC.CollectionCount(0) - g0,
            Gen1 = GC.CollectionCount(1) - g1,
            Gen2 = GC.CollectionCount(2) - g2,
            GcPauseSeconds = (GC.GetTotalPauseDuration() - pause0).TotalSeconds,
        };
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
        return 0;
    }
}
