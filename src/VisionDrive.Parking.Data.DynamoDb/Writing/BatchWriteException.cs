namespace VisionDrive.Parking.Data.DynamoDb.Writing;

/// <summary>
/// A batch could not be written within <see cref="BatchWriterOptions.MaxAttempts"/>: lists the keys that were not written
/// (the others were). Nothing was dropped silently; rerunning writes them (puts are idempotent).
/// </summary>
public sealed class BatchWriteException : ParkingDataException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="unwrittenKeys">The <c>PK|SK</c> of each item not written.</param>
    /// <param name="stats">What was done before giving up.</param>
    /// <param name="innerException">The last error, if any.</param>
    public BatchWriteException(string message, IReadOnlyList<string> unwrittenKeys, BatchWriteStats stats, Exception? innerException)
        : base(message, innerException)
    {
        UnwrittenKeys = unwrittenKeys;
        Stats = stats;
    }

    /// <summary>The <c>PK|SK</c> of each item not written.</summary>
    public IReadOnlyList<string> UnwrittenKeys { get; }

    /// <summary>What was done before giving up.</summary>
    public BatchWriteStats Stats { get; }

    /// <inheritdoc />
    public override bool IsTransient => true;
}
