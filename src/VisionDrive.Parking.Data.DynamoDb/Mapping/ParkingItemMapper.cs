namespace VisionDrive.Parking.Data.DynamoDb.Mapping;

/// <summary>
/// Maps entities to DynamoDB items of the <c>VisionDrive-Parking</c> single table and back (docs/design.md §2, <c>docs/data-model.md</c>).
/// Hand-written, no reflection: every call returns new <see cref="AttributeValue"/> instances the caller may mutate.
/// </summary>
public static partial class ParkingItemMapper
{
    /// <summary>Maps any entity (<see cref="Tenant"/>, <see cref="Site"/>, <see cref="Zone"/>, <see cref="Bay"/>, <see cref="Sensor"/>, <see cref="SensorEvent"/>, <see cref="Alert"/>) to its item, events with the default retention.</summary>
    /// <param name="entity">The entity.</param>
    /// <returns>A new item.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entity"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="entity"/> is not an entity of this model.</exception>
    /// <exception cref="InvalidEntityException">DynamoDB cannot hold the entity; the exception names the entity, its source key and the field.</exception>
    public static Dictionary<string, AttributeValue> ToItem(object entity) => ToItem(entity, null);

    /// <summary>Maps any entity to its item (see <see cref="ToItem(object)"/>) with the given mapping options.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="options">Mapping options (event retention); <see langword="null"/> for the defaults.</param>
    /// <returns>A new item.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entity"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="entity"/> is not an entity of this model.</exception>
    /// <exception cref="InvalidEntityException">DynamoDB cannot hold the entity; the exception names the entity, its source key and the field.</exception>
    public static Dictionary<string, AttributeValue> ToItem(object entity, ItemMappingOptions? options) => entity switch
    {
        null => throw new ArgumentNullException(nameof(entity)),
        Tenant t => ToItem(t),
        Site s => ToItem(s),
        Zone z => ToItem(z),
        Bay b => ToItem(b),
        Sensor s => ToItem(s),
        SensorEvent e => ToItem(e, options),
        Alert a => ToItem(a),
        _ => throw NotAnEntity(entity),
    };

    /// <summary>Reads an item back into its entity, dispatching on its <c>entityType</c> attribute.</summary>
    /// <param name="item">The item.</param>
    /// <returns>A <see cref="Tenant"/>, <see cref="Site"/>, <see cref="Zone"/>, <see cref="Bay"/>, <see cref="Sensor"/>, <see cref="SensorEvent"/> or <see cref="Alert"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    /// <exception cref="ParkingDataException">The item has no or an unknown <c>entityType</c>.</exception>
    /// <exception cref="InvalidEntityException">The item lacks a required attribute or holds one of the wrong type; the exception names the item's key and the attribute.</exception>
    public static object FromItem(IReadOnlyDictionary<string, AttributeValue> item) => GetEntityType(item) switch
    {
        EntityType.Tenant => ToTenant(item),
        EntityType.Site => ToSite(item),
        EntityType.Zone => ToZone(item),
        EntityType.Bay => ToBay(item),
        EntityType.Sensor => ToSensor(item),
        EntityType.Event => ToSensorEvent(item),
        EntityType.Alert => ToAlert(item),
        var other => throw new ParkingDataException($"Item {DescribeKey(item)} has entity type {other}, which this mapper does not know."),
    };

    /// <summary>The entity type of an item, from its <c>entityType</c> attribute (<c>TENANT</c>, <c>SITE</c>, <c>ZONE</c>, <c>BAY</c>, <c>SENSOR</c>, <c>EVENT</c>, <c>ALERT</c>).</summary>
    /// <param name="item">The item.</param>
    /// <returns>The entity type.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    /// <exception cref="ParkingDataException">The item has no <c>entityType</c> string attribute, or an unknown one.</exception>
    public static EntityType GetEntityType(IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!item.TryGetValue(ParkingTable.EntityType, out var value) || value?.S is null)
        {
            throw new ParkingDataException($"Item {DescribeKey(item)} has no '{ParkingTable.EntityType}' string attribute, so it is not an item of the parking table. Check the table name, or remove the foreign item.");
        }

