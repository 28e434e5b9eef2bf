using System.ComponentModel.DataAnnotations;

namespace VisionDrive.Parking.Migration;

/// <summary>
/// Settings of a migration, verification, sync or export run. Every default is stated on its property (the table's in
/// <see cref="ParkingDefaults"/>, the run's in the <c>Default…</c> constants, which the <c>vdp</c> CLI reads too); the limits are
/// DataAnnotations attributes, checked at start-up by a source-generated validator (<c>AddVisionDriveParkingMigration</c>) and by
/// <see cref="Validate"/>, which <see cref="MigrationEngine"/> calls.
/// </summary>
public sealed class MigrationOptions : IValidatableObject
{
    /// <summary>The default <see cref="StateDirectory"/>, <c>vdp-state</c>.</summary>
    public const string DefaultStateDirectory = "vdp-state";

    /// <summary>The default <see cref="Parallelism"/>, 4.</summary>
    public const int DefaultParallelism = 4;

    /// <summary>The largest <see cref="Parallelism"/> and <see cref="ScanSegments"/>, 64.</summary>
    public const int MaxParallelism = 64;

    /// <summary>The default <see cref="SourceReconnectAttempts"/>, 5.</summary>
    public const int DefaultSourceReconnectAttempts = 5;

    /// <summary>The largest <see cref="SourceReconnectAttempts"/>, 100.</summary>
    public const int MaxSourceReconnectAttempts = 100;

    /// <summary>The target table. Default <see cref="ParkingDefaults.TableName"/> (<c>VisionDrive-Parking</c>).</summary>
    [Required(ErrorMessage = "{0} is empty: set the target table (default " + ParkingDefaults.TableName + ").")]
    public string TableName { get; set; } = ParkingDefaults.TableName;

    /// <summary>The state directory: checkpoint, lock, <c>rejects.jsonl</c>, <c>warnings.jsonl</c>. Default <see cref="DefaultStateDirectory"/> (<c>./vdp-state</c>).</summary>
    [Required(ErrorMessage = "{0} is empty: set the folder for the checkpoint, lock and rejects (default " + DefaultStateDirectory + ").")]
    public string StateDirectory { get; set; } = DefaultStateDirectory;

    /// <summary>The entity types to process, in order; default all seven (parents before children).</summary>
    public IReadOnlyList<EntityType> EntityTypes { get; set; } = Data.EntityTypes.All;

    /// <summary>This process's segment, 0-based, below <see cref="SegmentCount"/>. Default 0.</summary>
    public int SegmentIndex { get; set; }

    /// <summary>How many processes share the migration (each with its own <see cref="SegmentIndex"/> and state directory). Default 1.</summary>
    [Range(1, int.MaxValue)]
    public int SegmentCount { get; set; } = 1;

    /// <summary>How long DynamoDB keeps an event: its <c>ttl</c> is the event time plus this. Default <see cref="ParkingDefaults.EventRetention"/> (400 days); must be positive.</summary>
    public TimeSpan EventRetention { get; set; } = ParkingDefaults.EventRetention;

    /// <summary>Write events whose <c>ttl</c> is already past (DynamoDB deletes them within days). Default <see langword="false"/>: the run refuses and says how many.</summary>
    public bool AllowExpiredTtl { get; set; }

    /// <summary>BatchWriteItem calls in flight at once. Default <see cref="DefaultParallelism"/> (4), 1 to <see cref="MaxParallelism"/> (64).</summary>
    [Range(1, MaxParallelism)]
    public int Parallelism { get; set; } = DefaultParallelism;

    /// <summary>Parallel scan segments used to read the target during verification and sync. Default 4 (1 to <see cref="MaxParallelism"/>).</summary>
    [Range(1, MaxParallelism)]
    public int ScanSegments { get; set; } = 4;

    /// <summary>
    /// The most write units per second that migrate and sync consume, all their writers together (from the consumed capacity DynamoDB
    /// returns; <see cref="Data.DynamoDb.Writing.WriteGovernor"/>); <see langword="null"/> (the default) for no cap. 1 to 10,000,000. A run split over N
    /// processes (<see cref="SegmentCount"/>) shares a table's budget only if each process gets its share: give each cap / N.
    /// </summary>
    [Range(1, 10_000_000)]
    public int? MaxWriteUnitsPerSecond { get; set; }

