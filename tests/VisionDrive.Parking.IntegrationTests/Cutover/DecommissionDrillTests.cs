using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.TestSupport;
using VisionDrive.Parking.TestSupport.Servers;

namespace VisionDrive.Parking.IntegrationTests.Cutover;

/// <summary>
/// The runbook's decommission step (<c>docs/cutover.md</c>, "Decommission") as a drill against real servers: after the migration, an archive
/// of the source (<c>pg_dump -Fc</c>, the PostgreSQL binaries the fixture runs, its TLS and credentials) is restored into a scratch database
/// (<c>pg_restore</c>), and <c>vdp verify</c> of the restored copy against the table is clean; one row changed in the copy is caught by key.
/// </summary>
public sealed class DecommissionDrillTests : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);
    private readonly PostgresServer _pg;
    private readonly DynamoDbServer _ddb;

    public DecommissionDrillTests(PostgresServer pg, DynamoDbServer ddb)
    {
        _pg = pg;
        _ddb = ddb;
    }

    [Fact]
    public async Task The_restored_archive_of_the_source_verifies_against_the_table_and_a_changed_row_is_named()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        var migrate = await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir);
        migrate.ExitCode.Should().Be(0, migrate.All);

        // The archive: custom format, over TLS verify-full with the fixture's role.
        var archive = Path.Combine(w.Folder, "source.dump");
        var dump = await RunToolAsync("pg_dump", w.Source, "--format=custom", "--no-owner", "--no-privileges", "--file", archive);
        dump.ExitCode.Should().Be(0, dump.Output);
        new FileInfo(archive).Length.Should().BeGreaterThan(0);
        var list = await RunToolAsync("pg_restore", w.Source, "--list", archive);
        list.ExitCode.Should().Be(0, list.Output);
        list.Output.Should().Contain("TABLE DATA public sensor_events").And.Contain("TABLE DATA public zones");

        // Restored into a scratch database; the source is then dropped, so the verify below can read nothing but the archive's copy.
        var scratch = await _pg.CreateDatabaseAsync("vdp_scratch");
        try
        {
            var restore = await RunToolAsync("pg_restore", scratch, "--no-owner", "--no-privileges", "--exit-on-error", "--dbname", DatabaseName(scratch), archive);
            restore.ExitCode.Should().Be(0, restore.Output);
            await _pg.DropDatabaseAsync(w.Source);

            var stateDir = Path.Combine(w.Folder, "drill-state");
            var clean = await CliRunner.RunAsync(["verify", "--source", scratch, "--table", w.Table, "--state-dir", stateDir], w.Env);

            clean.ExitCode.Should().Be(0, "the restored archive holds what the table holds: " + clean.All);
            clean.StdOut.Should().Contain("COMPLETE AND VERIFIED");
            File.Exists(Path.Combine(stateDir, "last-verify.json")).Should().BeTrue();

            string zoneId;
            await using (var conn = new NpgsqlConnection(scratch))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand(
                    "UPDATE zones SET name = name || ' (changed after the archive)' WHERE id = (SELECT min(id) FROM zones) RETURNING id", conn);
                zoneId = (string)(await cmd.ExecuteScalarAsync())!;
            }

            var changed = await CliRunner.RunAsync(["verify", "--source", scratch, "--table", w.Table, "--state-dir", stateDir], w.Env);

            changed.ExitCode.Should().Be(3, changed.All);
            changed.StdOut.Should().Contain($"ZONE different:         ZONE#{zoneId}|METADATA").And.Contain("NOT VERIFIED");
        }
        finally
        {
            await _pg.DropDatabaseAsync(scratch);
        }
    }

    private static string DatabaseName(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database!;

    /// <summary>
    /// Runs a client program of the fixture's PostgreSQL (<see cref="LocalPostgres.FindBinaries"/>) on the database of
    /// <paramref name="connectionString"/>: host, port, role and password through the libpq environment (never the command line), and the
    /// connection string's TLS mode and CA.
    /// </summary>
    private static async Task<(int ExitCode, string Output)> RunToolAsync(string program, string connectionString, params string[] args)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var psi = new ProcessStartInfo(Path.Combine(LocalPostgres.FindBinaries(), program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var env = new Dictionary<string, string?>
        {
            ["PGHOST"] = cs.Host,
            ["PGPORT"] = cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGUSER"] = cs.Username,
            ["PGPASSWORD"] = cs.Password,
            ["PGDATABASE"] = cs.Database,
            ["PGSSLMODE"] = cs.SslMode switch
            {
                SslMode.VerifyFull => "verify-full",
                SslMode.VerifyCA => "verify-ca",
                SslMode.Require => "require",
                SslMode.Disable => "disable",
                _ => "prefer",
            },
            ["PGSSLROOTCERT"] = cs.RootCertificate,
        };
        foreach (var (k, v) in env)
        {
            if (!string.IsNullOrEmpty(v))
            {
                psi.Environment[k] = v;
            }
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(ToolTimeout);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in {ToolTimeout}.");
        }

        return (p.ExitCode, await stdout + "\n" + await stderr);
    }
}
