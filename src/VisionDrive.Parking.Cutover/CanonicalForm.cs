using VisionDrive.Parking.Data.DynamoDb.Hashing;

namespace VisionDrive.Parking.Cutover;

/// <summary>
/// The canonical form of a read's answer, the one <c>vdp verify</c> hashes: each entity mapped to its DynamoDB item
/// (<see cref="ParkingItemMapper"/>) and hashed with <see cref="ItemHash"/>, in the answer's order. Two stores agree on a read when the
/// lists are equal; store-specific details (continuation tokens) are not part of it.
/// </summary>
internal static class CanonicalForm
{
    /// <summary>The entities of an answer, in order: none for <see langword="null"/>, the zone then its bays, a page's items.</summary>
    public static IReadOnlyList<object> Entities(object? answer) => answer switch
    {
        null => [],
        ZoneWithBays z => [z.Zone, .. z.Bays],
        Page<Tenant> p => p.Items,
        Page<Site> p => p.Items,
        Page<Zone> p => p.Items,
        Page<Sensor> p => p.Items,
        Page<SensorEvent> p => p.Items,
        Page<Alert> p => p.Items,
        _ => [answer],
    };

    /// <summary>The canonical hashes of an answer's entities, with each entity's source key (for the log).</summary>
    public static List<(string Key, UInt128 Hash)> Of(object? answer)
    {
        var entities = Entities(answer);
        var form = new List<(string, UInt128)>(entities.Count);
        foreach (var entity in entities)
        {
            form.Add((EntityTypes.Name(TypeOf(entity)) + " " + ParkingItemMapper.SourceKey(entity), ItemHash.Compute(ParkingItemMapper.ToItem(entity))));
        }

        return form;
    }

    /// <summary>
    /// Compares two canonical forms: <see langword="null"/> when equal, else the key of the first entity that differs (missing on one side,
    /// or another hash) and a short reason.
    /// </summary>
    public static (string Key, string Reason)? FirstDifference(List<(string Key, UInt128 Hash)> primary, List<(string Key, UInt128 Hash)> secondary)
    {
        var common = Math.Min(primary.Count, secondary.Count);
        for (var i = 0; i < common; i++)
        {
            if (primary[i].Key != secondary[i].Key)
            {
                return (primary[i].Key, $"item {i} is {primary[i].Key} on the primary and {secondary[i].Key} on the secondary");
            }

            if (primary[i].Hash != secondary[i].Hash)
            {
                return (primary[i].Key, $"item {i} differs (canonical hash {ItemHashHex(primary[i].Hash)} on the primary, {ItemHashHex(secondary[i].Hash)} on the secondary)");
            }
        }

        if (primary.Count != secondary.Count)
        {
            var key = primary.Count > common ? primary[common].Key : secondary[common].Key;
            return (key, $"{primary.Count} item(s) on the primary, {secondary.Count} on the secondary; the first unmatched is {key}");
        }

        return null;
    }

    private static string ItemHashHex(UInt128 hash) => hash.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    private static EntityType TypeOf(object entity) => entity switch
    {
        Tenant => EntityType.Tenant,
        Site => EntityType.Site,
        Zone => EntityType.Zone,
        Bay => EntityType.Bay,
        Sensor => EntityType.Sensor,
        SensorEvent => EntityType.Event,
        Alert => EntityType.Alert,
        _ => throw new ArgumentException($"{entity.GetType().Name} is not an entity of the parking model.", nameof(entity)),
    };
}
