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
    /// <summary>Profile: CPU µs per event of reading it (<c>ParkingSourceReader</c>).</summary>
    public double ReadMicros { get; init; }

    /// <summary>Profile: CPU µs per event of <c>ParkingItemMapper.ToItem</c>.</summary>
    public double MapMicros { get; init; }

    /// <summary>Profile: CPU µs per item of <c>ItemHash.Compute</c>.</summary>
    public double HashMicros { get; init; }

    /// <summary>Profile: CPU µs per item of <c>DynamoDbJson.ToLine</c>.</summary>
    public double LineMicros { get; init; }

    /// <summary>Profile: CPU µs per item of the SDK's BatchWriteItem into the instant sink.</summary>
    public double SdkMicros { get; init; }

    /// <summary>Sink and export: the wall time of the second (warm) run in the same process.</summary>
    public double WarmSeconds { get; init; }

    /// <summary>Sink and export: the CPU time of the second (warm) run.</summary>
    public double WarmCpuSeconds { get; init; }

    /// <summary>Items per second of the warm run.</summary>
    public double WarmItemsPerSecond => WarmSeconds > 0 ? Items / WarmSeconds : 0;

    /// <summary>CPU µs per item of the warm run.</summary>
    public double WarmCpuMicrosPerItem => Items > 0 ? WarmCpuSeconds * 1e6 / Items : 0;

    /// <summary>CPU µs per item.</summary>
    public double CpuMicrosPerItem => Items > 0 ? CpuSeconds * 1e6 / Items : 0;

    public double ItemsPerSecond => Seconds > 0 ? Items / Seconds : 0;
}
