namespace VisionDrive.Parking.Cli;

/// <summary>The exit codes of <c>vdp</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Everything migrated (or synced, exported) and verified.</summary>
    public const int Success = 0;

    /// <summary>The run failed: see the error paragraph.</summary>
    public const int Failed = 1;

    /// <summary>Bad usage: an unknown option, a missing value.</summary>
    public const int Usage = 2;

    /// <summary>Finished with rejected rows or differences: see the report.</summary>
    public const int RejectsOrDifferences = 3;
}
