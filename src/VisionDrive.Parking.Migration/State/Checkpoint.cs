using System.Collections.Generic;

namespace VisionDrive.Parking.Migration.State;

/// <summary>The state file's content (<c>state.json</c>).</summary>
internal sealed class Checkpoint
{
    public const int CurrentVersion = 1;

    public int Version { get; set; } = CurrentVersion;

    /// <summary>The options this state belongs to (table, segment, retention): a rerun with other options is refused.</summary>
    public string Fingerprint { get; set; } = "";

    public Dictionary<string, TableCheckpoint> Tables { get; set; } = [];

    public TableCheckpoint For(string entity)
    {
        if (!Tables.TryGetValue(entity, out var cp))
        {
            cp = new TableCheckpoint();
            Tables[entity] = cp;
        }

        return cp;
    }
}
