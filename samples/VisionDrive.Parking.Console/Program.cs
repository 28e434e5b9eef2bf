using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using VisionDrive.Parking.Data;

namespace VisionDrive.Parking.ConsoleSample;

/// <summary>
/// <c>dotnet run --project samples/VisionDrive.Parking.Console -- --store Postgres</c> (or <c>DynamoDb</c>), the store's settings under
/// <c>Parking:DynamoDb</c> / <c>Parking:Postgres</c> (appsettings.json, environment <c>Parking__…</c>, arguments). Exit codes: 0 done,
/// 1 failed, 2 bad usage. See docs/samples.md.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--store"] = "Parking:Store", ["--run"] = "Console:Run" });

        // 1. Register: one call per store, the store chosen by configuration (the migration guide's rollback plan is this one setting).
        var parking = builder.Configuration.GetSection("Parking");
        var store = parking["Store"];
        if (string.Equals(store, "DynamoDb", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddVisionDriveParkingDynamoDb(parking.GetSection("DynamoDb"));
        }
        else if (string.Equals(store, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddVisionDriveParkingPostgres(parking.GetSection("Postgres"));
        }
        else
        {
            await Console.Error.WriteLineAsync($"The store is '{store ?? "(not set)"}': pass --store DynamoDb or --store Postgres (or set Parking__Store).");
            return 2;
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        var run = builder.Configuration["Console:Run"] ?? Guid.NewGuid().ToString("N")[..8];
        if (!IsRunId(run))
        {
            await Console.Error.WriteLineAsync($"--run '{run}' is not usable in ids: give 1 to 32 letters, digits or '-'.");
            return 2;
        }

        using var host = builder.Build();
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            var demo = new ParkingWalkthrough(
                host.Services.GetRequiredService<IParkingStoreProvisioner>(),
                host.Services.GetRequiredService<IParkingStore>(),
                host.Services.GetRequiredService<TimeProvider>(),
                Console.Out);
            await Console.Out.WriteLineAsync($"store: {(string.Equals(store, "Postgres", StringComparison.OrdinalIgnoreCase) ? "Postgres" : "DynamoDb")}, run {run}");
            await demo.RunAsync(run, cancel.Token);
            await Console.Out.WriteLineAsync("done");
            return 0;
        }
        catch (Exception ex) when (ex is ParkingDataException or InvalidOperationException or OperationCanceledException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            await Console.Error.WriteLineAsync($"failed: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
    }

    private static bool IsRunId(string value)
    {
        if (value.Length is < 1 or > 32)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }
}
