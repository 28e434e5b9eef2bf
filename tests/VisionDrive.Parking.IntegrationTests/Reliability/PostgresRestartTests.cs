using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using VisionDrive.Parking.TestSupport;
using Xunit.Abstractions;

namespace VisionDrive.Parking.IntegrationTests.Reliability;

/// <summary>
/// The source PostgreSQL (an instance of this test's own) stopped while the migration streams events, a rerun tried while it is
/// down, then started again: the run stops clearly, the rerun in the outage is refused clearly, the rerun after it resumes and
/// verifies without loss or duplicates.
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
    public async Task Source_server_restarted_mid_stream_the_run_stops_clearly_and_the_rerun_resumes_without_loss_or_duplicates(string mode)
    {
        var clock = Stopwatch.StartNew();
        await using var source = await PostgresLocalProcess.StartAsync();
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);
        var env = w.Env;
        env["VDP_SOURCE"] = source.ConnectionString;
        (await CliRunner.RunAsync(["seed", $"scale:{Events}"], env, TimeSpan.FromMinutes(3))).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync(["provision", "--table", w.Table], env)).ExitCode.Should().Be(0);

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        long readAtStop;
        int firstExit;
        var streaming = new System.Collections.Generic.Dictionary<string, string?>(env)
        {
            ["VDP_SOURCE"] = source.ConnectionString + ";Socket Receive Buffer Size=16384",
        };
        using (var p = CliRunner.Start(["migrate", "--table", w.Table, "--state-dir", w.StateDir, "--no-verify", "--parallelism", "2"], streaming, stdout, stderr))
        {
            await Probe.WaitForCheckpointAsync(p, w.StateDir, 500);
            p.HasExited.Should().BeFalse("the run must be streaming events when the server goes down: " + stderr);
            readAtStop = Probe.CheckpointRead(w.StateDir);
            await source.StopAsync(mode);
            using var cts = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(3));
            await p.WaitForExitAsync(cts.Token);
            firstExit = p.ExitCode;
        }

        var first = stdout + "\n" + stderr;
        firstExit.Should().Be(1, "the reader does not reconnect: a lost source ends the run, the checkpoint keeps the progress: " + first);
        stderr.ToString().Should().Contain("the source database failed", first)
            .And.Contain("rerun to resume", "the message must say the checkpoint keeps the progress")
            .And.NotContain("   at ", "no stack trace without --verbose");
        var eventsAtStop = await w.CountItemsAsync("EVENT");
        var checkpointAfterStop = Probe.CheckpointRead(w.StateDir);

        // A rerun while the server is down: refused clearly (connection refused), nothing lost from the checkpoint.
        var down = await CliRunner.RunAsync(["migrate", "--table", w.Table, "--state-dir", w.StateDir], env, TimeSpan.FromMinutes(2));
        down.ExitCode.Should().Be(1, down.All);
        down.All.Should().Contain("the source database failed").And.Contain("rerun to resume").And.NotContain("   at ");
        down.All.Should().NotContain(new Npgsql.NpgsqlConnectionStringBuilder(source.ConnectionString).Password!, "no secret in an error");
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
        Figures.Record(output, "postgres-restarted-" + mode, new
        {
            events = Events,
            stopMode = mode,
            checkpointAtStop = readAtStop,
            eventsInTargetWhenStopped = eventsAtStop,
            stoppedDuringEvents = stderr.ToString().Contains("EVENT: stopped", StringComparison.Ordinal),
            firstRunExit = firstExit,
            runWhileDownExit = down.ExitCode,
            durationSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        });
    }
}
