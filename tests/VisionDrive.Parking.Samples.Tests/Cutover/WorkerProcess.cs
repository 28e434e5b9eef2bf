using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using VisionDrive.Parking.Ingestion;
using VisionDrive.Parking.Samples.Tests.Support;
using VisionDrive.Parking.TestSupport.Servers;

namespace VisionDrive.Parking.Samples.Tests.Cutover;

/// <summary>
/// The real ingestion worker as a child process (<c>dotnet VisionDrive.Parking.Ingestion.dll</c>, built beside the tests), so a test can
/// SIGKILL it: stopped with SIGTERM (graceful, the broker keeps its session), killed with SIGKILL, or made to kill itself between the
/// primary and the secondary write of its N-th dual write (<see cref="Program.KillAfterPrimaryWritesVariable"/>).
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly ServerProcess _process;
    private readonly int _connectsBefore;

    private WorkerProcess(ServerProcess process, int connectsBefore)
    {
        _process = process;
        _connectsBefore = connectsBefore;
    }

    public bool IsRunning => _process.IsRunning;

    public string LogFile => _process.LogFile;

    /// <summary>
    /// Starts a worker with <paramref name="args"/> appending to <paramref name="logFile"/> and waits until it has connected and subscribed
    /// (its "Connected to" line). With <paramref name="killAfterPrimaryWrites"/>, it kills itself at that dual write (and may be gone soon).
    /// </summary>
    public static async Task<WorkerProcess> StartAsync(IReadOnlyList<string> args, string logFile, int? killAfterPrimaryWrites = null)
    {
        var dll = IntegrationTests.CliRunner.BuiltApp(Path.Combine("samples", "VisionDrive.Parking.Ingestion"), "VisionDrive.Parking.Ingestion.dll");
        var connectsBefore = Connects(logFile);
        var command = new List<string> { "env" };
        if (killAfterPrimaryWrites is { } n)
        {
            command.Add($"{Program.KillAfterPrimaryWritesVariable}={n}");
        }

        command.AddRange(["dotnet", dll, .. args, "--Logging:LogLevel:VisionDrive.Parking.Ingestion=Information", "--Logging:Console:FormatterName=simple"]);
        var worker = new WorkerProcess(ServerProcess.Start("ingestion worker", logFile, "TERM", AppContext.BaseDirectory, command), connectsBefore);
        var connected = await Eventually.HoldsAsync(() => Task.FromResult(Connects(logFile) > connectsBefore || !worker.IsRunning), TimeSpan.FromSeconds(60));
        // A worker with its kill switch may be gone before its console logger wrote the line: its own kill line says it ran.
        var ran = Connects(logFile) > connectsBefore || (killAfterPrimaryWrites is not null && !worker.IsRunning);
        (connected && ran).Should().BeTrue($"the worker connects to the broker; its log:\n{worker._process.LogTail(40)}");
        return worker;
    }

    /// <summary>SIGTERM: the host stops, the broker keeps the session and queues what comes meanwhile.</summary>
    public void Stop() => _process.Signal("TERM", TimeSpan.FromSeconds(60));

    /// <summary>Waits until the worker has killed itself (its kill switch); false when it still runs after <paramref name="timeout"/>.</summary>
    public Task<bool> ExitedAsync(TimeSpan timeout) => Eventually.HoldsAsync(() => Task.FromResult(!IsRunning), timeout);

    public string LogTail(int lines = 40) => _process.LogTail(lines);

    public void Dispose() => _process.Dispose();

    private static int Connects(string logFile)
    {
        try
        {
            using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n').Count(l => l.Contains("Connected to ", StringComparison.Ordinal));
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }
}
