namespace VisionDrive.Parking.Migration.State;

/// <summary>How far one entity type got: every row up to and including <see cref="AfterKey"/> is written (or rejected and recorded).</summary>
internal sealed class TableCheckpoint
{
    public string? AfterKey { get; set; }

    public bool Completed { get; set; }

    public long Read { get; set; }

    public long Written { get; set; }

    public long Rejected { get; set; }

    public long Warnings { get; set; }

    public long Retries { get; set; }

    /// <summary>Online runs: writes left out because the table held a newer state.</summary>
    public long Skipped { get; set; }
}
