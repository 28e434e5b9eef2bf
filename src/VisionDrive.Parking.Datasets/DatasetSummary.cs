namespace VisionDrive.Parking.Datasets;

/// <summary>What <see cref="ParkingDatasets"/> loaded.</summary>
/// <param name="Dataset">The dataset spec as given, e.g. <c>guide</c> or <c>scale:1000000</c>.</param>
/// <param name="Seed">The seed of the generator.</param>
/// <param name="Tenants">Rows in <c>tenants</c>.</param>
/// <param name="Sites">Rows in <c>sites</c>.</param>
/// <param name="Zones">Rows in <c>zones</c>.</param>
/// <param name="Bays">Rows in <c>bays</c>.</param>
/// <param name="Sensors">Rows in <c>sensors</c>.</param>
/// <param name="Events">Rows in <c>sensor_events</c>.</param>
/// <param name="Alerts">Rows in <c>alerts</c>.</param>
/// <param name="Elapsed">How long the load took (schema, data and ANALYZE).</param>
public sealed record DatasetSummary(
    string Dataset, int Seed, long Tenants, long Sites, long Zones, long Bays, long Sensors, long Events, long Alerts, TimeSpan Elapsed)
{
    /// <summary>Rows in all tables (356 for <c>guide</c>).</summary>
    public long Total => Tenants + Sites + Zones + Bays + Sensors + Events + Alerts;

    /// <summary>The row count of one entity type's table.</summary>
    /// <param name="type">The entity type.</param>
    /// <returns>The count.</returns>
    public long Count(EntityType type) => type switch
    {
        EntityType.Tenant => Tenants,
        EntityType.Site => Sites,
        EntityType.Zone => Zones,
        EntityType.Bay => Bays,
        EntityType.Sensor => Sensors,
        EntityType.Event => Events,
        EntityType.Alert => Alerts,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown entity type."),
    };

    /// <summary>The counts by entity type, in migration order.</summary>
    public IReadOnlyDictionary<EntityType, long> Counts => new Dictionary<EntityType, long>
    {
        [EntityType.Tenant] = Tenants,
        [EntityType.Site] = Sites,
        [EntityType.Zone] = Zones,
        [EntityType.Bay] = Bays,
        [EntityType.Sensor] = Sensors,
        [EntityType.Event] = Events,
        [EntityType.Alert] = Alerts,
    };
}
