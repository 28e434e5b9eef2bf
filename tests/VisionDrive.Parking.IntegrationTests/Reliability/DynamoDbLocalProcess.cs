using System;
using System.IO;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using VisionDrive.Parking.TestSupport;
using VisionDrive.Parking.TestSupport.Servers;

namespace VisionDrive.Parking.IntegrationTests.Reliability;

/// <summary>
/// A DynamoDB Local of this test alone (<see cref="LocalDynamoDb"/>), persistent (<c>-dbPath</c> in a folder of its own) on a free
/// loopback port, so the test can SIGKILL and restart it without touching the server the other test classes use.
/// </summary>
internal sealed class DynamoDbLocalProcess : IAsyncDisposable
{
    private readonly LocalDynamoDb _server;
    private readonly string _folder;

    private DynamoDbLocalProcess(LocalDynamoDb server, string folder)
    {
        _server = server;
        _folder = folder;
    }

    public string ServiceUrl => _server.ServiceUrl;

    public static Task<DynamoDbLocalProcess> StartAsync() => Task.Run(() =>
    {
        // On tmpfs when there is one: DynamoDB Local's SQLite with fsync on a loaded disk writes ~40 items/s; tmpfs survives a process kill all the same.
        var parent = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var folder = LocalServers.CreateFolder(Path.Combine(parent, "vdp-ddb-" + Guid.NewGuid().ToString("N")[..12]));
        try
        {
            return new DynamoDbLocalProcess(LocalDynamoDb.Create(folder, LocalServers.CreateFolder(Path.Combine(folder, "db")), heap: "512m"), folder);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    });

    /// <summary>Starts (again) on the same port and data folder and waits until it answers.</summary>
    public Task StartAgainAsync() => Task.Run(_server.Start);

    /// <summary>SIGKILL: no shutdown hook runs, as in a crash.</summary>
    public Task KillAsync() => Task.Run(() => _server.Stop(kill: true));

    public AmazonDynamoDBClient CreateClient() => DynamoDbServer.CreateClient(ServiceUrl);

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
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
