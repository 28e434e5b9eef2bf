namespace VisionDrive.Parking.Migration.Export;

/// <summary>One object of an export: a gzip file of DynamoDB JSON lines, as listed in the <see cref="ExportManifest"/>.</summary>
public sealed class ExportFile
{
    /// <summary>The path relative to the export folder (and to the S3 prefix), e.g. <c>data/segment-000-of-001-part-00000.json.gz</c>.</summary>
    [JsonPropertyName("path")]
    public string Path { get; init; } = "";

    /// <summary>How many items the file holds.</summary>
    [JsonPropertyName("items")]
    public long Items { get; init; }

    /// <summary>The uncompressed size of its lines in bytes (what Import from S3 bills).</summary>
    [JsonPropertyName("uncompressedBytes")]
    public long UncompressedBytes { get; init; }

    /// <summary>The size of the gzip file in bytes.</summary>
    [JsonPropertyName("bytes")]
    public long Bytes { get; init; }

    /// <summary>The SHA-256 of the gzip file, 64 lower-case hexadecimal digits: what the upload compares before skipping a file.</summary>
    [JsonPropertyName("sha256")]
    public string Sha256 { get; init; } = "";
}
