namespace VisionDrive.Parking.Migration.Planning;

/// <summary>The BatchWriteItem path of a <see cref="LoadPlan"/> (<c>vdp migrate</c>).</summary>
public sealed class BatchWritePlan
{
    /// <summary>USD on demand: write units / 10^6 × the price.</summary>
    [JsonPropertyName("costUsd")]
    public double CostUsd { get; init; }

    /// <summary>The rate planned with, WRU/s.</summary>
    [JsonPropertyName("writeUnitsPerSecond")]
    public double WriteUnitsPerSecond { get; init; }

    /// <summary>Seconds at <see cref="WriteUnitsPerSecond"/>.</summary>
    [JsonPropertyName("seconds")]
    public double Seconds { get; init; }

    /// <summary>Machines needed to feed <see cref="WriteUnitsPerSecond"/> (items/s needed over items/s per machine, rounded up).</summary>
    [JsonPropertyName("machines")]
    public int Machines { get; init; }

    /// <summary>The table's write quota, WRU/s.</summary>
    [JsonPropertyName("quotaWriteUnitsPerSecond")]
    public double QuotaWriteUnitsPerSecond { get; init; }

    /// <summary>Seconds at the quota.</summary>
    [JsonPropertyName("secondsAtQuota")]
    public double SecondsAtQuota { get; init; }

    /// <summary>Machines needed to feed the quota.</summary>
    [JsonPropertyName("machinesAtQuota")]
    public int MachinesAtQuota { get; init; }
}
