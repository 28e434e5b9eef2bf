namespace VisionDrive.Parking.Migration.Pipeline;

/// <summary>
/// Sensors: a DevEUI that is not 16 hex digits, and a DevEUI shared with a sensor read before (the first owner, in id order, is the one a
/// lookup by DevEUI returns). On a resume it reads the sensors up to the checkpoint again to know their DevEUIs.
/// </summary>
internal sealed class SensorInspector(SourceStage<Sensor> source, SourceReadOptions read) : IDataQualityInspector<Sensor>
{
    private readonly FirstOwners _devEuis = new();

    public async ValueTask PrepareAsync(string? resumeAfterKey, CancellationToken cancellationToken)
    {
        _devEuis.Clear();
        if (resumeAfterKey is null)
        {
            return;
        }

        await foreach (var row in source.ReadAsync(read with { AfterKey = null, UpToKey = resumeAfterKey }, cancellationToken).ConfigureAwait(false))
        {
            if (row.Entity is { } s)
            {
                _devEuis.Claim(DevEui.Normalize(s.DevEui), s.Id);
            }
        }
    }

    public void Inspect(Sensor entity, List<DataQualityWarning> warnings)
    {
        var name = EntityType.Sensor.Name();
        if (!DevEui.IsWellFormed(entity.DevEui))
        {
            warnings.Add(new DataQualityWarning(name, entity.Id, "devEui",
                $"DevEUI '{entity.DevEui}' is not 16 hexadecimal digits; migrated as it is (lookups use '{DevEui.Normalize(entity.DevEui)}'). Correct it at the source."));
        }

        if (!_devEuis.Claim(DevEui.Normalize(entity.DevEui), entity.Id))
        {
            warnings.Add(new DataQualityWarning(name, entity.Id, "devEui",
                $"DevEUI '{entity.DevEui}' is shared with another sensor; a lookup by DevEUI returns the one with the smallest id."));
        }
    }
}
