namespace VisionDrive.Parking.Migration.Planning;

/// <summary>The Import from S3 path of a <see cref="LoadPlan"/> (<c>vdp export</c> + <c>vdp import</c>).</summary>
public sealed class ImportPlan
{
    /// <summary>USD: uncompressed GB (2^30 bytes) × the price per GB.</summary>
    [JsonPropertyName("costUsd")]
    public double CostUsd { get; init; }

    /// <summary>The S3 objects of the export (<c>ceil(items / items per object)</c>, plus at most one per extra segment).</summary>
    [JsonPropertyName("objects")]
    public long Objects { get; init; }

    /// <summary>The export segments (machines) needed: one segment holds at most 1,000 objects.</summary>
    [JsonPropertyName("segments")]
    public int Segments { get; init; }

    /// <summary>Seconds the export takes on <see cref="Segments"/> machines in parallel. The import job's own duration is not published by AWS.</summary>
    [JsonPropertyName("exportSeconds")]
    public double ExportSeconds { get; init; }

    /// <summary>The most compressed S3 bytes one import may read in the region.</summary>
    [JsonPropertyName("maxImportBytes")]
    public long MaxImportBytes { get; init; }

    /// <summary>The conditions of an import.</summary>
    [JsonPropertyName("checks")]
    public List<PlanCheck> Checks { get; init; } = [];
}
