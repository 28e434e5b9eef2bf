using System.Runtime.CompilerServices;

namespace VisionDrive.Parking.Migration.Pipeline;

/// <summary>
/// One entity type's pipeline, typed from the source row to the item: <see cref="SourceStage{T}"/> → <see cref="ItemMapping{T}"/> and
/// <see cref="IDataQualityInspector{T}"/> → <see cref="Batcher"/> → the batch writer → <see cref="BatchCommitter"/>. Built by
/// <see cref="TablePipelineBuilder"/>.
/// </summary>
/// <typeparam name="T">The entity record.</typeparam>
internal sealed class TablePipeline<T>(SourceStage<T> source, ItemMapping<T> mapping, IDataQualityInspector<T> inspector) : ITablePipeline
    where T : class
{
    public EntityType Type => mapping.Type;

    public IAsyncEnumerable<TransformedRow> TransformAsync(SourceReadOptions read, bool inspect, CancellationToken cancellationToken) =>
        TransformCoreAsync(read, inspect, cancellationToken);

    public async Task MigrateAsync(TableRun run, CancellationToken cancellationToken)
    {
        var rows = TransformCoreAsync(run.Read with { AfterKey = run.Table.AfterKey }, inspect: true, cancellationToken);
        var batches = Batcher.BatchAsync(rows, cancellationToken);
        var committer = new BatchCommitter(run.State, run.Checkpoint, run.Table, run.CheckpointInterval, run.Time, run.Committed);
        try
        {
            await run.Writer.WriteBatchesAsync(batches, static b => b.Requests(), committer.Acknowledge, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Whatever happened, keep what was committed.
            committer.Flush();
        }
    }

    private async IAsyncEnumerable<TransformedRow> TransformCoreAsync(SourceReadOptions read, bool inspect, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (inspect)
        {
            await inspector.PrepareAsync(read.AfterKey, cancellationToken).ConfigureAwait(false);
        }

        var scratch = new List<DataQualityWarning>();
        await foreach (var row in source.ReadAsync(read, cancellationToken).ConfigureAwait(false))
        {
            var (item, failure) = mapping.Map(row);
            IReadOnlyList<DataQualityWarning> warnings = [];
            if (inspect && item is not null)
            {
                inspector.Inspect(row.Entity!, scratch);
                if (scratch.Count > 0)
                {
                    warnings = scratch.ToArray();
                    scratch.Clear();
                }
            }

            yield return new TransformedRow(row.Key, item, failure, warnings);
        }
    }
}
