using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Reliability;

/// <summary>
/// A DynamoDB Local of this test alone, persistent (<c>-dbPath</c> in a temp folder) on a free loopback port, so the test can
/// SIGKILL and restart it without touching the shared server other test classes use. Started from the jar in <c>VDP_DYNAMODB_JAR_DIR</c>.
/// </summary>
internal sealed class DynamoDbLocalProcess : IAsyncDisposable
{
    private Process? _java;

    private DynamoDbLocalProcess(string jarDir, string dbPath, int port)
    {
        JarDir = jarDir;
        DbPath = dbPath;
        Port = port;
    }

    public string JarDir { get; }

    public string DbPath { get; }

    public int Port { get; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public static async Task<DynamoDbLocalProcess> StartAsync()
    {
        var jarDir = TestEnvironment.Require("VDP_DYNAMODB_JAR_DIR", "The DynamoDB Local jar folder");
        // On tmpfs when there is one: DynamoDB Local's SQLite with fsync on a loaded disk writes ~40 items/s; tmpfs survives a process kill all the same.
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var dbPath = Directory.CreateDirectory(Path.Combine(root, "vdp-ddb-" + Guid.NewGuid().ToString("N"))).FullName;
        var p = new DynamoDbLocalProcess(jarDir, dbPath, LoopbackPorts.Free());
        await p.StartAgainAsync();
        return p;
    }

    /// <summary>Starts (again) on the same port and data folder and waits until it answers.</summary>
    public async Task StartAgainAsync()
    {
        var psi = new ProcessStartInfo("java")
        {
            WorkingDirectory = JarDir,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[]
                 {
                     "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Djava.library.path=DynamoDBLocal_lib", "-jar", "DynamoDBLocal.jar",
                     "-dbPath", DbPath, "-sharedDb", "-disableTelemetry", "-port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 })
        {
            psi.ArgumentList.Add(a);
        }

        _java = Process.Start(psi)!;
        _java.OutputDataReceived += (_, _) => { };
        _java.ErrorDataReceived += (_, _) => { };
        _java.BeginOutputReadLine();
        _java.BeginErrorReadLine();

        using var client = CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            try
            {
                await client.ListTablesAsync();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline && !_java.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>SIGKILL: no shutdown hook runs, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (_java is { HasExited: false })
        {
            _java.Kill(entireProcessTree: true);
            await _java.WaitForExitAsync();
        }

        _java?.Dispose();
        _java = null;
    }

    public AmazonDynamoDBClient CreateClient() => DynamoDbServer.CreateClient(ServiceUrl);

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(DbPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
