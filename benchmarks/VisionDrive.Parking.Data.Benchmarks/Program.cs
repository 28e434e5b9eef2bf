using System;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
using VisionDrive.Parking.Data.Benchmarks.Source;

namespace VisionDrive.Parking.Data.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/VisionDrive.Parking.Data.Benchmarks -- --filter '*'</c> (add <c>--job short</c> for a quick run).
/// Classes that need PostgreSQL are left out, with a message, when <c>VDP_TEST_POSTGRES</c> is not set.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        // The generated project rebuilds the library projects; on a busy 2-core machine that can take longer than the 2-minute default.
        IConfig config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
        if (!PostgresBench.IsConfigured)
        {
            Console.WriteLine($"[skip] {nameof(SensorEventReadBenchmarks)}: {PostgresBench.Variable} is not set. " +
                              "Run it under `bash scripts/services.sh --with-servers dotnet run ...` (which starts PostgreSQL and exports it) to include the PostgreSQL read-path benchmarks.");
            config = config.AddFilter(new SimpleFilter(b => b.Descriptor.Type != typeof(SensorEventReadBenchmarks)));
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
