namespace VisionDrive.Parking.Migration;

/// <summary>The figures of one entity type in a run. Read-only to callers: the engine fills it.</summary>
public sealed class EntityReport
{
    internal EntityReport()
    {
    }

    /// <summary>Rows in the source (including rejected ones).</summary>
    [JsonPropertyName("source")]
    public long Source { get; internal set; }

    /// <summary>Items acknowledged by DynamoDB during migration (cumulative across resumed runs); <see langword="null"/> in a verify-only run.</summary>
    [JsonPropertyName("written")]
    public long? Written { get; internal set; }

    /// <summary>Rows that cannot become items (listed in <c>rejects.jsonl</c>).</summary>
    [JsonPropertyName("rejected")]
    public long Rejected { get; internal set; }

    /// <summary>Items of this type in the target table; <see langword="null"/> when the target was not read.</summary>
    [JsonPropertyName("target")]
    public long? Target { get; internal set; }

    /// <summary>Whether the order-independent checksum of the items the source produces equals that of the target's items; <see langword="null"/> when not verified.</summary>
    [JsonPropertyName("checksumMatch")]
    public bool? ChecksumMatch { get; internal set; }

    /// <summary>The source-side checksum (hex).</summary>
    [JsonPropertyName("sourceChecksum")]
    public string? SourceChecksum { get; internal set; }

    /// <summary>The target-side checksum (hex).</summary>
    [JsonPropertyName("targetChecksum")]
    public string? TargetChecksum { get; internal set; }

    /// <summary>Data-quality warnings raised for rows of this type (the rows were migrated).</summary>
    [JsonPropertyName("warnings")]
    public long Warnings { get; internal set; }

    /// <summary>Keys in the source but not in the target (at most <see cref="MigrationOptions.MaxListedDifferences"/>).</summary>
    [JsonPropertyName("missing")]
    public IReadOnlyList<string> Missing => MissingKeys;

    /// <summary>Keys in the target but not in the source (at most <see cref="MigrationOptions.MaxListedDifferences"/>).</summary>
    [JsonPropertyName("extra")]
    public IReadOnlyList<string> Extra => ExtraKeys;

    /// <summary>Keys on both sides whose content differs (at most <see cref="MigrationOptions.MaxListedDifferences"/>).</summary>
    [JsonPropertyName("different")]
    public IReadOnlyList<string> Different => DifferentKeys;

    /// <summary>How many keys are in the source but not in the target (all of them, where <see cref="Missing"/> lists the first in key order).</summary>
    [JsonPropertyName("missingCount")]
    public long MissingCount { get; internal set; }

    /// <summary>How many keys are in the target but not in the source (all of them, where <see cref="Extra"/> lists the first in key order).</summary>
    [JsonPropertyName("extraCount")]
    public long ExtraCount { get; internal set; }

    /// <summary>How many keys on both sides differ in content (all of them, where <see cref="Different"/> lists the first in key order).</summary>
    [JsonPropertyName("differentCount")]
    public long DifferentCount { get; internal set; }

    /// <summary>
    /// Whether <see cref="Missing"/>, <see cref="Extra"/> or <see cref="Different"/> lists fewer keys than its count says: each lists the
    /// first <see cref="MigrationOptions.MaxListedDifferences"/> keys in ordinal key order.
    /// </summary>
    [JsonPropertyName("differencesTruncated")]
    public bool DifferencesTruncated => MissingCount > Missing.Count || ExtraCount > Extra.Count || DifferentCount > Different.Count;

    /// <summary>The list behind <see cref="Missing"/>, filled by the engine.</summary>
    internal List<string> MissingKeys { get; } = [];

    /// <summary>The list behind <see cref="Extra"/>, filled by the engine.</summary>
    internal List<string> ExtraKeys { get; } = [];

    /// <summary>The list behind <see cref="Different"/>, filled by the engine.</summary>
    internal List<string> DifferentKeys { get; } = [];

    /// <summary>Whether this entity type is fully accounted for: <c>source = target + rejected</c> and the checksums match.</summary>
    [JsonIgnore]
    public bool IsConsistent => ChecksumMatch == true && Target == Source - Rejected;
}
