namespace VisionDrive.Parking.Datasets;

/// <summary>What a migration must do with a case of the <c>dirty</c> dataset.</summary>
public enum DirtyOutcome
{
    /// <summary>Migrated as it is; nothing to report.</summary>
    Migrated,

    /// <summary>Migrated as it is, and listed as a data-quality warning in the report.</summary>
    MigratedWithWarning,

    /// <summary>Not migrated: written to the rejects file with the reason, and counted.</summary>
    Rejected,
}