    /// <summary>Rows read per page from the source. Default 5000 (1 to 1000000).</summary>
    [Range(1, 1_000_000)]
    public int SourcePageSize { get; set; } = 5000;

    /// <summary>How often the checkpoint is saved while batches are acknowledged (and always at the end of a table). Default 1 s.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// An online backfill: migrate and sync run while the application dual-writes the table (the cutover's phase 2, PostgreSQL primary;
    /// docs/cutover.md). Versioned items (every entity but events) are written with conditional PutItems that never go back over a newer
    /// state a dual write left in the table (<c>updatedAt</c>, then a bay's status and a sensor's <c>lastSeenAt</c>; an alert's status only
    /// forward); events are put as they are (they are immutable). A sync deletes only items whose <c>updatedAt</c> is more than
    /// <see cref="OnlineClockAllowance"/> before its start (never events or alerts). Writes left out are counted in
    /// <see cref="MigrationReport.SkippedNewer"/>. Neither verifies at the end (the table moves under it): verify when the outbox is drained.
    /// Default <see langword="false"/>.
    /// </summary>
    public bool Online { get; set; }

    /// <summary>
    /// How far the application's clock may be behind this process's: an online sync keeps an item updated less than this before the sync
    /// started, as it may be a write the sync's snapshot missed. 5 minutes.
    /// </summary>
    public static TimeSpan OnlineClockAllowance { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Verify after migrating (counts and checksums). Default <see langword="true"/>; segment runs verify only when all segments are done, with a separate verify run.</summary>
    public bool Verify { get; set; } = true;

    /// <summary>The most differing keys listed per entity type in a report. Default 100.</summary>
    public int MaxListedDifferences { get; set; } = 100;

    /// <summary>
    /// How many times a migration resumes from its checkpoint, in the same run, after the source connection is lost (a server restart or
    /// failover, a terminated backend, a refused connection). Default <see cref="DefaultSourceReconnectAttempts"/> (5), 0 to
    /// <see cref="MaxSourceReconnectAttempts"/> (100); 0 stops at the first loss (the checkpoint is kept either way, so a rerun resumes).
    /// The budget is per outage: a resume that moves the checkpoint starts the count again. Other source errors (a wrong password, a TLS
    /// failure, a missing table) are never retried; the expired-TTL check before the first write and the verification after the last are
    /// not resumed either (rerun them).
    /// </summary>
    [Range(0, MaxSourceReconnectAttempts)]
    public int SourceReconnectAttempts { get; set; } = DefaultSourceReconnectAttempts;

    /// <summary>The wait before the first reconnect; doubled for each next one, at most 30 s. Default 1 s (0 to 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan SourceReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Checks the values (the checks of the start-up validation); throws naming every option that is wrong.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names each option that is wrong and its limits.</exception>
    public void Validate()
    {
        var result = new DependencyInjection.MigrationOptionsValidator().Validate(null, this);
        if (result.Failed)
        {
            throw new ArgumentException("Invalid migration settings: " + string.Join(" ", result.Failures ?? []));
        }
    }

    /// <summary>The checks the attributes cannot state: the segment against the segment count, a positive retention, the entity type list.</summary>
    /// <param name="validationContext">The context.</param>
    /// <returns>The problems.</returns>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (SegmentCount >= 1 && (SegmentIndex < 0 || SegmentIndex >= SegmentCount))
        {
            yield return new ValidationResult(
                $"MigrationOptions.SegmentIndex {SegmentIndex} of {SegmentCount} segments is invalid: use i/N with 0 <= i < N.", [nameof(SegmentIndex)]);
        }

        if (EventRetention <= TimeSpan.Zero)
        {
            yield return new ValidationResult(
                string.Create(CultureInfo.InvariantCulture, $"MigrationOptions.EventRetention is {EventRetention}; it must be positive (default {ParkingDefaults.EventRetentionDays} days)."),
                [nameof(EventRetention)]);
        }

        if (EntityTypes is null || EntityTypes.Count == 0)
        {
            yield return new ValidationResult("MigrationOptions.EntityTypes is empty: select at least one entity type (default all seven).", [nameof(EntityTypes)]);
        }
    }
}
