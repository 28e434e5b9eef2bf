namespace VisionDrive.Parking.Migration.State;

/// <summary>The state file's content (<c>state.json</c>).</summary>
internal sealed class Checkpoint
{
    public const int CurrentVersion = 1;

    public int Version { get; set; } = CurrentVersion;

    /// <summary>The options this state belongs to (table, segment, retention): a rerun with other options is refused.</summary>
    public string Fingerprint { get; set; } = "";

    /// <summary>Per entity type; on disk keyed by the entity type's name (<c>TENANT</c>, …, <see cref="EntityTypeJsonConverter"/>).</summary>
    public Dictionary<EntityType, TableCheckpoint> Tables { get; set; } = [];

    public TableCheckpoint For(EntityType entity)
    {
        if (!Tables.TryGetValue(entity, out var cp))
        {
            cp = new TableCheckpoint();
            Tables[entity] = cp;
        }

        return cp;
    }
}
