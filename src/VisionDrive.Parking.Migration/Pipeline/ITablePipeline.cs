namespace VisionDrive.Parking.Migration.Pipeline;

/// <summary>
/// The pipeline of one entity type, typed inside (<see cref="TablePipeline{T}"/>): read → transform (map, inspect) → batch → write →
/// commit. The engine sees only this face of it.
/// </summary>
internal interface ITablePipeline
{
    EntityType Type { get; }

    /// <summary>Read and transform: every row of the read, mapped, and inspected when <paramref name="inspect"/> (export) or not (verify).</summary>
    IAsyncEnumerable<TransformedRow> TransformAsync(SourceReadOptions read, bool inspect, CancellationToken cancellationToken);

    /// <summary>One migration pass of the table from its checkpoint to the end: every batch written is committed, and the checkpoint saved, even when the pass fails.</summary>
    Task MigrateAsync(TableRun run, CancellationToken cancellationToken);
}
