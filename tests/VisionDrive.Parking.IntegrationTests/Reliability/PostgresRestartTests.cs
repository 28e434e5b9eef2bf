using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.TestSupport;
using Xunit.Abstractions;

namespace VisionDrive.Parking.IntegrationTests.Reliability;

/// <summary>
/// The source PostgreSQL (an instance of this test's own, so the shared server other classes use stays up) stopped while the migration
/// streams events. Restarted within the reconnect budget: the run resumes from its checkpoint by itself and verifies. Down for longer:
/// the run stops clearly, a rerun while it is down is refused clearly, the rerun after the restart resumes and verifies. Either way no
/// event is lost or counted twice.
/// </summary>
public sealed class PostgresRestartTests(PostgresServer pg, DynamoDbServer ddb, ITestOutputHelper output)
    : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    // As in PostgresTerminateTests: more event rows than the server's socket buffers hold, read through a small client receive
    // buffer, so the backend is still streaming when the server goes down.
    private const int Events = 40_000;

    [Theory]
    [InlineData("fast")]
    [InlineData("immediate")]
    public async Task Source_server_restarted_mid_stream_the_run_reconnects_resumes_and_verifies(string mode)
    {
        var clock = Stopwatch.StartNew();
        await using var source = await PostgresLocalProcess.StartAsync();
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);
        var env = await SeedAsync(source, w);
        var report = Path.Combine(w.Folder, "report.json");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        long readAtStop;
        int exit;
        var downFor = TimeSpan.FromSeconds(3);
        using (var p = CliRunner.Start(["migrate", "--table", w.Table, "--state-dir", w.StateDir, "--parallelism", "2", "--report", report], Streaming(env, source), stdout, stderr))
        {
            try
            {
                readAtStop = await StopWhileStreamingAsync(p, w, source, mode, stderr);
                await Task.Delay(downFor);
                await source.StartAgainAsync();
                using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
                await p.WaitForExitAsync(cts.Token);
                exit = p.ExitCode;
            }
            finally
            {
                await Probe.KillAsync(p);
            }
        }

        var all = stdout + "\n" + stderr;
        exit.Should().Be(0, "a restart within the reconnect budget (1+2+4+8+16 s) is ridden out: " + all);
        all.Should().Contain("EVENT: the source connection was lost", "the server went down while events streamed")
            .And.Contain("resuming from the checkpoint").And.NotContain("   at ");
        using var json = Probe.Report(report);
        json.RootElement.GetProperty("verified").GetBoolean().Should().BeTrue();
        var reconnects = json.RootElement.GetProperty("sourceReconnects").GetInt64();
        reconnects.Should().BeGreaterThanOrEqualTo(1);
        Probe.Entity(json, "EVENT", "source").Should().Be(Events, "no row read twice is counted twice");
        Probe.Entity(json, "EVENT", "written").Should().Be(Events);
        (await w.CountItemsAsync("EVENT")).Should().Be(Events);
        Figures.Record(output, "postgres-restarted-" + mode, new
        {
            events = Events,
            stopMode = mode,
            downSeconds = downFor.TotalSeconds,
            checkpointAtStop = readAtStop,
            exit,
            sourceReconnects = reconnects,
            verified = true,
            durationSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        });
    }

    [Fact]
    public async Task Source_server_down_beyond_the_reconnect_budget_the_run_stops_clearly_and_the_rerun_after_the_restart_verifies()
    {
        var clock = Stopwatch.StartNew();
        await using var source = await PostgresLocalProcess.StartAsync();
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);
        var env = await SeedAsync(source, w);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        long readAtStop;
        int firstExit;
        using (var p = CliRunner.Start(
                   ["migrate", "--table", w.Table, "--state-dir", w.StateDir, "--no-verify", "--parallelism", "2", "--source-retries", "2"],
                   Streaming(env, source), stdout, stderr))
        {
            try
            {
                readAtStop = await StopWhileStreamingAsync(p, w, source, "fast", stderr);
                using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
                await p.WaitForExitAsync(cts.Token);
                firstExit = p.ExitCode;
            }
            finally
            {
                await Probe.KillAsync(p);
            }
        }

        var first = stdout + "\n" + stderr;
        firstExit.Should().Be(1, "two reconnects (1 s, 2 s) cannot reach a stopped server: " + first);
        first.Should().Contain("EVENT: the source connection was lost").And.Contain("reconnect 1 of 2").And.Contain("reconnect 2 of 2")
            .And.NotContain("reconnect 3 of");
        stderr.ToString().Should().Contain("the source database failed", first)
            .And.Contain("rerun to resume", "the message must say the checkpoint keeps the progress")
            .And.NotContain("   at ", "no stack trace without --verbose");
        var password = new NpgsqlConnectionStringBuilder(source.ConnectionString).Password!;
        first.Should().NotContain(password, "no secret in an error");
        var eventsAtStop = await w.CountItemsAsync("EVENT");
        var checkpointAfterStop = Probe.CheckpointRead(w.StateDir);

        // A rerun while the server is still down: refused clearly, the checkpoint untouched.
        var down = await CliRunner.RunAsync(["migrate", "--table", w.Table, "--state-dir", w.StateDir, "--source-retries", "0"], env, TimeSpan.FromMinutes(2));
        down.ExitCode.Should().Be(1, down.All);
        down.All.Should().Contain("the source database failed").And.Contain("rerun to resume").And.NotContain("   at ").And.NotContain(password);
        Probe.CheckpointRead(w.StateDir).Should().Be(checkpointAfterStop, "a run that cannot reach the source moves no checkpoint");

        await source.StartAgainAsync();
        var report = Path.Combine(w.Folder, "rerun.json");
        var rerun = await CliRunner.RunAsync(["migrate", "--table", w.Table, "--state-dir", w.StateDir, "--report", report], env, TimeSpan.FromMinutes(4));

        rerun.ExitCode.Should().Be(0, "first run:\n" + first + "\nrun while down:\n" + down.All + "\nrerun:\n" + rerun.All);
        using var json = Probe.Report(report);
        json.RootElement.GetProperty("verified").GetBoolean().Should().BeTrue();
        Probe.Entity(json, "EVENT", "source").Should().Be(Events, "no row read twice is counted twice");
        Probe.Entity(json, "EVENT", "written").Should().Be(Events);
        (await w.CountItemsAsync("EVENT")).Should().Be(Events);
        Figures.Record(output, "postgres-down-beyond-budget", new
        {
            events = Events,
            checkpointAtStop = readAtStop,
            eventsInTargetWhenStopped = eventsAtStop,
            firstRunExit = firstExit,
            runWhileDownExit = down.ExitCode,
            rerunVerified = true,
            durationSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        });
    }

    private static async Task<Dictionary<string, string?>> SeedAsync(PostgresLocalProcess source, MigrationWorld w)
    {
        var env = w.Env;
        env["VDP_SOURCE"] = source.ConnectionString;
        (await CliRunner.RunAsync(["seed", $"scale:{Events}"], env, TimeSpan.FromMinutes(3))).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync(["provision", "--table", w.Table], env)).ExitCode.Should().Be(0);
        return env;
    }

    private static Dictionary<string, string?> Streaming(Dictionary<string, string?> env, PostgresLocalProcess source) =>
        new(env) { ["VDP_SOURCE"] = source.ConnectionString + ";Socket Receive Buffer Size=16384" };

    private static async Task<long> StopWhileStreamingAsync(Process p, MigrationWorld w, PostgresLocalProcess source, string mode, StringBuilder stderr)
    {
        await Probe.WaitForCheckpointAsync(p, w.StateDir, 500);
        p.HasExited.Should().BeFalse("the run must be streaming events when the server goes down: " + stderr);
        var read = Probe.CheckpointRead(w.StateDir);
        await source.StopAsync(mode);
        return read;
    }
}
