using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace VisionDrive.Parking.Migration.MacroBenchmark;

/// <summary>
/// The migration macro benchmark, one command (servers from scripts/services.sh --with-servers):
/// <code>
/// VDP_DYNAMODB_XMX=5g VDP_SERVICES="postgres dynamodb" bash scripts/services.sh --with-servers \
/// dotnet run -c Release --project benchmarks/VisionDrive.Parking.Migration.MacroBenchmark -- --sizes 10000,100000,1000000 --out benchmarks/results/macro.md
/// </code>
/// Per size: seed <c>scale:N</c> (once per database), (a) ceiling, end-to-end migration, and at the first size (b) naive; then a
/// breakdown of the producer at the largest size and the access-pattern latencies. Each phase runs in a child process.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = Parse(args);
        if (options.TryGetValue("phase", out var phase))
        {
            return await Phases.RunAsync(phase, options["db"], options["table"], Int(options, "size", 0), Int(options, "parallelism", 4));
        }

        var sizes = (options.GetValueOrDefault("sizes") ?? "10000,100000,1000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        if (options.GetValueOrDefault("seed-only") == "true")
        {
            foreach (var size in sizes)
            {
                Console.Error.WriteLine($"[macro] vdp_macro_{size}: seeded in {(await Env.EnsureSeededAsync($"vdp_macro_{size}", "scale:" + size)).TotalSeconds:0.0} s (0 = already seeded)");
            }

            return 0;
        }

        if (options.GetValueOrDefault("sink") == "true")
        {
            return await SinkMainAsync(options, sizes, args);
        }

        var naive = Int(options, "naive", 5000);
        var parallelism = Int(options, "parallelism", 4);
        var ceilingCap = Int(options, "ceiling-cap", 200_000);
        var iterations = Int(options, "latency-iterations", 1000);
        var output = new List<string>
        {
            "# Migration macro benchmark",
            "",
            $"`dotnet run -c Release --project benchmarks/VisionDrive.Parking.Migration.MacroBenchmark -- {string.Join(' ', args)}`",
            "",
            $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores (shared), .NET {Environment.Version}, parallelism {parallelism}, " +
            $"DynamoDB Local heap {Environment.GetEnvironmentVariable("VDP_DYNAMODB_XMX") ?? "2g"}, load average at start {LoadAverage()}.",
            "",
            "| Events | Items (all types) | Seed | End-to-end items/s | Ceiling items/s (N) | E2E / ceiling | Naive items/s (N) | E2E / naive | Peak working set | DDB Local RSS (peak) | CPU s per 1k items: ours / DDB Local | GC gen0/1/2, pause |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        // Warm DynamoDB Local's JVM up once (JIT, first table) so that the first measured phase is not the one that pays for it.
        await Env.EnsureSeededAsync($"vdp_macro_{sizes[0]}", "scale:" + sizes[0]);
        await ChildAsync("ceiling", $"vdp_macro_{sizes[0]}", sizes[0], Math.Min(sizes[0], 10_000), parallelism);
        PhaseResult? naiveResult = null;
        PhaseResult? lastMigrate = null;
        foreach (var size in sizes)
        {
            var db = $"vdp_macro_{size}";
            Console.Error.WriteLine($"[macro] seeding {db} (scale:{size}) ...");
            var seeded = await Env.EnsureSeededAsync(db, "scale:" + size);
            var (ceiling, _) = await ChildAsync("ceiling", db, size, Math.Min(size, ceilingCap), parallelism);
            var (migrate, java) = await ChildAsync("migrate", db, size, size, parallelism);
            lastMigrate = migrate;
            if (naiveResult is null && naive > 0)
            {
                (naiveResult, _) = await ChildAsync("naive", db, size, Math.Min(size, naive), 1);
            }

            var e2e = migrate.ItemsPerSecond;
            output.Add(
                $"| {size:N0} | {migrate.Items:N0} | {(seeded == TimeSpan.Zero ? "reused" : seeded.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s")} " +
                $"| {e2e:N0} | {ceiling.ItemsPerSecond:N0} ({ceiling.Items:N0}) | **{e2e / ceiling.ItemsPerSecond:0.00}** " +
                $"| {naiveResult?.ItemsPerSecond:N0} ({naiveResult?.Items:N0}) | **{e2e / (naiveResult?.ItemsPerSecond ?? double.NaN):0.0}×** " +
                $"| **{migrate.PeakWorkingSetBytes / 1048576.0:N0} MB** | {java.PeakRss / 1048576.0:N0} MB " +
                $"| {migrate.CpuSeconds * 1000 / migrate.Items:0.00} / {java.Cpu * 1000 / migrate.Items:0.00} | {migrate.Gen0}/{migrate.Gen1}/{migrate.Gen2}, {migrate.GcPauseSeconds:0.00} s |");
            Console.Error.WriteLine(output[^1]);
        }

        if (lastMigrate is not null)
        {
            var (b, _) = await ChildAsync("breakdown", $"vdp_macro_{sizes[^1]}", sizes[^1], sizes[^1], parallelism);
            output.Add("");
            output.Add($"## Where the time goes ({sizes[^1]:N0} events)");
            output.Add("");
            output.Add("The pipeline's producer (read + transform) measured alone on the same events, against the end-to-end wall time:");
            output.Add("");
            output.Add("| Part | Seconds | Share of end-to-end |");
            output.Add("|---|---:|---:|");
            output.Add($"| read (ParkingSourceReader, events) | {b.ReadSeconds:0.0} | {b.ReadSeconds / lastMigrate.Seconds:P0} |");
            output.Add($"| transform (ParkingItemMapper.ToItem) | {b.TransformSeconds:0.0} | {b.TransformSeconds / lastMigrate.Seconds:P0} |");
            output.Add($"| waiting on writes (rest of the wall time) | {lastMigrate.Seconds - b.Seconds:0.0} | {(lastMigrate.Seconds - b.Seconds) / lastMigrate.Seconds:P0} |");
            output.Add($"| end-to-end migration | {lastMigrate.Seconds:0.0} | 100% |");
        }

        if (iterations > 0)
        {
            Console.Error.WriteLine("[macro] access-pattern latency ...");
            output.Add("");
            output.Add("## Access-pattern latency");
            output.Add("");
            output.AddRange(await Latency.RunAsync(iterations));
        }

        var text = string.Join('\n', output) + "\n";
        Console.WriteLine(text);
        if (options.TryGetValue("out", out var path))
        {
            await File.WriteAllTextAsync(path, text);
        }

        return 0;
    }

    /// <summary>
    /// The instant-sink run (<c>--sink true</c>, PostgreSQL only): per size, a raw binary COPY of the source rows, the migration into the
    /// instant sink, the export, and a second COPY (the baseline is the mean of the two, taken around the phases it is compared with);
    /// then the CPU profile per stage at the largest size.
    /// </summary>
    private static async Task<int> SinkMainAsync(Dictionary<string, string> options, int[] sizes, string[] args)
    {
        var parallelism = Int(options, "parallelism", 4);
        var output = new List<string>
        {
            "# Instant-sink benchmark",
            "",
            $"`dotnet run -c Release --project benchmarks/VisionDrive.Parking.Migration.MacroBenchmark -- {string.Join(' ', args)}`",
            "",
            $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores (shared), .NET {Environment.Version}, parallelism {parallelism}, load average at start {LoadAverage()}.",
            "Sink: a real AmazonDynamoDBClient whose HttpClientFactory answers every BatchWriteItem at once (empty UnprocessedItems).",
            "COPY: `COPY <table> TO STDOUT (FORMAT BINARY)` of every source table, every column skipped; mean of a run before and after.",
            "",
            "Cold = the phase process's first run (JIT, first connections included, CPU from the phase's start); warm = a second run in the same process.",
            "",
            "| Events | Items | COPY rows/s | Migrate items/s cold / warm | Migrate / COPY cold / warm | Migrate CPU µs per item cold / warm | Migrate peak WS | Export items/s cold / warm | Export / COPY cold / warm | Export CPU µs per item cold / warm | Export peak WS |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        foreach (var size in sizes)
        {
            var db = $"vdp_macro_{size}";
            Console.Error.WriteLine($"[macro] seeding {db} (scale:{size}) ...");
            await Env.EnsureSeededAsync(db, "scale:" + size);
            await ChildAsync("copy", db, size, size, 1, dynamoDb: false); // warm PostgreSQL's cache
            var (copy1, _) = await ChildAsync("copy", db, size, size, 1, dynamoDb: false);
            var (sink, _) = await ChildAsync("sink", db, size, size, parallelism, dynamoDb: false);
            var (export, _) = await ChildAsync("export", db, size, size, parallelism, dynamoDb: false);
            var (copy2, _) = await ChildAsync("copy", db, size, size, 1, dynamoDb: false);
            var copy = (copy1.ItemsPerSecond + copy2.ItemsPerSecond) / 2;
            output.Add(
                $"| {size:N0} | {sink.Items:N0} | {copy:N0} | {sink.ItemsPerSecond:N0} / {sink.WarmItemsPerSecond:N0} | **{sink.ItemsPerSecond / copy:0.00} / {sink.WarmItemsPerSecond / copy:0.00}** " +
                $"| **{sink.CpuMicrosPerItem:0.0} / {sink.WarmCpuMicrosPerItem:0.0}** | {sink.PeakWorkingSetBytes / 1048576.0:N0} MB " +
                $"| {export.ItemsPerSecond:N0} / {export.WarmItemsPerSecond:N0} | **{export.ItemsPerSecond / copy:0.00} / {export.WarmItemsPerSecond / copy:0.00}** " +
                $"| {export.CpuMicrosPerItem:0.0} / {export.WarmCpuMicrosPerItem:0.0} | {export.PeakWorkingSetBytes / 1048576.0:N0} MB |");
            Console.Error.WriteLine(output[^1]);
        }

        var (p, _) = await ChildAsync("profile", $"vdp_macro_{sizes[^1]}", sizes[^1], sizes[^1], 1, dynamoDb: false);
        output.Add("");
        output.Add($"## CPU per item by stage ({p.Items:N0} events, one thread, after a warm-up pass)");
        output.Add("");
        output.Add("| Stage | CPU µs per event |");
        output.Add("|---|---:|");
        output.Add($"| read (ParkingSourceReader.ReadEventsAsync) | {p.ReadMicros:0.0} |");
        output.Add($"| map (ParkingItemMapper.ToItem) | {p.MapMicros:0.0} |");
        output.Add($"| hash (ItemHash.Compute; verify, export) | {p.HashMicros:0.0} |");
        output.Add($"| DynamoDB JSON line (DynamoDbJson.ToLine; export) | {p.LineMicros:0.0} |");
        output.Add($"| SDK BatchWriteItem into the sink (marshal, sign, pipeline), pre-built items | {p.SdkMicros:0.0} |");

        var text = string.Join('\n', output) + "\n";
        Console.WriteLine(text);
        if (options.TryGetValue("out", out var path))
        {
            await File.WriteAllTextAsync(path, text);
        }

        return 0;
    }

    private static async Task<(PhaseResult Result, (long PeakRss, double Cpu) Java)> ChildAsync(string phase, string db, int dataset, int size, int parallelism, bool dynamoDb = true)
    {
        var table = $"vdp-macro-{phase}-{dataset}";
        Console.Error.WriteLine($"[macro] {phase} on {db}, {size:N0} ...");
        var psi = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--phase", phase, "--db", db, "--table", table, "--size", size.ToString(CultureInfo.InvariantCulture), "--parallelism", parallelism.ToString(CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(a);
        }

        using var java = dynamoDb ? new JavaSampler() : null;
        using var child = Process.Start(psi)!;
        PhaseResult? result = null;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("RESULT ", StringComparison.Ordinal))
            {
                result = JsonSerializer.Deserialize<PhaseResult>(line[7..]);
            }
        }

        await child.WaitForExitAsync();
        if (child.ExitCode != 0 || result is null)
        {
            throw new InvalidOperationException($"Phase {phase} failed (exit {child.ExitCode}).");
        }

        Console.Error.WriteLine($"[macro]   {result.Items:N0} items in {result.Seconds:0.0} s = {result.ItemsPerSecond:N0}/s, peak WS {result.PeakWorkingSetBytes / 1048576.0:N0} MB, CPU {result.CpuSeconds:0.0} s, DDB Local CPU {java?.CpuSecondsSinceStart:0.0} s");
        return (result, (java?.PeakRssBytes ?? 0, java?.CpuSecondsSinceStart ?? 0));
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static int Int(Dictionary<string, string> o, string key, int fallback) =>
        o.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    private static Dictionary<string, string> Parse(string[] args)
    {
        var o = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'. Usage: [--sizes 10000,100000,1000000] [--naive 5000] [--parallelism 4] [--ceiling-cap 200000] [--latency-iterations 1000] [--out FILE] [--seed-only true] [--sink true]");
            }

            o[args[i][2..]] = args[++i];
        }

        return o;
    }
}
