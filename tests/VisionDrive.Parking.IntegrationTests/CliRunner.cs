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
    public static string VdpDll
    {
        get
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "vdp.dll");
            if (File.Exists(beside))
            {
                return beside;
            }

            throw new FileNotFoundException("vdp.dll is not beside the tests; build the solution first.", beside);
        }
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
