namespace VisionDrive.Parking.Migration.Planning;

/// <summary>The figures of one entity type in a <see cref="LoadPlan"/>: measured on a sample (or every row) and scaled to the row count.</summary>
public sealed class PlanEntity
{
    /// <summary>The rows counted at the source (or assumed).</summary>
    [JsonPropertyName("rows")]
    public long Rows { get; init; }

    /// <summary>Whether <see cref="Rows"/> is an assumption rather than the source's count.</summary>
    [JsonPropertyName("assumed")]
    public bool Assumed { get; init; }

    /// <summary>The rows transformed to measure sizes.</summary>
    [JsonPropertyName("sampledRows")]
    public long SampledRows { get; init; }

    /// <summary>The items the rows make (rows minus the sample's share of rejected rows).</summary>
    [JsonPropertyName("items")]
    public long Items { get; init; }

    /// <summary>Items with a <c>GSI1PK</c>, i.e. written to GSI1 too.</summary>
    [JsonPropertyName("gsi1Items")]
    public long Gsi1Items { get; init; }

    /// <summary>Items with a <c>GSI2PK</c>, i.e. written to GSI2 too.</summary>
    [JsonPropertyName("gsi2Items")]
    public long Gsi2Items { get; init; }

    /// <summary>The items' size by DynamoDB's rules, bytes.</summary>
    [JsonPropertyName("itemBytes")]
    public long ItemBytes { get; init; }

    /// <summary>The write request units of writing every item once with BatchWriteItem: per item <c>ceil(size / 1 KB)</c> for the table and again per index it appears in.</summary>
    [JsonPropertyName("writeUnits")]
    public long WriteUnits { get; init; }

    /// <summary>The uncompressed bytes of the items' import lines (DynamoDB JSON plus the line break).</summary>
    [JsonPropertyName("uncompressedBytes")]
    public long UncompressedBytes { get; init; }

    /// <summary>The same lines gzip-compressed (as the export writes them), bytes, measured on the sample.</summary>
    [JsonPropertyName("compressedBytes")]
    public long CompressedBytes { get; init; }
}
