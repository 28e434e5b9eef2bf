using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace VisionDrive.Parking.TestSupport.Servers;

/// <summary>
/// The servers of this test process. A server whose connection variable (<c>VDP_TEST_POSTGRES</c>, <c>VDP_TEST_DYNAMODB_URL</c>,
/// <c>VDP_TEST_MQTT</c>) is set is not started: the tests use it as it is. Otherwise the first test that asks for the variable (through
/// <see cref="TestEnvironment"/>) starts the server in a temporary folder on a free loopback port, and this class sets the variables in
/// the process (so child processes, e.g. the CLI under test, inherit them). The servers stop when the process ends, also on a crash
/// (<see cref="ServerProcess"/>); the folder is deleted on a normal exit.
/// </summary>
public static class LocalServers
{
    private static readonly Lock Gate = new();
    private static string? _folder;
    private static LocalPostgres? _postgres;
    private static LocalDynamoDb? _dynamoDb;
    private static LocalMosquitto? _mosquitto;
    private static Process? _janitor;
    private static readonly Dictionary<string, Exception> Failed = [];

    /// <summary>
    /// How long a starting server may take to answer: <c>VDP_SERVICES_TIMEOUT</c> seconds, default 600 (several test processes start
    /// their JVMs at once on a loaded 2-core machine; a server that exits during its start fails at once, whatever this says).
    /// </summary>
    public static TimeSpan StartTimeout =>
        TimeSpan.FromSeconds(int.TryParse(TestEnvironment.Peek("VDP_SERVICES_TIMEOUT"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 600);

    /// <summary>Whether the process runs as root (PostgreSQL then runs as the OS user postgres).</summary>
    public static bool IsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    /// <summary>The PostgreSQL this process started (for tests that stop and start it).</summary>
    public static LocalPostgres Postgres => Started(_postgres, TestEnvironment.PostgresVariable, "PostgreSQL");

    /// <summary>The DynamoDB Local this process started (for tests that stop and start it).</summary>
    public static LocalDynamoDb DynamoDb => Started(_dynamoDb, TestEnvironment.DynamoDbVariable, "DynamoDB Local");

    /// <summary>The mosquitto this process started (for tests that restart it).</summary>
    public static LocalMosquitto Mosquitto => Started(_mosquitto, TestEnvironment.MqttVariable, "The MQTT broker");

    /// <summary>Starts what <paramref name="variable"/> stands for unless it is set or started already (called by <see cref="TestEnvironment.Get"/>).</summary>
    public static void EnsureFor(string variable)
    {
        switch (variable)
        {
            case TestEnvironment.PostgresVariable or "VDP_TEST_POSTGRES_CA" or "VDP_TEST_POSTGRES_ADMIN":
                Ensure(TestEnvironment.PostgresVariable, () => _postgres ??= Announce(LocalPostgres.Create(Folder()), p => p.LogFile, p => p.Port), p =>
                {
                    Set(TestEnvironment.PostgresVariable, p.ConnectionString);
                    Set("VDP_TEST_POSTGRES_CA", p.CaFile);
                    Set("VDP_TEST_POSTGRES_ADMIN", p.AdminConnectionString);
                    Default("VDP_PG_BIN", LocalPostgres.FindBinaries());
                });
                break;
            case TestEnvironment.DynamoDbVariable:
                Ensure(variable, () => _dynamoDb ??= Announce(LocalDynamoDb.Create(Folder()), _ => "", d => d.Port), d =>
                {
                    Set(TestEnvironment.DynamoDbVariable, d.ServiceUrl);
                    Set("VDP_DYNAMODB_PID", d.Pid?.ToString(CultureInfo.InvariantCulture) ?? "");
                    Default("VDP_DYNAMODB_JAR_DIR", LocalDynamoDb.FindJarDirectory());
                    Default("AWS_ACCESS_KEY_ID", "vdplocal");
                    Default("AWS_SECRET_ACCESS_KEY", "vdplocalsecret");
                    Default("AWS_REGION", "me-central-1");
                    Default("AWS_DEFAULT_REGION", "me-central-1");
                    Default("AWS_EC2_METADATA_DISABLED", "true");
                });
                break;
            case TestEnvironment.MqttVariable:
                Ensure(variable, () => _mosquitto ??= Announce(LocalMosquitto.Create(Folder()), _ => "", m => m.Port), m => Set(TestEnvironment.MqttVariable, m.Url));
                break;
            case "VDP_DYNAMODB_JAR_DIR":
                Default(variable, LocalDynamoDb.FindJarDirectory());
                break;
            case "VDP_PG_BIN":
                Default(variable, LocalPostgres.FindBinaries());
                break;
        }
    }

    /// <summary>Runs a program to its end; a non-zero exit is an error that quotes its output.</summary>
    public static void Run(params IReadOnlyList<string> command)
    {
        var psi = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var a in command.Skip(1))
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{string.Join(' ', command)} exited with {p.ExitCode}:\n{stdout}\n{stderr.GetAwaiter().GetResult()}"));
        }
    }

