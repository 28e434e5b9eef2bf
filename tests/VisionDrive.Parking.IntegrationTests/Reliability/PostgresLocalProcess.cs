using System;
using System.IO;
using System.Threading.Tasks;
using VisionDrive.Parking.TestSupport.Servers;

namespace VisionDrive.Parking.IntegrationTests.Reliability;

/// <summary>
/// A PostgreSQL 15 instance of this test alone (<see cref="LocalPostgres"/> in a folder of its own, on tmpfs when there is one, a free
/// loopback port), so the test can stop and restart the server without touching the one the other test classes use in parallel.
/// Same setup as that one: TLS from a CA of its own, TCP only <c>hostssl … scram-sha-256</c>, login role <c>vdp</c>.
/// </summary>
internal sealed class PostgresLocalProcess : IAsyncDisposable
{
    private readonly LocalPostgres _server;
    private readonly string _folder;

    private PostgresLocalProcess(LocalPostgres server, string folder)
    {
        _server = server;
        _folder = folder;
    }

    public int Port => _server.Port;

    public string LogFile => _server.LogFile;

    /// <summary>Role <c>vdp</c> to database <c>vdp</c>, TLS verify-full against the instance's CA.</summary>
    public string ConnectionString => _server.ConnectionString;

    /// <summary>initdb, configure, start, and make the login role and its database.</summary>
    public static Task<PostgresLocalProcess> StartAsync() => Task.Run(() =>
    {
        // tmpfs when there is one: initdb and the seed are disk-bound, and a server stop/start keeps its files all the same.
        var parent = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var folder = LocalServers.CreateFolder(Path.Combine(parent, "vdp-pg-" + Guid.NewGuid().ToString("N")[..12]));
        try
        {
            return new PostgresLocalProcess(LocalPostgres.Create(folder), folder);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    });

    /// <summary>Starts the server again on the same port and data folder, waiting until it accepts connections.</summary>
    public Task StartAgainAsync() => Task.Run(_server.Start);

    /// <summary>
    /// Stops the server: <c>fast</c> (the usual restart: backends terminated, a clean shutdown) or <c>immediate</c> (a crash: every
    /// process quits at once, recovery on the next start).
    /// </summary>
    public Task StopAsync(string mode = "fast") => Task.Run(() => _server.Stop(immediate: mode == "immediate"));

    public async ValueTask DisposeAsync()
    {
        await StopAsync("immediate");
        _server.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
