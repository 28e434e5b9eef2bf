using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.TestSupport;
using Xunit.Abstractions;

namespace VisionDrive.Parking.IntegrationTests.Reliability;

/// <summary>The migration's PostgreSQL backend terminated (<c>pg_terminate_backend</c>) while it streams events: the run resumes from its checkpoint on a new connection.</summary>
public sealed class PostgresTerminateTests(PostgresServer pg, DynamoDbServer ddb, ITestOutputHelper output)
    : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    // More event rows than the server's socket send buffer (4 MB here) holds, and a small client receive buffer, so the backend is
    // still streaming (not done and buffered on our side) when it is terminated.
    private const int Events = 40_000;

    [Fact]
    public async Task Source_backend_terminated_mid_stream_the_run_reconnects_and_resumes_without_loss_or_duplicates()
    {
        var clock = Stopwatch.StartNew();
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);
        (await w.VdpAsync("seed", $"scale:{Events}")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        var database = new NpgsqlConnectionStringBuilder(w.Source).Database!;

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        long terminated;
        long readAtKill;
        int exit;
        var env = w.Env;
        env["VDP_SOURCE"] = w.Source + ";Socket Receive Buffer Size=16384";
        var report = Path.Combine(w.Folder, "report.json");
        using (var p = CliRunner.Start(
                   ["migrate", "--table", w.Table, "--state-dir", w.StateDir, "--no-verify", "--parallelism", "2", "--report", report], env, stdout, stderr))
        {
            try
            {
                await Probe.WaitForCheckpointAsync(p, w.StateDir, 500);
                p.HasExited.Should().BeFalse("the run must be streaming events when its backend is terminated: " + stderr);
                readAtKill = Probe.CheckpointRead(w.StateDir);
                terminated = await TerminateBackendsAsync(database);
                using var cts = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(4));
                await p.WaitForExitAsync(cts.Token);
                exit = p.ExitCode;
            }
            finally
            {
                await Probe.KillAsync(p); // on a failed assertion or a timeout: no run left retrying against a deleted folder
            }
        }

        terminated.Should().BeGreaterThan(0, "the migration's backend was found in pg_stat_activity by its database");
        var all = stdout + "\n" + stderr;
        exit.Should().Be(0, "a lost connection is resumed from the checkpoint in the same run: " + all);
        all.Should().Contain("EVENT: the source connection was lost", "the backend was terminated while events streamed")
            .And.Contain("reconnect 1 of 5").And.NotContain("   at ");
        using (var json = Probe.Report(report))
        {
            json.RootElement.GetProperty("sourceReconnects").GetInt64().Should().BeGreaterThanOrEqualTo(1);
            Probe.Entity(json, "EVENT", "source").Should().Be(Events, "no row read twice is counted twice");
            Probe.Entity(json, "EVENT", "written").Should().Be(Events);
        }

        (await w.CountItemsAsync("EVENT")).Should().Be(Events);
        var verify = await w.VdpAsync(TimeSpan.FromMinutes(4), "verify", "--table", w.Table);
        verify.ExitCode.Should().Be(0, verify.All);
        using var done = Probe.Report(report);
        Figures.Record(output, "postgres-backend-terminated", new
        {
            events = Events,
            checkpointAtTermination = readAtKill,
            backendsTerminated = terminated,
            sourceReconnects = done.RootElement.GetProperty("sourceReconnects").GetInt64(),
            exit,
            verified = verify.ExitCode == 0,
            durationSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        });
    }

    private static async Task<long> TerminateBackendsAsync(string database)
    {
        var admin = TestEnvironment.Require("VDP_TEST_POSTGRES_ADMIN", "The PostgreSQL superuser connection");
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", conn);
        cmd.Parameters.AddWithValue(database);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
