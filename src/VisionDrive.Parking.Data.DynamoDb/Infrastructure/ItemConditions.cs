using System.Linq;
using System.ComponentModel;

namespace VisionDrive.Parking.Data.DynamoDb.Infrastructure;

/// <summary>
/// The conditions that make a write to the table apply only over an older state of the entity, for the sibling packages (the
/// cutover's replication, the migration's online backfill): public so that mixing package versions cannot fail at run time,
/// hidden from IntelliSense because applications have no use for it. Not a stable API.
/// </summary>
/// <remarks>
/// The state of an item is ordered by its <c>updatedAt</c> (tenants, sites, zones, bays, sensors; every write through a store
/// moves it forward), then, at the same <c>updatedAt</c>, by what changes without a new version: a bay's status (its sensor, then
/// <c>statusChangedAt</c> and <c>statusEventId</c>) and a sensor's <c>lastSeenAt</c>. An alert's status only moves forward
/// (OPEN → ACKNOWLEDGED → RESOLVED). Events are immutable: put where absent.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ItemConditions
{
    /// <summary>
    /// Sets the condition of <paramref name="request"/> (its <c>Item</c> is a mapped entity item) so that the put applies only where
    /// the table holds no item at the key or an older state of it.
    /// </summary>
    /// <param name="request">The put; its <c>ConditionExpression</c> and expression names and values are replaced.</param>
    /// <param name="orSame">
    /// Also over the same state: a backfill's put repairs an item that differs at the same version (an edit made directly in the table),
    /// while never going back over a newer one. Without it (replication) only a strictly older state is replaced.
    /// </param>
    /// <exception cref="ArgumentException">The item carries no entity type.</exception>
    public static void OnlyOverOlder(PutItemRequest request, bool orSame)
    {
        ArgumentNullException.ThrowIfNull(request);
        var item = request.Item;
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { ["#pk"] = ParkingTable.Pk };
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        var type = item.TryGetValue(ParkingTable.EntityType, out var t) ? t.S : null;
        string? condition = type switch
        {
            "EVENT" => "attribute_not_exists(#pk)",
            "ALERT" => AlertCondition(item, names, values, orSame),
            "BAY" => BayCondition(item, names, values, orSame),
            "SENSOR" => SensorCondition(item, names, values, orSame),
            "TENANT" or "SITE" or "ZONE" => VersionCondition(item, names, values, orSame),
            _ => throw new ArgumentException($"The item at {KeyOf(item)} carries no entity type the table knows ('{type}').", nameof(request)),
        };
        // DynamoDB refuses names and values the expression does not use.
        names = names.Where(n => Used(condition, n.Key)).ToDictionary(StringComparer.Ordinal);
        values = values.Where(v => Used(condition, v.Key)).ToDictionary(StringComparer.Ordinal);
        request.ConditionExpression = condition;
        request.ExpressionAttributeNames = names.Count == 0 ? null : names;
        request.ExpressionAttributeValues = values.Count == 0 ? null : values;
    }

    private static bool Used(string? condition, string placeholder) =>
        condition is not null && System.Text.RegularExpressions.Regex.IsMatch(condition, System.Text.RegularExpressions.Regex.Escape(placeholder) + @"(?![A-Za-z0-9_])");

    /// <summary>Whether puts of this item are versioned (every entity but events, which are put as they are).</summary>
    /// <param name="item">A mapped entity item.</param>
    /// <returns><see langword="true"/> for tenants, sites, zones, bays, sensors and alerts.</returns>
    public static bool IsVersioned(IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.TryGetValue(ParkingTable.EntityType, out var t) && t.S is "TENANT" or "SITE" or "ZONE" or "BAY" or "SENSOR" or "ALERT";
    }

    /// <summary>
    /// Sets the condition of <paramref name="request"/> so that the delete removes the item only when its <c>updatedAt</c> is before
    /// <paramref name="cutoff"/>: items without one (events, alerts, items no entity type claims) and items written since are kept.
    /// </summary>
    /// <param name="request">The delete; its <c>ConditionExpression</c> and expression names and values are replaced.</param>
    /// <param name="cutoff">Items updated at or after it are kept.</param>
    public static void OnlyUpdatedBefore(DeleteItemRequest request, DateTimeOffset cutoff)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.ConditionExpression = "attribute_exists(#u) AND #u < :cutoff";
        request.ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#u"] = ParkingTable.UpdatedAt };
        request.ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":cutoff"] = new() { S = KeyTime.ToKey(cutoff) } };
    }

    private static string Older(bool orSame) => orSame ? "<=" : "<";

    private static string VersionCondition(Dictionary<string, AttributeValue> item, Dictionary<string, string> names, Dictionary<string, AttributeValue> values, bool orSame)
    {
        names["#u"] = ParkingTable.UpdatedAt;
        values[":v"] = item[ParkingTable.UpdatedAt];
        return $"attribute_not_exists(#pk) OR #u {Older(orSame)} :v";
    }

    /// <summary>An older version; or the same version and an older (or no) <c>lastSeenAt</c>.</summary>
    private static string SensorCondition(Dictionary<string, AttributeValue> item, Dictionary<string, string> names, Dictionary<string, AttributeValue> values, bool orSame)
    {
        names["#u"] = ParkingTable.UpdatedAt;
        values[":v"] = item[ParkingTable.UpdatedAt];
        names["#ls"] = ParkingTable.LastSeenAt;
        if (item.TryGetValue(ParkingTable.LastSeenAt, out var seen))
        {
            values[":ls"] = seen;
            return $"attribute_not_exists(#pk) OR #u < :v OR (#u = :v AND (attribute_not_exists(#ls) OR #ls {Older(orSame)} :ls))";
        }

        // No lastSeenAt: an item of the same version that has one is newer.
        return orSame ? "attribute_not_exists(#pk) OR #u < :v OR (#u = :v AND attribute_not_exists(#ls))" : "attribute_not_exists(#pk) OR #u < :v";
    }

    /// <summary>
    /// An older version; or the same version with another sensor assignment (the writer's is current); or the same sensor and an older
    /// status event (<c>statusChangedAt</c>, then <c>statusEventId</c>), as the DynamoDB store orders them.
    /// </summary>
    private static string BayCondition(Dictionary<string, AttributeValue> item, Dictionary<string, string> names, Dictionary<string, AttributeValue> values, bool orSame)
    {
        names["#u"] = ParkingTable.UpdatedAt;
        values[":v"] = item[ParkingTable.UpdatedAt];
        names["#sensor"] = ParkingTable.SensorId;
        string otherSensor;
        string sameSensor;
        if (item.TryGetValue(ParkingTable.SensorId, out var sensor))
        {
            values[":sensor"] = sensor;
            otherSensor = "(attribute_not_exists(#sensor) OR #sensor <> :sensor)";
            sameSensor = "#sensor = :sensor";
        }
        else
        {
            otherSensor = "attribute_exists(#sensor)";
            sameSensor = "attribute_not_exists(#sensor)";
        }

        names["#sc"] = ParkingTable.StatusChangedAt;
        string olderStatus;
        if (item.TryGetValue(ParkingTable.StatusChangedAt, out var changed))
        {
            names["#se"] = ParkingTable.StatusEventId;
            values[":sc"] = changed;
            values[":se"] = item.TryGetValue(ParkingTable.StatusEventId, out var se) ? se : new AttributeValue { S = "" };
            olderStatus = $"attribute_not_exists(#sc) OR #sc < :sc OR (#sc = :sc AND (attribute_not_exists(#se) OR #se {Older(orSame)} :se))";
        }
        else
        {
            // No status time: an item of the same sensor that has one is newer.
            olderStatus = orSame ? "attribute_not_exists(#sc)" : "";
        }

        var condition = $"attribute_not_exists(#pk) OR #u < :v OR (#u = :v AND {otherSensor})";
        return olderStatus.Length == 0 ? condition : condition + $" OR (#u = :v AND {sameSensor} AND ({olderStatus}))";
    }

    /// <summary>An alert's status only moves forward: OPEN → ACKNOWLEDGED → RESOLVED; with <paramref name="orSame"/> also over the same status.</summary>
    private static string? AlertCondition(Dictionary<string, AttributeValue> item, Dictionary<string, string> names, Dictionary<string, AttributeValue> values, bool orSame)
    {
        names["#st"] = ParkingTable.Status;
        var status = item.TryGetValue(ParkingTable.Status, out var s) ? s.S : null;
        switch (status)
        {
            case AlertStatus.Acknowledged:
                values[":open"] = new AttributeValue { S = AlertStatus.Open };
                if (!orSame)
                {
                    return "attribute_not_exists(#pk) OR #st = :open";
                }

                values[":ack"] = new AttributeValue { S = AlertStatus.Acknowledged };
                return "attribute_not_exists(#pk) OR #st IN (:open, :ack)";
            case AlertStatus.Resolved:
                if (orSame)
                {
                    // Nothing is newer than resolved.
                    return null;
                }

                values[":resolved"] = new AttributeValue { S = AlertStatus.Resolved };
                return "attribute_not_exists(#pk) OR #st <> :resolved";
            default:
                if (!orSame)
                {
                    return "attribute_not_exists(#pk)";
                }

                values[":open"] = new AttributeValue { S = AlertStatus.Open };
                return "attribute_not_exists(#pk) OR #st = :open";
        }
    }

    private static string KeyOf(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue(ParkingTable.Pk, out var pk) && item.TryGetValue(ParkingTable.Sk, out var sk) ? pk.S + "|" + sk.S : "?";
}
