using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace VisionDrive.Parking.TestSupport.Servers;

/// <summary>
/// DynamoDB Local of the test process: <c>java -jar DynamoDBLocal.jar -inMemory -sharedDb</c> on a free loopback port, from the jar of
/// the npm package <c>amplify-dynamodb-simulator@2.9.30</c> that <c>scripts/services.sh</c> unpacks into the cache. Heap
/// <c>VDP_DYNAMODB_XMX</c> (default 2g), extra JVM flags <c>VDP_DYNAMODB_JAVA_OPTS</c>. A restart starts with no tables, unless the
/// server was created with a database folder (<c>-dbPath</c>: its tables survive a kill).
/// </summary>
public sealed class LocalDynamoDb : IDisposable
{
    private readonly string _jarDirectory;
    private readonly string _logFile;
    private readonly string? _dbPath;
    private readonly string _heap;
    private ServerProcess? _process;

    private LocalDynamoDb(string jarDirectory, string logFile, int port, string? dbPath, string heap)
    {
        _jarDirectory = jarDirectory;
        _logFile = logFile;
        _dbPath = dbPath;
        _heap = heap;
        Port = port;
    }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public string ServiceUrl => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}");

    /// <summary>The JVM's pid while it runs.</summary>
    public int? Pid => _process is { IsRunning: true } p ? p.Pid : null;

    /// <summary>The folder holding <c>DynamoDBLocal.jar</c> and <c>DynamoDBLocal_lib</c>, or a failure that names the command installing it.</summary>
    public static string FindJarDirectory()
    {
        var dir = TestEnvironment.Peek("VDP_DYNAMODB_JAR_DIR")
                  ?? Path.Combine(TestEnvironment.Peek("VDP_CACHE_DIR") ?? Path.Combine(TestEnvironment.RepositoryRoot, ".cache"), "dynamodb-local");
        if (!File.Exists(Path.Combine(dir, "DynamoDBLocal.jar")))
        {
            throw new InvalidOperationException(
                $"DynamoDB Local is not installed ({Path.Combine(dir, "DynamoDBLocal.jar")} not found): `bash scripts/services.sh` installs it " +
                $"(Java and the npm package amplify-dynamodb-simulator@2.9.30), or set {TestEnvironment.DynamoDbVariable} to a server of yours.");
        }

        if (LocalServers.FindOnPath("java") is null)
        {
            throw new InvalidOperationException(
                $"Java is not installed: `bash scripts/services.sh` installs it (apt-get install openjdk-17-jre-headless, as root), or set {TestEnvironment.DynamoDbVariable}.");
        }

        return dir;
    }

    /// <summary>
    /// Starts a server whose log is in <paramref name="parent"/>: in memory, or with its tables in <paramref name="dbPath"/>; heap
    /// <paramref name="heap"/>, else <c>VDP_DYNAMODB_XMX</c>, else 2g.
    /// </summary>
    public static LocalDynamoDb Create(string parent, string? dbPath = null, string? heap = null)
    {
        var db = new LocalDynamoDb(FindJarDirectory(), Path.Combine(LocalServers.CreateFolder(Path.Combine(parent, "dynamodb")), "dynamodb.log"), LoopbackPorts.Free(),
            dbPath, heap ?? TestEnvironment.Peek("VDP_DYNAMODB_XMX") ?? "2g");
        try
        {
            db.Start();
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>Starts the server (again) on the same port and waits until it answers ListTables.</summary>
    public void Start()
    {
        if (_process is { IsRunning: true })
        {
            return;
        }

        _process?.Dispose();
        var command = new List<string> { LocalServers.FindOnPath("java")!, "-Xmx" + _heap };
        command.AddRange((TestEnvironment.Peek("VDP_DYNAMODB_JAVA_OPTS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        command.AddRange(["-Djava.library.path=DynamoDBLocal_lib", "-jar", "DynamoDBLocal.jar"]);
        command.AddRange(_dbPath is null ? ["-inMemory"] : ["-dbPath", _dbPath]);
        command.AddRange(["-sharedDb", "-disableTelemetry", "-port", Port.ToString(CultureInfo.InvariantCulture)]);
        _process = ServerProcess.Start("DynamoDB Local", _logFile, "TERM", _jarDirectory, command);
        using var client = DynamoDbServer.CreateClient(ServiceUrl);
        LocalServers.WaitUntil(_process, LocalServers.StartTimeout, () => client.ListTablesAsync().GetAwaiter().GetResult());
    }

    /// <summary>Stops the server: SIGTERM, or SIGKILL when <paramref name="kill"/> (no shutdown hook runs, as in a crash).</summary>
    public void Stop(bool kill = false)
    {
        _process?.Signal(kill ? "KILL" : "TERM", TimeSpan.FromSeconds(30));
        _process?.Dispose();
        _process = null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _process?.Dispose();
        _process = null;
    }
}
