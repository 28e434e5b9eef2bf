namespace VisionDrive.Parking.Migration.Pipeline;

/// <summary>
/// Wires one <see cref="TablePipeline{T}"/> per entity type: the only place an <see cref="EntityType"/> is turned into a type. The pipelines
/// of one builder share their inspectors' knowledge for one run (the sensor ids the event inspector reads once).
/// </summary>
internal sealed class TablePipelineBuilder(ParkingSourceReader reader, ItemMappingOptions mapping, SourceReadOptions read, SourceReadOptions unsegmented)
{
    private readonly Dictionary<EntityType, ITablePipeline> _built = [];

    public ITablePipeline For(EntityType type)
    {
        if (!_built.TryGetValue(type, out var pipeline))
        {
            _built[type] = pipeline = Build(type);
        }

        return pipeline;
    }

    private ITablePipeline Build(EntityType type)
    {
        var sensors = new SourceStage<Sensor>(reader.ReadSensorsAsync);
        return type switch
        {
            EntityType.Tenant => new TablePipeline<Tenant>(new(reader.ReadTenantsAsync), new(type, ParkingItemMapper.ToItem), NoInspection<Tenant>.Instance),
            EntityType.Site => new TablePipeline<Site>(new(reader.ReadSitesAsync), new(type, ParkingItemMapper.ToItem), NoInspection<Site>.Instance),
            EntityType.Zone => new TablePipeline<Zone>(new(reader.ReadZonesAsync), new(type, ParkingItemMapper.ToItem), new ZoneInspector()),
            EntityType.Bay => Bays(type),
            EntityType.Sensor => new TablePipeline<Sensor>(sensors, new(type, ParkingItemMapper.ToItem), new SensorInspector(sensors, read)),
            EntityType.Event => new TablePipeline<SensorEvent>(
                new(reader.ReadEventsAsync), new(type, e => ParkingItemMapper.ToItem(e, mapping)), new EventInspector(sensors, unsegmented)),
            EntityType.Alert => new TablePipeline<Alert>(new(reader.ReadAlertsAsync), new(type, ParkingItemMapper.ToItem), NoInspection<Alert>.Instance),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an entity type."),
        };
    }

    private TablePipeline<Bay> Bays(EntityType type)
    {
        var bays = new SourceStage<Bay>(reader.ReadBaysAsync);
        return new TablePipeline<Bay>(bays, new(type, ParkingItemMapper.ToItem), new BayInspector(bays, read));
    }
}
