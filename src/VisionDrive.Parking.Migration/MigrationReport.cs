using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Migration.State;

namespace VisionDrive.Parking.Migration;

/// <summary>The machine-readable result of a run (written as JSON with <see cref="ToJson"/>).</summary>
public sealed class MigrationReport
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new EntityTypeJsonConverter() },
    };

    /// <summary>What ran: <c>migrate</c>, <c>verify</c>, <c>sync</c> or <c>export</c>.</summary>
    [JsonPropertyName("command")]
    public string Command { get; set; } = "migrate";

    /// <summary>The target table.</summary>
    [JsonPropertyName("table")]
    public string Table { get; set; } = "";

    /// <summary>One entry per entity type; in the JSON keyed by the entity type's name (TENANT, SITE, ZONE, BAY, SENSOR, EVENT, ALERT).</summary>
    [JsonPropertyName("entities")]
    public Dictionary<EntityType, EntityReport> Entities { get; } = [];

    /// <summary>Whether every entity type was verified consistent; <see langword="false"/> when not verified or when it was not.</summary>
    [JsonPropertyName("verified")]
    public bool Verified { get; set; }

    /// <summary>The rejects file when any row was rejected, else <see langword="null"/>.</summary>
    [JsonPropertyName("rejectsFile")]
    public string? RejectsFile { get; set; }

    /// <summary>
    /// Every distinct reason rows were rejected for (table, field, reason), once, with how many rows share it: for migrate, every row listed in
    /// the rejects file; for sync and verify, the rows this run found unrepresentable.
    /// </summary>
    [JsonPropertyName("rejectReasons")]
    public List<RejectReason> RejectReasons { get; } = [];

    /// <summary>
    /// Keys (<c>PK|SK</c>) of items in the target that no entity type claims (no <c>entityType</c> attribute, or one that is not an entity
    /// type), at most <see cref="MigrationOptions.MaxListedDifferences"/>. The source never produces such an item, so the target is not verified
    /// while it holds one; <c>sync</c> deletes them. Looked for only when every entity type is selected.
    /// </summary>
    [JsonPropertyName("extraUnclaimed")]
    public List<string> ExtraUnclaimed { get; } = [];

    /// <summary>How many items no entity type claims (all of them, where <see cref="ExtraUnclaimed"/> lists at most the first ones).</summary>
    [JsonPropertyName("extraUnclaimedCount")]
    public long ExtraUnclaimedCount { get; set; }

    /// <summary>Data-quality warnings (the rows were migrated).</summary>
    [JsonPropertyName("warnings")]
    public List<DataQualityWarning> Warnings { get; } = [];

    /// <summary>BatchWriteItem retries: resubmitted unprocessed items and retried throttling/server errors.</summary>
    [JsonPropertyName("retries")]
    public long Retries { get; set; }

    /// <summary>
    /// How many times the run lost (or could not get back) its source connection and tried again from its checkpoint in the same run
    /// (see <see cref="MigrationOptions.SourceReconnectAttempts"/>); a refused try counts too.
    /// </summary>
    [JsonPropertyName("sourceReconnects")]
    public long SourceReconnects { get; set; }

    /// <summary>For sync: the planned (or applied) puts per entity type.</summary>
    [JsonPropertyName("syncPuts")]
    public Dictionary<EntityType, long>? SyncPuts { get; set; }

    /// <summary>For sync: the planned (or applied) deletes per entity type.</summary>
    [JsonPropertyName("syncDeletes")]
    public Dictionary<EntityType, long>? SyncDeletes { get; set; }

    /// <summary>For sync: the planned (or applied) deletes of items no entity type claims (see <see cref="ExtraUnclaimed"/>).</summary>
    [JsonPropertyName("syncDeletesUnclaimed")]
    public long? SyncDeletesUnclaimed { get; set; }

    /// <summary>For sync: whether this was a dry run that changed nothing.</summary>
    [JsonPropertyName("dryRun")]
    public bool DryRun { get; set; }

    /// <summary>The run time in seconds.</summary>
    [JsonPropertyName("durationSeconds")]
    public double DurationSeconds { get; set; }

    /// <summary>Whether any row was rejected, any key differs or the target holds items no entity type claims.</summary>
    [JsonIgnore]
    public bool HasRejectsOrDifferences =>
        ExtraUnclaimedCount > 0
        || Entities.Values.Any(e => e.Rejected > 0 || e.Missing.Count > 0 || e.Extra.Count > 0 || e.Different.Count > 0 || e.ChecksumMatch == false);

    /// <summary>The report as indented JSON.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
