using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Reliability;

/// <summary>
/// A PostgreSQL 15 instance of this test alone (initdb into a temp folder, a free loopback port), so the test can stop and restart
/// the server without touching the shared one other test classes use in parallel. Same TLS as the shared server: the certificate and
/// key next to <c>VDP_TEST_POSTGRES_CA</c> (made by <c>TestCertificateAuthority</c> for the process's PostgreSQL), TCP only <c>hostssl … scram-sha-256</c>; the
/// superuser only over this instance's own Unix socket. Binaries from <c>VDP_PG_BIN</c>; commands run as the OS user <c>postgres</c>
/// (through <c>runuser</c>, so the test process must be root, as <c>scripts/test.sh</c> is).
/// </summary>
internal sealed class PostgresLocalProcess : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;

    private PostgresLocalProcess(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    private string DataDir => Path.Combine(_root, "data");

    private string SocketDir => Path.Combine(_root, "socket");

    public string LogFile => Path.Combine(_root, "postgres.log");

    /// <summary>A connection string for the login role made by <see cref="StartAsync"/>: the shared server's TLS settings (verify-full, its CA).</summary>
    public string ConnectionString { get; private set; } = "";

    private string AdminConnectionString =>
        new NpgsqlConnectionStringBuilder { Host = SocketDir, Port = Port, Username = "postgres", Database = "postgres", Pooling = false }.ConnectionString;

    /// <summary>initdb, configure (TLS from the shared server's CA folder), start, and make a login role and a database for it.</summary>
    public static async Task<PostgresLocalProcess> StartAsync()
    {
        var bin = TestEnvironment.Require("VDP_PG_BIN", "The PostgreSQL binaries folder (initdb, pg_ctl)");
        var ca = TestEnvironment.Require("VDP_TEST_POSTGRES_CA", "The test CA certificate");
        var shared = TestEnvironment.Require(TestEnvironment.PostgresVariable, "PostgreSQL");
        var tls = Path.GetDirectoryName(ca)!;
        foreach (var f in new[] { "server.crt", "server.key" })
        {
            if (!File.Exists(Path.Combine(tls, f)))
            {
                throw new InvalidOperationException($"{f} is not next to {ca}: the PostgreSQL of the test process (LocalPostgres) makes both.");
            }
        }

        if (!string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                "This test starts a PostgreSQL of its own as the OS user postgres (runuser): run it as root, as scripts/test.sh does in CI.");
        }

        // tmpfs when there is one: initdb and the seed are disk-bound, and a server stop/start keeps its files all the same.
        var parent = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var root = Directory.CreateDirectory(Path.Combine(parent, "vdp-pg-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        var pg = new PostgresLocalProcess(bin, root, LoopbackPorts.Free());
        try
        {
            Directory.CreateDirectory(pg.SocketDir);
            await RunAsync("chown", "-R", "postgres:postgres", root);
            await pg.AsPostgresAsync(Path.Combine(bin, "initdb"), "-D", pg.DataDir, "-U", "postgres", "-E", "UTF8", "--locale=C",
                "--auth-local=trust", "--auth-host=reject");
            await File.AppendAllTextAsync(Path.Combine(pg.DataDir, "postgresql.conf"), string.Join('\n',
                "",
                "# ---- PostgresLocalProcess (VisionDrive.Parking.IntegrationTests) ----",
                "listen_addresses = '127.0.0.1'",
                FormattableString.Invariant($"port = {pg.Port}"),
                $"unix_socket_directories = '{pg.SocketDir}'",
                "max_connections = 50",
                "ssl = on",
                $"ssl_cert_file = '{Path.Combine(tls, "server.crt")}'",
                $"ssl_key_file = '{Path.Combine(tls, "server.key")}'",
                "ssl_min_protocol_version = 'TLSv1.2'",
                "password_encryption = 'scram-sha-256'",
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                "log_line_prefix = '%m [%p] %q%u@%d '",
                ""));
            await File.WriteAllTextAsync(Path.Combine(pg.DataDir, "pg_hba.conf"), string.Join('\n',
                "# PostgresLocalProcess: the superuser over this instance's own socket; TCP only TLS + SCRAM",
                "local    all  postgres                 trust",
                "hostssl  all  all       127.0.0.1/32   scram-sha-256",
                ""));
            await RunAsync("chown", "postgres:postgres", Path.Combine(pg.DataDir, "postgresql.conf"), Path.Combine(pg.DataDir, "pg_hba.conf"));
            await pg.StartAgainAsync();

            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            var role = "vdp_own";
            await using (var conn = new NpgsqlConnection(pg.AdminConnectionString))
            {
                await conn.OpenAsync();
                foreach (var sql in new[] { $"CREATE ROLE {role} LOGIN PASSWORD '{password}'", $"CREATE DATABASE vdp_own OWNER {role}" })
                {
                    await using var cmd = new NpgsqlCommand(sql, conn);
                    await cmd.ExecuteNonQueryAsync();
                }
            }

            pg.ConnectionString = new NpgsqlConnectionStringBuilder(shared)
            {
                Port = pg.Port,
                Database = "vdp_own",
                Username = role,
                Password = password,
            }.ConnectionString;
            return pg;
        }
        catch
        {
            await pg.DisposeAsync();
            throw;
        }
    }

    /// <summary><c>pg_ctl start</c> on the same port and data folder, waiting until it accepts connections.</summary>
    public Task StartAgainAsync() =>
        AsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", DataDir, "-l", LogFile, "-w", "-t", "120", "start");

    /// <summary>
    /// <c>pg_ctl stop</c>: <c>fast</c> (the usual restart: backends terminated, a clean shutdown) or <c>immediate</c> (a crash:
    /// every process quits at once, recovery on the next start).
    /// </summary>
    public Task StopAsync(string mode = "fast") =>
        AsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", DataDir, "-m", mode, "-w", "-t", "60", "stop");

    public async ValueTask DisposeAsync()
    {
        var pidFile = Path.Combine(DataDir, "postmaster.pid");
        if (File.Exists(pidFile))
        {
            try
            {
                await StopAsync("immediate");
            }
            catch (InvalidOperationException)
            {
                // pg_ctl could not stop it: kill the postmaster (its children exit with it) rather than leave a server behind.
                try
                {
                    var pid = int.Parse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture);
                    using var postmaster = Process.GetProcessById(pid);
                    postmaster.Kill(entireProcessTree: true);
                    await postmaster.WaitForExitAsync();
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or FormatException)
                {
                }
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task AsPostgresAsync(string program, params string[] args)
    {
        var all = new List<string> { "-u", "postgres", "--", program };
        all.AddRange(args);
        return RunAsync("runuser", [.. all]);
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        var (o, e) = (await stdout, await stderr);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{program} {string.Join(' ', args)} exited {p.ExitCode}:\n{o}\n{e}"));
        }
    }
}
