namespace VisionDrive.Parking.Migration;

/// <summary>
/// The machine-readable result of a run (written as JSON with <see cref="ToJson"/>). Read-only to callers: the engine fills it, an
/// application reads it.
/// </summary>
public sealed class MigrationReport
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new EntityTypeJsonConverter() },
    };

    internal MigrationReport()
    {
    }

    /// <summary>What ran: <c>migrate</c>, <c>verify</c>, <c>sync</c> or <c>export</c>.</summary>
    [JsonPropertyName("command")]
    public string Command { get; internal set; } = "migrate";

    /// <summary>The target table.</summary>
    [JsonPropertyName("table")]
    public string Table { get; internal set; } = "";

    /// <summary>One entry per entity type; in the JSON keyed by the entity type's name (TENANT, SITE, ZONE, BAY, SENSOR, EVENT, ALERT).</summary>
    [JsonPropertyName("entities")]
    public IReadOnlyDictionary<EntityType, EntityReport> Entities => EntityMap;

    /// <summary>Whether every entity type was verified consistent; <see langword="false"/> when not verified or when it was not.</summary>
    [JsonPropertyName("verified")]
    public bool Verified { get; internal set; }

    /// <summary>The rejects file when any row was rejected, else <see langword="null"/>.</summary>
    [JsonPropertyName("rejectsFile")]
    public string? RejectsFile { get; internal set; }

    /// <summary>
    /// Every distinct reason rows were rejected for (table, field, reason), once, with how many rows share it: for migrate, every row listed in
    /// the rejects file; for sync and verify, the rows this run found unrepresentable.
    /// </summary>
    [JsonPropertyName("rejectReasons")]
    public IReadOnlyList<RejectReason> RejectReasons => RejectReasonList;

    /// <summary>
    /// Keys (<c>PK|SK</c>) of items in the target that no entity type claims (no <c>entityType</c> attribute, or one that is not an entity
    /// type), at most <see cref="MigrationOptions.MaxListedDifferences"/>. The source never produces such an item, so the target is not verified
    /// while it holds one; <c>sync</c> deletes them. Looked for only when every entity type is selected.
    /// </summary>
    [JsonPropertyName("extraUnclaimed")]
    public IReadOnlyList<string> ExtraUnclaimed => ExtraUnclaimedList;

    /// <summary>How many items no entity type claims (all of them, where <see cref="ExtraUnclaimed"/> lists at most the first ones).</summary>
    [JsonPropertyName("extraUnclaimedCount")]
    public long ExtraUnclaimedCount { get; internal set; }

    /// <summary>Data-quality warnings (the rows were migrated).</summary>
    [JsonPropertyName("warnings")]
    public IReadOnlyList<DataQualityWarning> Warnings => WarningList;

    /// <summary>BatchWriteItem retries: resubmitted unprocessed items and retried throttling/server errors.</summary>
    [JsonPropertyName("retries")]
    public long Retries { get; internal set; }

    /// <summary>
    /// How many times the run lost (or could not get back) its source connection and tried again from its checkpoint in the same run
    /// (see <see cref="MigrationOptions.SourceReconnectAttempts"/>); a refused try counts too.
    /// </summary>
    [JsonPropertyName("sourceReconnects")]
    public long SourceReconnects { get; internal set; }

    /// <summary>For sync: the planned (or applied) puts per entity type.</summary>
    [JsonPropertyName("syncPuts")]
    public IReadOnlyDictionary<EntityType, long>? SyncPuts => SyncPutMap;

    /// <summary>For sync: the planned (or applied) deletes per entity type.</summary>
    [JsonPropertyName("syncDeletes")]
    public IReadOnlyDictionary<EntityType, long>? SyncDeletes => SyncDeleteMap;

    /// <summary>For sync: the planned (or applied) deletes of items no entity type claims (see <see cref="ExtraUnclaimed"/>).</summary>
    [JsonPropertyName("syncDeletesUnclaimed")]
    public long? SyncDeletesUnclaimed { get; internal set; }

    /// <summary>For sync: whether this was a dry run that changed nothing.</summary>
    [JsonPropertyName("dryRun")]
    public bool DryRun { get; internal set; }

    /// <summary>The write-unit cap of the run (<see cref="MigrationOptions.MaxWriteUnitsPerSecond"/>), or <see langword="null"/> when uncapped; the write figures below are set only with a cap.</summary>
    [JsonPropertyName("maxWriteUnitsPerSecond")]
    public int? MaxWriteUnitsPerSecond { get; internal set; }

    /// <summary>The write units the run's writes consumed (as DynamoDB reported them; see <see cref="WriteUnitsFromItemSizes"/>).</summary>
    [JsonPropertyName("writeUnits")]
    public double? WriteUnits { get; internal set; }

    /// <summary>The part of <see cref="WriteUnits"/> computed from item sizes because DynamoDB reported no consumed capacity.</summary>
    [JsonPropertyName("writeUnitsFromItemSizes")]
    public double? WriteUnitsFromItemSizes { get; internal set; }

    /// <summary>Seconds from the first write to the last.</summary>
    [JsonPropertyName("writeSeconds")]
    public double? WriteSeconds { get; internal set; }

    /// <summary>The rate achieved: <see cref="WriteUnits"/> over <see cref="WriteSeconds"/>.</summary>
    [JsonPropertyName("writeUnitsPerSecond")]
    public double? WriteUnitsPerSecond { get; internal set; }

    /// <summary>How many times DynamoDB throttled the capped writes (each halves the rate for a while).</summary>
    [JsonPropertyName("writeThrottles")]
    public long? WriteThrottles { get; internal set; }

    /// <summary>Whether the run was an online backfill (<see cref="MigrationOptions.Online"/>): written while the application dual-writes, not verified at the end.</summary>
    [JsonPropertyName("online")]
    public bool Online { get; internal set; }

    /// <summary>
    /// Online runs (<see cref="MigrationOptions.Online"/>): the writes left out because the table holds a newer state (a put over a newer
    /// item; a sync's delete of an item updated since its cutoff, an event or an alert); <see langword="null"/> otherwise.
    /// </summary>
    [JsonPropertyName("skippedNewer")]
    public long? SkippedNewer { get; internal set; }

    /// <summary>The run time in seconds.</summary>
    [JsonPropertyName("durationSeconds")]
    public double DurationSeconds { get; internal set; }

    /// <summary>
    /// For verify and sync: the peak working set of the process at the end of the run, in bytes (<see cref="System.Diagnostics.Process.PeakWorkingSet64"/>).
    /// The comparison keeps its differences in sorted runs on disk, so this does not grow with the number of differing items.
    /// </summary>
    [JsonPropertyName("peakWorkingSetBytes")]
    public long? PeakWorkingSetBytes { get; internal set; }

    /// <summary>The entries behind <see cref="Entities"/>, filled by the engine.</summary>
    internal Dictionary<EntityType, EntityReport> EntityMap { get; } = [];

    /// <summary>The list behind <see cref="RejectReasons"/>, filled by the engine.</summary>
    internal List<RejectReason> RejectReasonList { get; } = [];

    /// <summary>The list behind <see cref="ExtraUnclaimed"/>, filled by the engine.</summary>
    internal List<string> ExtraUnclaimedList { get; } = [];

    /// <summary>The list behind <see cref="Warnings"/>, filled by the engine.</summary>
    internal List<DataQualityWarning> WarningList { get; } = [];

    /// <summary>The map behind <see cref="SyncPuts"/>; set by sync.</summary>
    internal Dictionary<EntityType, long>? SyncPutMap { get; set; }

    /// <summary>The map behind <see cref="SyncDeletes"/>; set by sync.</summary>
    internal Dictionary<EntityType, long>? SyncDeleteMap { get; set; }

    /// <summary>Whether any row was rejected.</summary>
    [JsonIgnore]
    public bool HasRejects => Entities.Values.Any(e => e.Rejected > 0);

    /// <summary>Whether any row was rejected, any key differs or the target holds items no entity type claims.</summary>
    [JsonIgnore]
    public bool HasRejectsOrDifferences =>
        ExtraUnclaimedCount > 0
        || Entities.Values.Any(e => e.Rejected > 0 || e.Missing.Count > 0 || e.Extra.Count > 0 || e.Different.Count > 0 || e.ChecksumMatch == false);

    /// <summary>The report as indented JSON.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