        var type = value.S switch
        {
            "TENANT" => EntityType.Tenant,
            "SITE" => EntityType.Site,
            "ZONE" => EntityType.Zone,
            "BAY" => EntityType.Bay,
            "SENSOR" => EntityType.Sensor,
            "EVENT" => EntityType.Event,
            "ALERT" => EntityType.Alert,
            _ => (EntityType?)null,
        };

        return type ?? throw new ParkingDataException($"Item {DescribeKey(item)} has the unknown {ParkingTable.EntityType} '{value.S}'; expected TENANT, SITE, ZONE, BAY, SENSOR, EVENT or ALERT.");
    }

    /// <summary>The primary key (<c>PK</c>, <c>SK</c>) an entity's item has, without building the item.</summary>
    /// <param name="entity">The entity.</param>
    /// <returns>The partition and sort key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entity"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="entity"/> is not an entity of this model.</exception>
    /// <exception cref="InvalidEntityException">A key component is empty, or a key is over DynamoDB's size limit.</exception>
    public static (string Pk, string Sk) GetKey(object entity) => entity switch
    {
        null => throw new ArgumentNullException(nameof(entity)),
        Tenant t => PrimaryKey(t),
        Site s => PrimaryKey(s),
        Zone z => PrimaryKey(z),
        Bay b => PrimaryKey(b),
        Sensor s => PrimaryKey(s),
        SensorEvent e => PrimaryKey(e),
        Alert a => PrimaryKey(a),
        _ => throw NotAnEntity(entity),
    };

    /// <summary>
    /// The entity's primary key in the source, as text: its id, or for events <c>id@&lt;time&gt;</c> with the time in <see cref="KeyTime"/> format
    /// (e.g. <c>ev-1@2026-01-12T10:30:00.000000Z</c>). Used in error messages and reject files.
    /// </summary>
    /// <param name="entity">The entity.</param>
    /// <returns>The source key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entity"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="entity"/> is not an entity of this model.</exception>
    public static string SourceKey(object entity) => entity switch
    {
        null => throw new ArgumentNullException(nameof(entity)),
        Tenant t => t.Id ?? string.Empty,
        Site s => s.Id ?? string.Empty,
        Zone z => z.Id ?? string.Empty,
        Bay b => b.Id ?? string.Empty,
        Sensor s => s.Id ?? string.Empty,
        SensorEvent e => EventSourceKey(e),
        Alert a => a.Id ?? string.Empty,
        _ => throw NotAnEntity(entity),
    };

    /// <summary>
    /// Whether DynamoDB would treat <paramref name="item"/> as expired at <paramref name="now"/>: it has a numeric <c>ttl</c> (epoch seconds) that is not after
    /// <paramref name="now"/>. Writing such an item writes history that TTL deletes within days (docs/design.md §1, row 4).
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="now">The write time (from a <see cref="TimeProvider"/>).</param>
    /// <returns><see langword="true"/> when the item is already expired; <see langword="false"/> when it has no <c>ttl</c> or a later one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    public static bool IsExpired(IReadOnlyDictionary<string, AttributeValue> item, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.TryGetValue(ParkingTable.Ttl, out var ttl)
            && ttl?.N is not null
            && long.TryParse(ttl.N, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && seconds <= now.ToUnixTimeSeconds();
    }

    private static string EventSourceKey(SensorEvent e) => (e.Id ?? string.Empty) + "@" + KeyTime.ToKey(e.Time);

    private static ArgumentException NotAnEntity(object entity) =>
        new($"{entity.GetType().FullName} is not an entity of the parking model (Tenant, Site, Zone, Bay, Sensor, SensorEvent, Alert).", nameof(entity));

    private static string DescribeKey(IReadOnlyDictionary<string, AttributeValue>? item)
    {
        string? pk = null;
        string? sk = null;
        if (item is not null)
        {
            if (item.TryGetValue(ParkingTable.Pk, out var p))
            {
                pk = p?.S;
            }

            if (item.TryGetValue(ParkingTable.Sk, out var s))
            {
                sk = s?.S;
            }
        }

        return $"PK={pk ?? "(none)"} SK={sk ?? "(none)"}";
    }
}
