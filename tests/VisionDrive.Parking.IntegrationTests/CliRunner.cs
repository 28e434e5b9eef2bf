using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace VisionDrive.Parking.IntegrationTests;

/// <summary>Runs the real <c>vdp</c> CLI as a child process (the built vdp.dll beside the tests), with the source in the environment.</summary>
internal static class CliRunner
{
    /// <summary>
    /// vdp.dll from the CLI's own build output (<c>src/VisionDrive.Parking.Cli/bin/{configuration}/{framework}/</c>, as these tests were
    /// built) when it is there, else the copy beside the tests. Its own output has its own deps file: a copy beside tests that use the
    /// ASP.NET framework would miss the assemblies that framework gives the tests.
    /// </summary>
    public static string VdpDll => BuiltApp(Path.Combine("src", "VisionDrive.Parking.Cli"), "vdp.dll");

    /// <summary>An app of this repository (<paramref name="project"/>, relative to the root) from its own build output, else beside the tests.</summary>
    public static string BuiltApp(string project, string dll)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent;
        var root = configuration?.Parent?.Parent?.Parent?.Parent;
        if (root is not null)
        {
            var own = Path.Combine(root.FullName, project, "bin", configuration!.Name, framework.Name, dll);
            if (File.Exists(own))
            {
                return own;
            }
        }

        var beside = Path.Combine(AppContext.BaseDirectory, dll);
        if (File.Exists(beside))
        {
            return beside;
        }

        throw new FileNotFoundException($"{dll} is neither in the build output of {project} nor beside the tests; build the solution first.", beside);
    }

    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string All => StdOut + "\n" + StdErr;
    }

    public static Process Start(IEnumerable<string> args, IDictionary<string, string?> env, StringBuilder stdout, StringBuilder stderr)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(VdpDll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // The datasets are dated January 2026: a retention counted from today keeps their events unexpired whatever the date (TestDates).
        psi.Environment["VDP_RETENTION_DAYS"] = TestSupport.TestDates.DatasetRetentionDaysText;
        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        var p = new Process { StartInfo = psi };
        p.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stdout)
                {
                    stdout.AppendLine(e.Data);
                }
            }
        };
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    public static async Task<Result> RunAsync(IEnumerable<string> args, IDictionary<string, string?> env, TimeSpan? timeout = null)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var p = Start(args, env, stdout, stderr);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"vdp {string.Join(' ', args)} did not finish in time.\nstdout:\n{stdout}\nstderr:\n{stderr}");
        }

        p.WaitForExit();
        return new Result(p.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
