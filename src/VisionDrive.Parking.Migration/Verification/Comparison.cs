namespace VisionDrive.Parking.Migration.Verification;

/// <summary>
/// Source and target side by side for one entity type: the digests, and how many keys are missing, extra or different with the first of
/// them in key order (at most <see cref="MigrationOptions.MaxListedDifferences"/>; the differences themselves stream, see <see cref="DiffSpill"/>).
/// </summary>
internal sealed class Comparison
{
    public EntityDigest Source { get; } = new();

    public EntityDigest Target { get; } = new();

    public long SourceRows { get; set; }

    public long Rejected { get; set; }

    /// <summary>Keys (PK|SK) in the source but not in the target.</summary>
    public long MissingCount { get; set; }

    /// <summary>Keys in the target but not in the source.</summary>
    public long ExtraCount { get; set; }

    /// <summary>Keys on both sides whose content differs.</summary>
    public long DifferentCount { get; set; }

    /// <summary>The first missing keys in ordinal key order.</summary>
    public List<string> MissingListed { get; } = [];

    /// <summary>The first extra keys in ordinal key order.</summary>
    public List<string> ExtraListed { get; } = [];

    /// <summary>The first different keys in ordinal key order.</summary>
    public List<string> DifferentListed { get; } = [];

    /// <summary>Puts planned for this entity type (sync).</summary>
    public long Puts { get; set; }

    /// <summary>Deletes planned of target items of this entity type (sync).</summary>
    public long Deletes { get; set; }

    public bool Matches => Source.SameAs(Target);
}