    /// <summary>Calls <paramref name="probe"/> until it does not throw; fails early when the server exits, or after <paramref name="timeout"/>.</summary>
    public static void WaitUntil(ServerProcess server, TimeSpan timeout, Action probe)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                probe();
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                if (!server.IsRunning)
                {
                    throw new InvalidOperationException($"{server.Name} exited during startup; {server.LogFile} ends with:\n{server.LogTail()}", ex);
                }

                if (clock.Elapsed > timeout)
                {
                    throw new TimeoutException($"{server.Name} did not answer within {timeout.TotalSeconds:0} s ({ex.Message}); {server.LogFile} ends with:\n{server.LogTail()}", ex);
                }

                Thread.Sleep(100);
            }
        }
    }

    /// <summary>The full path of <paramref name="program"/> on <c>PATH</c>, or null.</summary>
    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, program))
        .FirstOrDefault(File.Exists);

    /// <summary>Creates <paramref name="path"/> readable and traversable by every user (the OS user postgres reaches its files through it).</summary>
    public static string CreateFolder(string path)
    {
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }

        return path;
    }

    private static void Ensure<T>(string variable, Func<T> start, Action<T> export)
    {
        if (TestEnvironment.Peek(variable) is not null)
        {
            return;
        }

        lock (Gate)
        {
            if (TestEnvironment.Peek(variable) is not null)
            {
                return;
            }

            // A server that failed to start fails every later test at once with the same error, instead of each waiting again.
            if (Failed.TryGetValue(variable, out var failed))
            {
                throw new InvalidOperationException($"{variable}: the server did not start earlier in this test process: {failed.Message}", failed);
            }

            try
            {
                // Off the caller's synchronisation context: the start blocks, and a client inside it may await.
                var server = Task.Run(start).GetAwaiter().GetResult();
                export(server);
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                Failed[variable] = ex;
                throw;
            }
        }
    }

    private static T Announce<T>(T server, Func<T, string> log, Func<T, int> port)
    {
        Console.Error.WriteLine($"[servers] {typeof(T).Name} of test process {Environment.ProcessId} ready on 127.0.0.1:{port(server)} {log(server)}".TrimEnd());
        return server;
    }

    private static string Folder()
    {
        if (_folder is not null)
        {
            return _folder;
        }

        _folder = CreateFolder(Path.Combine(Path.GetTempPath(), $"vdp-servers-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]));
        // The janitor deletes the folder once this process is gone (its input closes then) and the servers have let go of their
        // files: the test host may be killed right after its last test, before a ProcessExit handler could finish.
        var janitor = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true, WorkingDirectory = "/" };
        foreach (var a in new[]
                 {
                     "-c", "cat >/dev/null; for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do sleep 1; rm -rf -- \"$1\"; [ -e \"$1\" ] || break; done",
                     "vdp-janitor", _folder,
                 })
        {
            janitor.ArgumentList.Add(a);
        }

        _janitor = Process.Start(janitor);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
        return _folder;
    }

    private static void StopAll()
    {
        foreach (var server in new IDisposable?[] { _mosquitto, _dynamoDb, _postgres })
        {
            server?.Dispose();
        }

        // The servers are gone: the janitor deletes the folder.
        _janitor?.StandardInput.Close();
    }

    private static void Set(string name, string value) => Environment.SetEnvironmentVariable(name, value);

    private static void Default(string name, string value)
    {
        if (TestEnvironment.Peek(name) is null)
        {
            Set(name, value);
        }
    }

    private static T Started<T>(T? server, string variable, string what)
        where T : class
    {
        TestEnvironment.Get(variable);
        return server ?? throw new InvalidOperationException(
            $"{what} of this run comes from {variable}, so this test cannot stop or restart it: unset {variable} to let the test process start its own.");
    }
}
