using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace VisionDrive.Parking.Ingestion;

/// <summary>
/// <c>dotnet run --project samples/VisionDrive.Parking.Ingestion</c> with <c>Parking__Store</c>, the store's settings and
/// <c>Ingestion__Broker</c> in the environment (docs/samples.md).
/// </summary>
public static class Program
{
    /// <summary>
    /// Fault injection for the cutover's end-to-end test (docs/cutover.md, "What can go wrong"): when set to N, the process SIGKILLs itself
    /// at the N-th dual write whose primary write succeeded, before its copy to the secondary starts. Never set it in production.
    /// </summary>
    public const string KillAfterPrimaryWritesVariable = "VDP_TEST_KILL_AFTER_PRIMARY_WRITES";

    public static async Task Main(string[] args)
    {
        using var kill = KillSwitch(Environment.GetEnvironmentVariable(KillAfterPrimaryWritesVariable));
        await IngestionHost.Build(args).RunAsync();
    }

    /// <summary>Listens to the dual-write store's <c>cutover.primary_written</c> activity (started after the primary write, before the copy).</summary>
    private static ActivityListener? KillSwitch(string? setting)
    {
        if (!int.TryParse(setting, NumberStyles.None, CultureInfo.InvariantCulture, out var after) || after < 1)
        {
            return null;
        }

        var seen = 0;
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "VisionDrive.Parking.Cutover",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity =>
            {
                if (activity.OperationName == "cutover.primary_written" && Interlocked.Increment(ref seen) == after)
                {
                    Console.Error.WriteLine($"[{KillAfterPrimaryWritesVariable}] killed after primary write {after} ({activity.GetTagItem("operation")}), before its secondary copy");
                    Process.GetCurrentProcess().Kill(); // SIGKILL: no shutdown, no flush, as a crash
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
