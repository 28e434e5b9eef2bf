namespace VisionDrive.Parking.Migration.Pipeline;

/// <summary>The inspector of an entity type without data-quality checks (tenants, sites, alerts).</summary>
/// <typeparam name="T">The entity record.</typeparam>
internal sealed class NoInspection<T> : IDataQualityInspector<T>
    where T : class
{
    public static NoInspection<T> Instance { get; } = new();

    public ValueTask PrepareAsync(string? resumeAfterKey, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public void Inspect(T entity, List<DataQualityWarning> warnings)
    {
    }
}
