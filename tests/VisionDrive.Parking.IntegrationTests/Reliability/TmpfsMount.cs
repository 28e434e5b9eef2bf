using System;
using System.Diagnostics;
using System.IO;

namespace VisionDrive.Parking.IntegrationTests.Reliability;

/// <summary>
/// A tiny tmpfs of the test's own (<c>mount -t tmpfs -o size=…</c>), to put a state directory on a full or read-only disk.
/// Needs root (as <c>scripts/test.sh</c> runs); unmounted on dispose.
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    public static TmpfsMount Create(string sizeKiloBytes, bool readOnly = false)
    {
        var dir = Directory.CreateTempSubdirectory("vdp-mnt-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={sizeKiloBytes}{(readOnly ? ",ro" : "")}", "tmpfs", dir);
        return new TmpfsMount(dir);
    }

    public void Remount(string options) => Run("mount", "-o", "remount," + options, Path);

    public void Dispose()
    {
        try
        {
            Run("umount", "-l", Path);
            Directory.Delete(Path);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
        }
    }

    private static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {err.Trim()}. These tests need root and a kernel that allows tmpfs mounts (as in CI).");
        }
    }
}
