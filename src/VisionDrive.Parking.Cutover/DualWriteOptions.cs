using System.ComponentModel.DataAnnotations;

namespace VisionDrive.Parking.Cutover;

/// <summary>
/// Settings of the dual-write phase (<c>Parking:DualWrite</c>): which store is primary, the fraction of reads also served by the secondary
/// and compared, and the appliers' pace. Every default is stated on its property; the limits are DataAnnotations attributes, checked at
/// start-up by a source-generated validator (<c>AddVisionDriveParkingDualWrite</c>).
/// </summary>
public sealed class DualWriteOptions : IValidatableObject
{
    /// <summary>The default <see cref="OutboxBatchSize"/>, 100.</summary>
    public const int DefaultOutboxBatchSize = 100;

    /// <summary>
    /// The store that serves reads and takes every write first: <see cref="ParkingStoreKind.Postgres"/> or
    /// <see cref="ParkingStoreKind.DynamoDb"/>. Default <see cref="ParkingStoreKind.Postgres"/>.
    /// </summary>
    public ParkingStoreKind Primary { get; set; } = ParkingStoreKind.Postgres;

    /// <summary>
    /// The fraction of reads also served by the secondary and compared in canonical form (0 to 1). Default 0 (no shadow reads); 1 shadows
    /// every read (the go/no-go run), which roughly doubles the read latency.
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "{0} must be between 0 and 1 (the fraction of reads also served by the secondary).")]
    public double ShadowReadRate { get; set; }

    /// <summary>
    /// How many times a shadow read that differs is read again before it counts as a mismatch: 3, after <see cref="ShadowRecheckDelay"/>,
    /// twice and four times that. A write that lands between the primary's and the secondary's read makes them differ for a moment: the
    /// difference has settled when the secondary, read again, equals the answer given or the primary's state read after it. A difference
    /// that stays over the rechecks is real.
    /// </summary>
    public const int ShadowRechecks = 3;

    /// <summary>
    /// The wait before the first recheck of a differing shadow read (the next ones wait twice and four times as long). Default 100 ms
    /// (0 to 10 s); the caller's read waits for the rechecks, so only differing reads are slower (by 700 ms at most with the default).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10", ErrorMessage = "{0} must be between 0 and 10 seconds.")]
    public TimeSpan ShadowRecheckDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many outbox rows the outbox applier copies per batch (PostgreSQL primary). Default <see cref="DefaultOutboxBatchSize"/> (100), 1 to 10000.</summary>
    [Range(1, 10_000, ErrorMessage = "{0} must be between 1 and 10000.")]
    public int OutboxBatchSize { get; set; } = DefaultOutboxBatchSize;

    /// <summary>How long the appliers wait when there is nothing to apply (outbox empty, stream caught up). Default 1 s (10 ms to 1 min).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00", ErrorMessage = "{0} must be between 10 ms and 1 minute.")]
    public TimeSpan StreamPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The checks the attributes cannot state: the primary is one of the two stores.</summary>
    /// <param name="validationContext">The context.</param>
    /// <returns>The problems.</returns>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (Primary is not (ParkingStoreKind.Postgres or ParkingStoreKind.DynamoDb))
        {
            yield return new ValidationResult(
                string.Create(CultureInfo.InvariantCulture, $"DualWriteOptions.Primary is '{Primary}': set it to Postgres or DynamoDb (the store that serves reads and takes every write first)."),
                [nameof(Primary)]);
        }

        if (double.IsNaN(ShadowReadRate))
        {
            yield return new ValidationResult("DualWriteOptions.ShadowReadRate is not a number: set it between 0 and 1.", [nameof(ShadowReadRate)]);
        }
    }
}
