using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;

namespace VisionDrive.Parking.TestSupport.Servers;

/// <summary>
/// One server process of the test process, started under a small <c>/bin/sh</c> guard that stops it with its stop signal as soon as the
/// guard's standard input closes: when the test process ends, normally or by a crash (even SIGKILL), the kernel closes that pipe and the
/// server goes with it. The server's output goes to its log file.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    // $1 the stop signal, $2 the log file, then the command. Prints the server's pid, then waits for end of input.
    private const string Guard =
        "sig=$1; log=$2; shift 2; \"$@\" </dev/null >>\"$log\" 2>&1 & pid=$!; echo \"$pid\"; cat >/dev/null; kill -\"$sig\" \"$pid\" 2>/dev/null; wait \"$pid\"";

    private readonly Process _guard;

    private ServerProcess(string name, string logFile, Process guard, int pid)
    {
        Name = name;
        LogFile = logFile;
        _guard = guard;
        Pid = pid;
    }

    /// <summary>What runs, for messages (e.g. <c>mosquitto</c>).</summary>
    public string Name { get; }

    /// <summary>The server's standard output and error.</summary>
    public string LogFile { get; }

    /// <summary>The server's own pid (not the guard's).</summary>
    public int Pid { get; }

    /// <summary>Whether the server still runs (a zombie waiting for its guard counts as gone).</summary>
    public bool IsRunning
    {
        get
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{Pid}/stat");
                var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
                return state is not ("Z" or "X" or "x");
            }
            catch (IOException)
            {
                return false;
            }
        }
    }

    /// <summary>Starts <paramref name="command"/> in <paramref name="workingDirectory"/>; <paramref name="stopSignal"/> (e.g. <c>TERM</c>) stops it when the test process ends.</summary>
    public static ServerProcess Start(string name, string logFile, string stopSignal, string workingDirectory, IReadOnlyList<string> command)
    {
        var psi = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in new[] { "-c", Guard, "vdp-guard", stopSignal, logFile }.Concat(command))
        {
            psi.ArgumentList.Add(a);
        }

        var guard = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {name}");
        var line = guard.StandardOutput.ReadLine();
        if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            guard.Kill(entireProcessTree: true);
            guard.Dispose();
            throw new InvalidOperationException($"could not start {name} ({string.Join(' ', command)}); read {logFile}");
        }

        return new ServerProcess(name, logFile, guard, pid);
    }

    /// <summary>Sends a signal (<c>TERM</c>, <c>INT</c>, <c>QUIT</c>, <c>KILL</c>) to the server and waits until it is gone.</summary>
    public void Signal(string signal, TimeSpan timeout)
    {
        if (IsRunning)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, Pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
            kill.WaitForExit();
        }

        var deadline = Stopwatch.StartNew();
        while (IsRunning)
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{Name} (pid {Pid}) is still running {timeout.TotalSeconds:0} s after SIG{signal}; read {LogFile}");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>The end of the log, for a failure message.</summary>
    public string LogTail(int lines = 20)
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogFile).TakeLast(lines));
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Closes the guard's input (the guard stops the server if it still runs) and waits for the guard.</summary>
    public void Dispose()
    {
        try
        {
            _guard.StandardInput.Close();
            if (!_guard.WaitForExit(30_000))
            {
                _guard.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _guard.Dispose();
    }
}
