namespace VisionDrive.Parking.Migration.Pipeline;

/// <summary>
/// A range of consecutive source rows: the items they produced, the rows rejected and the warnings raised. All three are committed
/// together (<see cref="BatchCommitter"/>) once DynamoDB acknowledged the items, and not before.
/// </summary>
internal sealed class PendingBatch(long sequence)
{
    /// <summary>The most rows one batch covers, so a run of rejected rows (which produce no items) is still committed in bounded pieces.</summary>
    public const int MaxRows = 1_000;

    public long Sequence { get; } = sequence;

    public List<Dictionary<string, AttributeValue>> Items { get; } = new(BatchWriterOptions.MaxBatchSize);

    public List<RowFailure> Rejects { get; } = [];

    public List<DataQualityWarning> Warnings { get; } = [];

    /// <summary>The key of the last row of the range: where the checkpoint moves once the batch is committed.</summary>
    public string? LastKey { get; set; }

    public int Read { get; set; }

    public bool IsFull => Items.Count == BatchWriterOptions.MaxBatchSize || Read == MaxRows;

    public IReadOnlyList<WriteRequest> Requests()
    {
        var requests = new List<WriteRequest>(Items.Count);
        foreach (var item in Items)
        {
            requests.Add(new WriteRequest { PutRequest = new PutRequest { Item = item } });
        }

        return requests;
    }
}
