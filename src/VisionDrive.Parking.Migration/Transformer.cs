using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb.Mapping;
using VisionDrive.Parking.Data.Keys;

namespace VisionDrive.Parking.Migration;

/// <summary>
/// Turns source rows into items (pure: the same row always gives the same item) and notices data-quality problems that do not stop a
/// row from migrating: a DevEUI that is not 16 hex digits, a DevEUI shared by several sensors, duplicate bay codes in a zone, an event
/// whose sensor does not exist.
/// </summary>
internal sealed class Transformer
{
    private readonly ItemMappingOptions _mapping;
    // First owner of each DevEUI / zone+code: a row read again (after an in-run resume from the checkpoint) is not "another" row.
    private readonly Dictionary<string, string> _devEuis = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _bayCodes = new(StringComparer.Ordinal);

    public Transformer(ItemMappingOptions mapping, IReadOnlySet<string>? knownSensorIds = null)
    {
        _mapping = mapping;
        KnownSensorIds = knownSensorIds;
    }

    /// <summary>The sensor ids of the source, for the orphan-event warning; <see langword="null"/> to skip that check.</summary>
    public IReadOnlySet<string>? KnownSensorIds { get; set; }

    /// <summary>Maps one row. Returns the item, or a failure for a row that cannot become one; adds warnings to <paramref name="warnings"/> when given.</summary>
    public Dictionary<string, AttributeValue>? Transform(EntityType type, SourceRow<object> row, List<DataQualityWarning>? warnings, out RowFailure? failure)
    {
        if (row.Failure is not null)
        {
            failure = row.Failure;
            return null;
        }

        var entity = row.Entity!;
        try
        {
            var item = ParkingItemMapper.ToItem(entity, _mapping);
            failure = null;
            if (warnings is not null)
            {
                Inspect(type, entity, warnings);
            }

            return item;
        }
        catch (InvalidEntityException ex)
        {
            failure = new RowFailure(type.SourceTable(), ex.EntityKey, ex.Field, ex.Reason, EntityJson.Serialize(entity));
            return null;
        }
    }

    private void Inspect(EntityType type, object entity, List<DataQualityWarning> warnings)
    {
        switch (entity)
        {
            case Sensor s:
                if (!DevEui.IsWellFormed(s.DevEui))
                {
                    warnings.Add(new DataQualityWarning(type.Name(), s.Id, "devEui",
                        $"DevEUI '{s.DevEui}' is not 16 hexadecimal digits; migrated as it is (lookups use '{DevEui.Normalize(s.DevEui)}'). Correct it at the source."));
                }

                if (!string.Equals(Owner(_devEuis, DevEui.Normalize(s.DevEui), s.Id), s.Id, StringComparison.Ordinal))
                {
                    warnings.Add(new DataQualityWarning(type.Name(), s.Id, "devEui",
                        $"DevEUI '{s.DevEui}' is shared with another sensor; a lookup by DevEUI returns the one with the smallest id."));
                }

                break;
            case Bay b:
                if (!string.Equals(Owner(_bayCodes, b.ZoneId + "\u0001" + b.Code, b.Id), b.Id, StringComparison.Ordinal))
                {
                    warnings.Add(new DataQualityWarning(type.Name(), b.Id, "code",
                        $"Bay code '{b.Code}' is used by another bay of zone '{b.ZoneId}'; both are migrated (the sort key includes the bay id)."));
                }

                break;
            case Zone z when string.Equals(z.Kind, "PAID", StringComparison.Ordinal) && z.PricePerHour is null:
                // docs/datasets.md and docs/design.md §2: a paid zone whose tariff has no numeric pricePerHour is migrated and listed.
                warnings.Add(new DataQualityWarning(type.Name(), z.Id, "tariff",
                    "PAID zone whose tariff has no numeric top-level pricePerHour; migrated as it is (the tariff is kept as a map; the item has no pricePerHour/currency). Correct it at the source."));
                break;
            case SensorEvent e when KnownSensorIds is not null && !KnownSensorIds.Contains(e.SensorId):
                warnings.Add(new DataQualityWarning(type.Name(), e.Id + "@" + KeyTime.ToKey(e.Time), "sensorId",
                    $"Event of sensor '{e.SensorId}', which does not exist in the source; migrated under that sensor's partition."));
                break;
        }
    }

    private static string Owner(Dictionary<string, string> owners, string value, string id)
    {
        if (!owners.TryGetValue(value, out var owner))
        {
            owners[value] = owner = id;
        }

        return owner;
    }
}
