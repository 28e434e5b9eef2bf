using System;

namespace VisionDrive.Parking.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("vdp: the migration commands (provision, seed, migrate, verify, sync, export) are being built; see CHANGELOG.md.");
        return args.Length == 0 ? 2 : 2;
    }
}
