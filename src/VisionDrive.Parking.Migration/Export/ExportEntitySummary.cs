namespace VisionDrive.Parking.Migration.Export;

/// <summary>What an export holds of one entity type: the count and the same canonical checksum that <c>vdp verify</c> computes of the source.</summary>
public sealed class ExportEntitySummary
{
    /// <summary>How many items of the type were exported.</summary>
    [JsonPropertyName("count")]
    public long Count { get; set; }

    /// <summary>The order-independent checksum of the items (sum of their canonical hashes mod 2^128, 32 hexadecimal digits), as in a verify report's <c>sourceChecksum</c>.</summary>
    [JsonPropertyName("checksum")]
    public string Checksum { get; set; } = new string('0', 32);

    /// <summary>The uncompressed size of the type's import lines in bytes.</summary>
    [JsonPropertyName("uncompressedBytes")]
    public long UncompressedBytes { get; set; }
}
