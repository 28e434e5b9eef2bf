using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using VisionDrive.Parking.TestSupport;
using Xunit.Abstractions;

namespace VisionDrive.Parking.IntegrationTests.Reliability;

/// <summary>DynamoDB Local (its own, persistent with -dbPath) SIGKILLed in the middle of a migration and restarted.</summary>
public sealed class DynamoDbRestartTests(PostgresServer pg, DynamoDbServer ddb, ITestOutputHelper output)
    : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    private const int Events = 3_000;

    [Fact]
    public async Task Target_killed_and_restarted_mid_migration_the_run_retries_or_stops_clearly_and_the_rerun_verifies()
    {
        var clock = Stopwatch.StartNew();
        await using var target = await DynamoDbLocalProcess.StartAsync();
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);
        var env = w.Env;
        env["AWS_ENDPOINT_URL_DYNAMODB"] = target.ServiceUrl;
        (await CliRunner.RunAsync(["seed", $"scale:{Events}"], env)).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync(["provision", "--table", w.Table], env)).ExitCode.Should().Be(0);

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        int firstExit;
        var downFor = TimeSpan.FromSeconds(2);
        using (var p = CliRunner.Start(["migrate", "--table", w.Table, "--state-dir", w.StateDir, "--no-verify"], env, stdout, stderr))
        {
            await Probe.WaitForCheckpointAsync(p, w.StateDir, 500);
            p.HasExited.Should().BeFalse("the run must be mid-flight when the target dies: " + stderr);
            await target.KillAsync();
            await Task.Delay(downFor);
            await target.StartAgainAsync();
            using var cts = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(3));
            await p.WaitForExitAsync(cts.Token);
            firstExit = p.ExitCode;
        }

        var first = stdout + "\n" + stderr;
        if (firstExit != 0)
        {
            // Beyond the retry budget: a clear paragraph that says what failed and that a rerun resumes.
            firstExit.Should().Be(1, first);
            stderr.ToString().Should().MatchRegex("(DynamoDB|not written|reach)", first).And.NotContain("   at ", "no stack trace without --verbose");
        }

        var report = Path.Combine(w.Folder, "rerun.json");
        var rerun = await CliRunner.RunAsync(["migrate", "--table", w.Table, "--state-dir", w.StateDir, "--report", report], env, TimeSpan.FromMinutes(4));

        rerun.ExitCode.Should().Be(0, "first run:\n" + first + "\nrerun:\n" + rerun.All);
        using var json = Probe.Report(report);
        json.RootElement.GetProperty("verified").GetBoolean().Should().BeTrue();
        Probe.Entity(json, "EVENT", "written").Should().Be(Events, "rows are counted once, however often they were written");
        using var client = target.CreateClient();
        (await Probe.CountAsync(client, w.Table, "EVENT")).Should().Be(Events);
        Figures.Record(output, "dynamodb-killed-and-restarted", new
        {
            events = Events,
            downSeconds = downFor.TotalSeconds,
            firstRunExit = firstExit,
            retries = json.RootElement.GetProperty("retries").GetInt64(),
            durationSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        });
    }
}
