using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using Npgsql;

namespace VisionDrive.Parking.TestSupport.Servers;

/// <summary>
/// PostgreSQL 15 of the test process: initdb into a temporary folder, a free loopback port, TLS with a certificate of
/// <see cref="TestCertificateAuthority"/>, TCP only <c>hostssl … scram-sha-256</c>, the superuser only over the instance's own Unix socket
/// (peer, for the OS users root and postgres), a login role <c>vdp</c> (random password, CREATEDB) owning database <c>vdp</c>.
/// Run as the OS user postgres (through <c>setpriv</c>) when the test process is root.
/// </summary>
public sealed class LocalPostgres : IDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private ServerProcess? _process;

    private LocalPostgres(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        Port = port;
    }

    /// <summary>The TCP port on 127.0.0.1; it stays the same across <see cref="Stop"/> and <see cref="Start"/>.</summary>
    public int Port { get; }

    /// <summary>The CA certificate that signed the server's certificate (<c>ca.key</c>, <c>server.crt</c> and <c>server.key</c> beside it).</summary>
    public string CaFile => Path.Combine(_root, "tls", "ca.crt");

    /// <summary>The folder of the server's Unix socket.</summary>
    public string SocketDirectory => Path.Combine(_root, "socket");

    /// <summary>The server's log.</summary>
    public string LogFile => Path.Combine(_root, "postgres.log");

    /// <summary>Role <c>vdp</c> to database <c>vdp</c> over TLS verify-full against <see cref="CaFile"/>.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The superuser <c>postgres</c> to database <c>vdp</c> over the Unix socket (peer authentication, no password).</summary>
    public string AdminConnectionString =>
        new NpgsqlConnectionStringBuilder { Host = SocketDirectory, Port = Port, Database = "vdp", Username = "postgres" }.ConnectionString;

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>The binaries this class needs, or a failure that names the command installing them.</summary>
    public static string FindBinaries()
    {
        var bin = TestEnvironment.Peek("VDP_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
        foreach (var program in new[] { "initdb", "postgres" })
        {
            if (!File.Exists(Path.Combine(bin, program)))
            {
                throw new InvalidOperationException(
                    $"PostgreSQL 15 is not installed ({Path.Combine(bin, program)} not found): `bash scripts/services.sh` installs it " +
                    $"(apt-get install postgresql-15, as root), or set {TestEnvironment.PostgresVariable} to a server of yours.");
            }
        }

        return bin;
    }

    /// <summary>Creates, starts and sets up a server in a new folder under <paramref name="parent"/>.</summary>
    public static LocalPostgres Create(string parent)
    {
        var bin = FindBinaries();
        var root = LocalServers.CreateFolder(Path.Combine(parent, "postgres"));
        var pg = new LocalPostgres(bin, root, LoopbackPorts.Free());
        try
        {
            pg.Initialize();
            pg.Start();
            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
            using (var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(pg.AdminConnectionString) { Database = "postgres", Pooling = false }.ConnectionString))
            {
                conn.Open();
                foreach (var sql in new[] { $"CREATE ROLE vdp LOGIN CREATEDB PASSWORD '{password}'", "CREATE DATABASE vdp OWNER vdp" })
                {
                    using var cmd = new NpgsqlCommand(sql, conn);
                    cmd.ExecuteNonQuery();
                }
            }

            pg.ConnectionString = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1",
                Port = pg.Port,
                Database = "vdp",
                Username = "vdp",
                Password = password,
                SslMode = SslMode.VerifyFull,
                RootCertificate = pg.CaFile,
            }.ConnectionString;
            return pg;
        }
        catch
        {
            pg.Dispose();
            throw;
        }
    }

    /// <summary>Starts the server (again) on the same port and data, and waits until it accepts connections on its socket.</summary>
    public void Start()
    {
        if (_process is { IsRunning: true })
        {
            return;
        }

        _process?.Dispose();
        _process = ServerProcess.Start("PostgreSQL", LogFile, "INT", "/", [.. AsPostgres(Path.Combine(_bin, "postgres"), "-D", DataDirectory)]);
        var admin = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = "postgres", Pooling = false, Timeout = 5 }.ConnectionString;
        LocalServers.WaitUntil(_process, LocalServers.StartTimeout, () =>
        {
            using var conn = new NpgsqlConnection(admin);
            conn.Open();
        });
    }

    /// <summary>
    /// Stops the server: <paramref name="immediate"/> false is a fast shutdown (SIGINT: sessions ended, a clean stop), true an immediate one
    /// (SIGQUIT: every process quits at once, crash recovery on the next start).
    /// </summary>
    public void Stop(bool immediate = false)
    {
        _process?.Signal(immediate ? "QUIT" : "INT", TimeSpan.FromSeconds(60));
        _process?.Dispose();
        _process = null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _process?.Dispose();
        _process = null;
    }

    private void Initialize()
    {
        TestCertificateAuthority.Create(Path.Combine(_root, "tls"));
        Directory.CreateDirectory(SocketDirectory);
        var root = LocalServers.IsRoot;
        if (root)
        {
            LocalServers.Run("chown", "-R", "postgres:postgres", _root);
        }

        LocalServers.Run(AsPostgres(Path.Combine(_bin, "initdb"), "-D", DataDirectory, "-U", "postgres", "-E", "UTF8", "--locale=C",
            "--auth-local=peer", "--auth-host=scram-sha-256", "--no-sync", "--no-instructions"));
        File.AppendAllText(Path.Combine(DataDirectory, "postgresql.conf"), string.Join('\n',
            "",
            "# ---- VisionDrive.Parking.Data test server (tests/VisionDrive.Parking.TestSupport) ----",
            "listen_addresses = '127.0.0.1'",
            string.Create(CultureInfo.InvariantCulture, $"port = {Port}"),
            $"unix_socket_directories = '{SocketDirectory}'",
            "max_connections = 200",
            "ssl = on",
            $"ssl_cert_file = '{Path.Combine(_root, "tls", "server.crt")}'",
            $"ssl_key_file = '{Path.Combine(_root, "tls", "server.key")}'",
            "ssl_min_protocol_version = 'TLSv1.2'",
            "password_encryption = 'scram-sha-256'",
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = off",
            "log_line_prefix = '%m [%p] %q%u@%d '",
            ""));
        File.WriteAllText(Path.Combine(DataDirectory, "pg_hba.conf"), string.Join('\n',
            "# the postgres superuser over the Unix socket, for the OS users root and postgres; everything over TCP: TLS + SCRAM only",
            "local    all  postgres                 peer map=vdp_admin",
            "hostssl  all  all       127.0.0.1/32   scram-sha-256",
            ""));
        File.WriteAllText(Path.Combine(DataDirectory, "pg_ident.conf"), string.Join('\n',
            "vdp_admin   root             postgres",
            "vdp_admin   postgres         postgres",
            $"vdp_admin   {Environment.UserName}  postgres",
            ""));
        if (root)
        {
            LocalServers.Run("chown", "-R", "postgres:postgres", _root);
        }
    }

    private static List<string> AsPostgres(string program, params string[] args)
    {
        var command = LocalServers.IsRoot
            ? new List<string> { "setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--", program }
            : [program];
        command.AddRange(args);
        return command;
    }
}
