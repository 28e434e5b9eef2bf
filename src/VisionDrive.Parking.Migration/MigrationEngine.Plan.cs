using VisionDrive.Parking.Migration.Planning;

namespace VisionDrive.Parking.Migration;

public sealed partial class MigrationEngine
{
    /// <summary>
    /// Plans a first load: counts each table at the source, transforms a sample (the first <see cref="PlanOptions.SampleRows"/> rows, or every row)
    /// with the real transform to measure item sizes, index membership and import bytes, scales them to the counts (or to
    /// <see cref="PlanOptions.AssumedRows"/>), and computes time and cost by BatchWriteItem and by Import from S3, the import's conditions and a
    /// recommendation. Reads the source only; never calls DynamoDB.
    /// </summary>
    /// <param name="planOptions">Rates, prices, region, whether the table exists.</param>
    /// <param name="cancellationToken">Cancels the plan.</param>
    /// <returns>The plan.</returns>
    public async Task<LoadPlan> PlanAsync(PlanOptions planOptions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(planOptions);
        planOptions.Validate();
        var pipelines = Pipelines();
        var measured = new Dictionary<EntityType, EntityMeasurement>();
        try
        {
            foreach (var type in _options.EntityTypes)
            {
                var m = new EntityMeasurement();
                measured[type] = m;
                m.Rows = await _source.CountAsync(type, ReadOptions(segmented: false), cancellationToken).ConfigureAwait(false);
                await foreach (var row in pipelines.For(type).TransformAsync(ReadOptions(segmented: false), inspect: false, cancellationToken).ConfigureAwait(false))
                {
                    m.SampledRows++;
                    if (row.Item is { } item)
                    {
                        m.Add(item);
                    }

                    if (planOptions.SampleRows > 0 && m.SampledRows >= planOptions.SampleRows)
                    {
                        break;
                    }
                }
            }

            return LoadPlanner.Compute(measured, planOptions);
        }
        finally
        {
            foreach (var m in measured.Values)
            {
                m.Dispose();
            }
        }
    }
}
