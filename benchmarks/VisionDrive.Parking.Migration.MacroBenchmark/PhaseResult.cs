namespace VisionDrive.Parking.Migration.MacroBenchmark;

/// <summary>What a child phase reports on its <c>RESULT</c> line.</summary>
internal sealed record PhaseResult(
    string Phase,
    long Items,
    double Seconds,
    long PeakWorkingSetBytes,
    double CpuSeconds,
    int Gen0,
    int Gen1,
    int Gen2,
    double GcPauseSeconds,
    double ReadSeconds = 0,
    double TransformSeconds = 0)
{
    public double ItemsPerSecond => Seconds > 0 ? Items / Seconds : 0;
}
