namespace VisionDrive.Parking.Migration.Pipeline;

/// <summary>Zones: a PAID zone whose tariff has no numeric top-level <c>pricePerHour</c> (docs/datasets.md). Remembers nothing.</summary>
internal sealed class ZoneInspector : IDataQualityInspector<Zone>
{
    public ValueTask PrepareAsync(string? resumeAfterKey, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public void Inspect(Zone entity, List<DataQualityWarning> warnings)
    {
        if (string.Equals(entity.Kind, "PAID", StringComparison.Ordinal) && entity.PricePerHour is null)
        {
            warnings.Add(new DataQualityWarning(EntityType.Zone.Name(), entity.Id, "tariff",
                "PAID zone whose tariff has no numeric top-level pricePerHour; migrated as it is (the tariff is kept as a map; the item has no pricePerHour/currency). Correct it at the source."));
        }
    }
}
