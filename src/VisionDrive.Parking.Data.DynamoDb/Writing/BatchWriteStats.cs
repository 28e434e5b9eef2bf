namespace VisionDrive.Parking.Data.DynamoDb.Writing;

/// <summary>What writing one batch took.</summary>
/// <param name="Written">Items acknowledged by DynamoDB.</param>
/// <param name="Calls">BatchWriteItem calls made.</param>
/// <param name="UnprocessedResubmits">Calls that resubmitted <c>UnprocessedItems</c>.</param>
/// <param name="ErrorRetries">Calls retried after a throttling or server error.</param>
public readonly record struct BatchWriteStats(int Written, int Calls, int UnprocessedResubmits, int ErrorRetries)
{
    /// <summary>
    /// Conditional writes left out because the table holds a newer state (<see cref="BatchWriterOptions.PutOnlyOverOlder"/>,
    /// <see cref="BatchWriterOptions.DeleteOnlyUpdatedBefore"/>); not counted in <see cref="Written"/>.
    /// </summary>
    public int Skipped { get; init; }

    /// <summary>Adds two stats.</summary>
    /// <param name="a">The first.</param>
    /// <param name="b">The second.</param>
    /// <returns>The sum.</returns>
    public static BatchWriteStats operator +(BatchWriteStats a, BatchWriteStats b) =>
        new(a.Written + b.Written, a.Calls + b.Calls, a.UnprocessedResubmits + b.UnprocessedResubmits, a.ErrorRetries + b.ErrorRetries) { Skipped = a.Skipped + b.Skipped };

    /// <summary>Adds two stats.</summary>
    /// <param name="other">The other.</param>
    /// <returns>The sum.</returns>
    public BatchWriteStats Add(BatchWriteStats other) => this + other;
}
