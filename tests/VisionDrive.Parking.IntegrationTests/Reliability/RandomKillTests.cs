using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using VisionDrive.Parking.TestSupport;
using Xunit.Abstractions;

namespace VisionDrive.Parking.IntegrationTests.Reliability;

/// <summary>
/// <c>vdp migrate</c> and then <c>vdp sync</c> SIGKILLed at a random moment (three fixed seeds); after each kill the command is run
/// again and the target verified. The source changes between the migration and the sync (inserts, updates, deletes).
/// </summary>
public sealed class RandomKillTests(PostgresServer pg, DynamoDbServer ddb, ITestOutputHelper output)
    : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    private const int Events = 8_000;

    [Fact]
    public async Task Killed_at_random_points_in_migrate_and_sync_every_rerun_ends_verified()
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);
        (await w.VdpAsync("seed", $"scale:{Events}")).ExitCode.Should().Be(0);
        var figures = new List<object>();
        var clock = Stopwatch.StartNew();

        foreach (var seed in new[] { 1, 2, 3 })
        {
            var random = new Random(seed);
            var table = ddb.NewTableName("vdp-kill");
            var state = Path.Combine(w.Folder, $"state-{seed}");
            (await w.VdpAsync("provision", "--table", table)).ExitCode.Should().Be(0);

            var migrateKill = TimeSpan.FromMilliseconds(random.Next(800, 5000));
            var migrateKilled = await RunAndKillAsync(w, ["migrate", "--table", table, "--state-dir", state, "--no-verify"], migrateKill);
            var rerun = await w.VdpAsync(TimeSpan.FromMinutes(4), "migrate", "--table", table, "--state-dir", state);
            rerun.ExitCode.Should().Be(0, $"seed {seed}, migrate killed after {migrateKill.TotalMilliseconds} ms: {rerun.All}");

            // The source moves on after the bulk copy.
            var s = seed.ToString(CultureInfo.InvariantCulture);
            await w.ExecuteSqlAsync($"""
                SELECT setseed(0.{s});
                INSERT INTO sensor_events (id, time, "tenantId", "sensorId", kind, decoded)
                  SELECT 'evt-sync-{s}-' || g, timestamptz '2026-02-01' + g * interval '1 second', "tenantId", id, 'HEARTBEAT', jsonb_build_object('battery', g)
                  FROM (SELECT "tenantId", id FROM sensors ORDER BY id LIMIT 1) s, generate_series(1, 300) g;
                UPDATE sensor_events SET decoded = jsonb_build_object('rewritten', {s}) WHERE id IN (SELECT id FROM sensor_events ORDER BY random() LIMIT 200);
                DELETE FROM sensor_events WHERE id IN (SELECT id FROM sensor_events ORDER BY random() LIMIT 150);
                UPDATE zones SET name = name || ' #{s}' WHERE id = (SELECT id FROM zones ORDER BY random() LIMIT 1);
                UPDATE alerts SET status = 'ACKNOWLEDGED' WHERE id = (SELECT id FROM alerts WHERE status = 'OPEN' ORDER BY random() LIMIT 1);
                """);

            var syncKill = TimeSpan.FromMilliseconds(random.Next(600, 4000));
            var syncKilled = await RunAndKillAsync(w, ["sync", "--table", table, "--state-dir", state], syncKill);
            var sync = await w.VdpAsync(TimeSpan.FromMinutes(4), "sync", "--table", table, "--state-dir", state);
            sync.ExitCode.Should().Be(0, $"seed {seed}, sync killed after {syncKill.TotalMilliseconds} ms: {sync.All}");
            var verify = await w.VdpAsync(TimeSpan.FromMinutes(4), "verify", "--table", table);
            verify.ExitCode.Should().Be(0, $"seed {seed}: {verify.All}");

            figures.Add(new { seed, migrateKillMs = migrateKill.TotalMilliseconds, migrateKilled, syncKillMs = syncKill.TotalMilliseconds, syncKilled });
        }

        Figures.Record(output, "sigkill-random-migrate-and-sync", new { events = Events, runs = figures, durationSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1) });
    }

    /// <summary>Starts the command and SIGKILLs it after <paramref name="after"/>; returns whether it was still running then.</summary>
    private static async Task<bool> RunAndKillAsync(MigrationWorld w, string[] args, TimeSpan after)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var p = CliRunner.Start(args, w.Env, stdout, stderr);
        var exited = p.WaitForExit(after);
        if (exited)
        {
            p.ExitCode.Should().BeOneOf([0, 3], "the run finished before the kill; it must not have failed: " + stdout + stderr);
            return false;
        }

        await Probe.KillAsync(p);
        return true;
    }
}
