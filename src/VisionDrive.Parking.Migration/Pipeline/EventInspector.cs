namespace VisionDrive.Parking.Migration.Pipeline;

/// <summary>Events: an event whose sensor does not exist in the source. Knows the source's sensor ids (all segments), read once per run.</summary>
internal sealed class EventInspector(SourceStage<Sensor> sensors, SourceReadOptions allSensors) : IDataQualityInspector<SensorEvent>
{
    private HashSet<string>? _sensorIds;

    public async ValueTask PrepareAsync(string? resumeAfterKey, CancellationToken cancellationToken)
    {
        if (_sensorIds is not null)
        {
            return;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in sensors.ReadAsync(allSensors, cancellationToken).ConfigureAwait(false))
        {
            ids.Add(row.Entity?.Id ?? row.Key);
        }

        _sensorIds = ids;
    }

    public void Inspect(SensorEvent entity, List<DataQualityWarning> warnings)
    {
        if (_sensorIds is not null && !_sensorIds.Contains(entity.SensorId))
        {
            warnings.Add(new DataQualityWarning(EntityType.Event.Name(), entity.Id + "@" + KeyTime.ToKey(entity.Time), "sensorId",
                $"Event of sensor '{entity.SensorId}', which does not exist in the source; migrated under that sensor's partition."));
        }
    }
}
