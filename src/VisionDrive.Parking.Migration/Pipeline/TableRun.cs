namespace VisionDrive.Parking.Migration.Pipeline;

/// <summary>What one table's migration pass works with: where it reads from, the one batch-write path, and where it commits.</summary>
/// <param name="Read">The read options of the run (segment, page size), without a resume key: the pass resumes after <see cref="TableCheckpoint.AfterKey"/>.</param>
/// <param name="Writer">The batch writer (the one parallel batch-write path).</param>
/// <param name="State">The state directory.</param>
/// <param name="Checkpoint">The whole checkpoint (saved as one file).</param>
/// <param name="Table">This table's part of it.</param>
/// <param name="CheckpointInterval">How often the checkpoint is saved at most.</param>
/// <param name="Time">The clock.</param>
/// <param name="Committed">Called with the table's committed row count after each commit; may be <see langword="null"/>.</param>
internal sealed record TableRun(
    SourceReadOptions Read,
    DynamoDbBatchWriter Writer,
    StateStore State,
    Checkpoint Checkpoint,
    TableCheckpoint Table,
    TimeSpan CheckpointInterval,
    TimeProvider Time,
    Action<long>? Committed);
