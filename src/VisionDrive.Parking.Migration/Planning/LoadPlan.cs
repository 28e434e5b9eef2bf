namespace VisionDrive.Parking.Migration.Planning;

/// <summary>
/// What a first load of the table costs and how long it takes by BatchWriteItem and by Import from S3, which conditions of the import hold,
/// and which path to take and why (<c>vdp plan</c>; the formulas are in <c>docs/scale.md</c>).
/// </summary>
public sealed class LoadPlan
{
    /// <summary>The recommendation value for a load through <c>vdp migrate</c> (BatchWriteItem).</summary>
    public const string BatchWriteItem = "BatchWriteItem";

    /// <summary>The recommendation value for a load through <c>vdp export</c> + <c>vdp import</c>.</summary>
    public const string ImportFromS3 = "ImportFromS3";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>The region planned for.</summary>
    [JsonPropertyName("region")]
    public string Region { get; init; } = "";

    /// <summary>Whether the target table exists.</summary>
    [JsonPropertyName("existingTable")]
    public bool ExistingTable { get; init; }

    /// <summary>The date the default prices were taken.</summary>
    [JsonPropertyName("pricesDate")]
    public string PricesDate { get; init; } = PlanOptions.PricesDate;

    /// <summary>USD per million write request units used.</summary>
    [JsonPropertyName("pricePerMillionWriteUnits")]
    public double PricePerMillionWriteUnits { get; init; }

    /// <summary>USD per imported GB used.</summary>
    [JsonPropertyName("importPricePerGb")]
    public double ImportPricePerGb { get; init; }

    /// <summary>Per entity type.</summary>
    [JsonPropertyName("entities")]
    public Dictionary<string, PlanEntity> Entities { get; init; } = [];

    /// <summary>All items.</summary>
    [JsonPropertyName("items")]
    public long Items { get; init; }

    /// <summary>All write request units of a BatchWriteItem load.</summary>
    [JsonPropertyName("writeUnits")]
    public long WriteUnits { get; init; }

    /// <summary>All uncompressed import bytes.</summary>
    [JsonPropertyName("uncompressedBytes")]
    public long UncompressedBytes { get; init; }

    /// <summary>All compressed import bytes (estimated from the sample's ratio).</summary>
    [JsonPropertyName("compressedBytes")]
    public long CompressedBytes { get; init; }

    /// <summary>The BatchWriteItem path.</summary>
    [JsonPropertyName("batchWrite")]
    public BatchWritePlan BatchWrite { get; init; } = new();

    /// <summary>The Import from S3 path.</summary>
    [JsonPropertyName("import")]
    public ImportPlan Import { get; init; } = new();

    /// <summary><see cref="BatchWriteItem"/> or <see cref="ImportFromS3"/>.</summary>
    [JsonPropertyName("recommendation")]
    public string Recommendation { get; init; } = BatchWriteItem;

    /// <summary>Why, in one sentence.</summary>
    [JsonPropertyName("reason")]
    public string Reason { get; init; } = "";

    /// <summary>The plan as indented JSON.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
