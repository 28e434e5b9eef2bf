using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Security;

/// <summary><c>scripts/sql/readonly-role.sql</c>: the migration and verification work as the read-only role, and the role can do nothing else.</summary>
public sealed class ReadOnlyRoleTests(PostgresServer pg, DynamoDbServer ddb) : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    [Fact]
    public async Task Migrate_and_verify_work_as_the_read_only_role_which_can_neither_write_nor_read_other_tables()
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        await w.ExecuteSqlAsync("CREATE TABLE billing_secrets (id int); INSERT INTO billing_secrets VALUES (1);");
        var role = "vdp_ro_" + Guid.NewGuid().ToString("N")[..12];
        var password = "ro-" + Guid.NewGuid().ToString("N");
        var database = new NpgsqlConnectionStringBuilder(w.Source).Database!;
        try
        {
            await RunScriptAsync(database, role, password);
            await RunScriptAsync(database, role, password); // idempotent
            var asRole = new NpgsqlConnectionStringBuilder(w.Source) { Username = role, Password = password }.ConnectionString;
            var env = w.Env;
            env["VDP_SOURCE"] = asRole;

            var migrate = await CliRunner.RunAsync(["migrate", "--table", w.Table, "--state-dir", w.StateDir], env);
            var verify = await CliRunner.RunAsync(["verify", "--table", w.Table], env);

            migrate.ExitCode.Should().Be(0, migrate.All);
            verify.ExitCode.Should().Be(0, verify.All);
            (await w.CountItemsAsync()).Should().Be(356);
            await using var conn = new NpgsqlConnection(asRole);
            await conn.OpenAsync();
            foreach (var sql in new[]
                     {
                         "UPDATE zones SET name = 'x'", "DELETE FROM alerts", "INSERT INTO tenants (id) VALUES ('t')",
                         "SELECT * FROM billing_secrets", "CREATE TABLE mine (id int)", "SET TRANSACTION READ WRITE; UPDATE zones SET name = 'x'",
                     })
            {
                await using var cmd = new NpgsqlCommand(sql, conn);
                var ex = await Record.ExceptionAsync(() => cmd.ExecuteNonQueryAsync());
                ex.Should().BeOfType<PostgresException>(sql).Which.SqlState.Should().BeOneOf(["42501", "25006"], sql);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await SecretRole.AdminAsync($"DROP OWNED BY {role}", database);
            await w.DisposeAsync();
            await SecretRole.AdminAsync($"DROP ROLE IF EXISTS {role}");
        }
    }

    private static async Task RunScriptAsync(string database, string role, string password)
    {
        var admin = new NpgsqlConnectionStringBuilder(TestEnvironment.Require("VDP_TEST_POSTGRES_ADMIN", "The PostgreSQL superuser connection"));
        var psql = Path.Combine(Environment.GetEnvironmentVariable("VDP_PG_BIN") ?? "/usr/lib/postgresql/15/bin", "psql");
        var psi = new ProcessStartInfo(File.Exists(psql) ? psql : "psql") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[]
                 {
                     $"host={admin.Host} port={admin.Port} dbname={database} user={admin.Username}", "-X", "-q", "-v", "role=" + role,
                     "-f", Path.Combine(TestEnvironment.RepositoryRoot, "scripts", "sql", "readonly-role.sql"),
                 })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["VDP_MIGRATION_PASSWORD"] = password;
        using var p = Process.Start(psi)!;
        var stderr = await p.StandardError.ReadToEndAsync();
        var stdout = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        p.ExitCode.Should().Be(0, stdout + stderr);
        stdout.Should().NotContain(password);
    }
}
