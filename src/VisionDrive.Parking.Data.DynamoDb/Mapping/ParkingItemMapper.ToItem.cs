namespace VisionDrive.Parking.Data.DynamoDb.Mapping;

/// <content>Entity → item.</content>
public static partial class ParkingItemMapper
{
    /// <summary>The most bytes (UTF-8) DynamoDB allows in a partition key value, of the table or of an index.</summary>
    internal const int MaxPartitionKeyBytes = 2048;

    /// <summary>The most bytes (UTF-8) DynamoDB allows in a sort key value, of the table or of an index.</summary>
    internal const int MaxSortKeyBytes = 1024;

    private const string TenantName = "TENANT";
    private const string SiteName = "SITE";
    private const string ZoneName = "ZONE";
    private const string BayName = "BAY";
    private const string SensorName = "SENSOR";
    private const string EventName = "EVENT";
    private const string AlertName = "ALERT";

    /// <summary>Maps a tenant to its item: <c>PK=TENANT#&lt;id&gt;</c>, <c>SK=METADATA</c>, <c>GSI2PK=SLUG#&lt;slug&gt;</c>, <c>GSI2SK=TENANT</c>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <returns>A new item.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tenant"/> is null.</exception>
    /// <exception cref="InvalidEntityException">DynamoDB cannot hold the tenant (empty id or slug, oversized key or item).</exception>
    public static Dictionary<string, AttributeValue> ToItem(Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var c = new Context(EntityType.Tenant, tenant.Id);
        var (pk, sk) = PrimaryKey(tenant);
        var gsi2Pk = c.Key(static s => ParkingKeys.Slug(s), tenant.Slug);

        var item = new Dictionary<string, AttributeValue>(11);
        PutKeys(item, c, pk, sk, null, null, gsi2Pk, ParkingKeys.TenantGsi2Sort);
        item.Add(ParkingTable.EntityType, S(TenantName));
        item.Add(ParkingTable.TenantId, S(tenant.Id));
        PutRequired(item, c, ParkingTable.Name, tenant.Name);
        PutRequired(item, c, ParkingTable.Slug, tenant.Slug);
        PutRequired(item, c, ParkingTable.Status, tenant.Status);
        item.Add(ParkingTable.CreatedAt, Time(tenant.CreatedAt));
        item.Add(ParkingTable.UpdatedAt, Time(tenant.UpdatedAt));
        CheckSize(item, c);
        return item;
    }

    /// <summary>Maps a site to its item: <c>PK=SITE#&lt;id&gt;</c>, <c>SK=METADATA</c>, <c>GSI1PK=TENANT#&lt;tenantId&gt;</c>, <c>GSI1SK=SITE#&lt;id&gt;</c>.</summary>
    /// <param name="site">The site.</param>
    /// <returns>A new item.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="site"/> is null.</exception>
    /// <exception cref="InvalidEntityException">DynamoDB cannot hold the site (empty id, a latitude/longitude that is not finite, oversized key or item).</exception>
    public static Dictionary<string, AttributeValue> ToItem(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var c = new Context(EntityType.Site, site.Id);
        var (pk, sk) = PrimaryKey(site);
        var gsi1Pk = c.Key(static s => ParkingKeys.Tenant(s), site.TenantId);

        var item = new Dictionary<string, AttributeValue>(14);
        PutKeys(item, c, pk, sk, gsi1Pk, pk, null, null);
        item.Add(ParkingTable.EntityType, S(SiteName));
        item.Add(ParkingTable.SiteId, S(site.Id));
        item.Add(ParkingTable.TenantId, S(site.TenantId));
        PutRequired(item, c, ParkingTable.Name, site.Name);
        PutOptional(item, ParkingTable.Address, site.Address);
        PutDouble(item, c, ParkingTable.Lat, site.Lat);
        PutDouble(item, c, ParkingTable.Lng, site.Lng);
        PutRequired(item, c, ParkingTable.Timezone, site.Timezone);
        item.Add(ParkingTable.CreatedAt, Time(site.CreatedAt));
        item.Add(ParkingTable.UpdatedAt, Time(site.UpdatedAt));
        CheckSize(item, c);
        return item;
    }

    /// <summary>
    /// Maps a zone to its item: <c>PK=ZONE#&lt;id&gt;</c>, <c>SK=METADATA</c>, <c>GSI1PK=TENANT#&lt;tenantId&gt;</c>/<c>GSI1SK=ZONE#&lt;id&gt;</c>,
    /// <c>GSI2PK=SITE#&lt;siteId&gt;</c>/<c>GSI2SK=ZONE#&lt;id&gt;</c>; the tariff as a map plus its <c>pricePerHour</c> and <c>currency</c>.
    /// </summary>
    /// <param name="zone">The zone.</param>
    /// <returns>A new item.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    /// <exception cref="InvalidEntityException">DynamoDB cannot hold the zone (empty id, a tariff DynamoDB cannot hold, oversized key or item).</exception>
    public static Dictionary<string, AttributeValue> ToItem(Zone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var c = new Context(EntityType.Zone, zone.Id);
        var (pk, sk) = PrimaryKey(zone);
        var gsi1Pk = c.Key(static s => ParkingKeys.Tenant(s), zone.TenantId);
        var gsi2Pk = c.Key(static s => ParkingKeys.Site(s), zone.SiteId);

        var item = new Dictionary<string, AttributeValue>(17);
        PutKeys(item, c, pk, sk, gsi1Pk, pk, gsi2Pk, pk);
        item.Add(ParkingTable.EntityType, S(ZoneName));
        item.Add(ParkingTable.ZoneId, S(zone.Id));
        item.Add(ParkingTable.TenantId, S(zone.TenantId));
        item.Add(ParkingTable.SiteId, S(zone.SiteId));
        PutRequired(item, c, ParkingTable.Name, zone.Name);
        PutRequired(item, c, ParkingTable.Kind, zone.Kind);
        if (zone.Tariff is not null)
        {
            var tariff = Json(c, ParkingTable.Tariff, zone.Tariff);
            item.Add(ParkingTable.Tariff, tariff);

            // Derived from the tariff map already converted (no second JSON parse); same values as Zone.PricePerHour / Zone.Currency.
            if (tariff.M is not null)
            {
                if (tariff.M.TryGetValue(ParkingTable.PricePerHour, out var price) && price.N is not null)
                {
                    item.Add(ParkingTable.PricePerHour, new AttributeValue { N = price.N });
                }

                if (tariff.M.TryGetValue(ParkingTable.Currency, out var currency) && currency.S is not null)
                {
                    item.Add(ParkingTable.Currency, S(currency.S));
                }
            }
        }

        item.Add(ParkingTable.CreatedAt, Time(zone.CreatedAt));
        item.Add(ParkingTable.UpdatedAt, Time(zone.UpdatedAt));
        CheckSize(item, c);
        return item;
    }

    /// <summary>
    /// Maps a bay to its item: <c>PK=ZONE#&lt;zoneId&gt;</c>, <c>SK=BAY#&lt;code&gt;#&lt;id&gt;</c>, <c>GSI1PK=SITE#&lt;siteId&gt;</c>/<c>GSI1SK=BAY#&lt;id&gt;</c>,
    /// <c>GSI2PK=BAY#&lt;id&gt;</c>/<c>GSI2SK=BAY</c>; the code as <c>bayNumber</c>.
    /// </summary>
    /// <param name="bay">The bay.</param>
    /// <returns>A new item.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="bay"/> is null.</exception>
    /// <exception cref="InvalidEntityException">DynamoDB cannot hold the bay (empty id or code, a latitude/longitude that is not finite, oversized key or item).</exception>
    public static Dictionary<string, AttributeValue> ToItem(Bay bay)
    {
        ArgumentNullException.ThrowIfNull(bay);
        var c = new Context(EntityType.Bay, bay.Id);
        var (pk, sk) = PrimaryKey(bay);
        var gsi1Pk = c.Key(static s => ParkingKeys.Site(s), bay.SiteId);
        var byId = c.Key(static s => ParkingKeys.BayById(s), bay.Id);

        var item = new Dictionary<string, AttributeValue>(20);
        PutKeys(item, c, pk, sk, gsi1Pk, byId, byId, ParkingKeys.BayGsi2Sort);
        item.Add(ParkingTable.EntityType, S(BayName));
        item.Add(ParkingTable.BayId, S(bay.Id));
        item.Add(ParkingTable.TenantId, Required(c, ParkingTable.TenantId, bay.TenantId));
        item.Add(ParkingTable.SiteId, S(bay.SiteId));
        item.Add(ParkingTable.ZoneId, S(bay.ZoneId));
        item.Add(ParkingTable.BayNumber, S(bay.Code));
        PutDouble(item, c, ParkingTable.Lat, bay.Lat);
        PutDouble(item, c, ParkingTable.Lng, bay.Lng);
        PutRequired(item, c, ParkingTable.Status, bay.Status);
        PutOptional(item, ParkingTable.SensorId, bay.SensorId);
        PutOptionalTime(item, ParkingTable.StatusChangedAt, bay.StatusChangedAt);
        PutOptional(item, ParkingTable.StatusEventId, bay.StatusEventId);
        item.Add(ParkingTable.CreatedAt, Time(bay.CreatedAt));
        item.Add(ParkingTable.UpdatedAt, Time(bay.UpdatedAt));
        CheckSize(item, c);
        return item;
    }

    /// <summary>
    /// Maps a sensor to its item: <c>PK=SENSOR#&lt;id&gt;</c>, <c>SK=METADATA</c>, <c>GSI1PK=ZONE#&lt;zoneId&gt;</c>/<c>GSI1SK=SENSOR#&lt;id&gt;</c> (<c>GSI1PK=SITE#&lt;siteId&gt;</c> while the sensor has no zone),
    /// <c>GSI2PK=DEVEUI#&lt;normalised DevEUI&gt;</c>/<c>GSI2SK=SENSOR</c>; <c>devEui</c> as stored in the source.
    /// </summary>
    /// <param name="sensor">The sensor.</param>
    /// <returns>A new item.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sensor"/> is null.</exception>
    /// <exception cref="InvalidEntityException">DynamoDB cannot hold the sensor (empty id or DevEUI, oversized key or item).</exception>
    public static Dictionary<string, AttributeValue> ToItem(Sensor sensor)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        var c = new Context(EntityType.Sensor, sensor.Id);
        var (pk, sk) = PrimaryKey(sensor);
        // A sensor in stock (no zone) is listed under its site, so a site with sensors is found before it is deleted.
        var gsi1Pk = sensor.ZoneId is null
            ? (string.IsNullOrEmpty(sensor.SiteId) ? null : c.Key(static s => ParkingKeys.Site(s), sensor.SiteId))
            : c.Key(static s => ParkingKeys.Zone(s), sensor.ZoneId);
        var gsi2Pk = c.Key(static s => ParkingKeys.DevEuiKey(s), sensor.DevEui ?? string.Empty, ParkingTable.DevEui);

        var item = new Dictionary<string, AttributeValue>(18);
        PutKeys(item, c, pk, sk, gsi1Pk, gsi1Pk is null ? null : pk, gsi2Pk, ParkingKeys.SensorGsi2Sort);
        item.Add(ParkingTable.EntityType, S(SensorName));
        item.Add(ParkingTable.SensorId, S(sensor.Id));
        item.Add(ParkingTable.TenantId, Required(c, ParkingTable.TenantId, sensor.TenantId));
        item.Add(ParkingTable.SiteId, Required(c, ParkingTable.SiteId, sensor.SiteId));
        PutOptional(item, ParkingTable.ZoneId, sensor.ZoneId);
        PutOptional(item, ParkingTable.BayId, sensor.BayId);
        item.Add(ParkingTable.DevEui, S(sensor.DevEui!));
        PutRequired(item, c, ParkingTable.Type, sensor.Type);
        PutRequired(item, c, ParkingTable.Status, sensor.Status);
        PutOptionalTime(item, ParkingTable.LastSeenAt, sensor.LastSeenAt);
        item.Add(ParkingTable.CreatedAt, Time(sensor.CreatedAt));
        item.Add(ParkingTable.UpdatedAt, Time(sensor.UpdatedAt));
        CheckSize(item, c);
        return item;
    }

    /// <summary>
    /// Maps a sensor event to its item: <c>PK=SENSOR#&lt;sensorId&gt;</c>, <c>SK=EVENT#&lt;time&gt;#&lt;id&gt;</c>,
    /// <c>GSI1PK=TENANT#&lt;tenantId&gt;#EVENTS#&lt;UTC day&gt;</c>/<c>GSI1SK=</c> the sort key; <c>ttl</c> = event time + <see cref="ItemMappingOptions.EventRetention"/>.
    /// </summary>
    /// <param name="sensorEvent">The event.</param>
    /// <returns>A new item, with the default retention (<see cref="ParkingDefaults.EventRetention"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sensorEvent"/> is null.</exception>
    /// <exception cref="InvalidEntityException">DynamoDB cannot hold the event (empty id, a decoded payload DynamoDB cannot hold, oversized key or item).</exception>
    public static Dictionary<string, AttributeValue> ToItem(SensorEvent sensorEvent) => ToItem(sensorEvent, null);

    /// <summary>Maps a sensor event to its item (see <see cref="ToItem(SensorEvent)"/>) with the given retention.</summary>
    /// <param name="sensorEvent">The event.</param>
    /// <param name="options">Mapping options; <see langword="null"/> for the defaults (<see cref="ParkingDefaults.EventRetention"/>, 400 days).</param>
    /// <returns>A new item.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sensorEvent"/> is null.</exception>
    /// <exception cref="InvalidEntityException">DynamoDB cannot hold the event (empty id, a decoded payload DynamoDB cannot hold, oversized key or item).</exception>
    public static Dictionary<string, AttributeValue> ToItem(SensorEvent sensorEvent, ItemMappingOptions? options)
    {
        ArgumentNullException.ThrowIfNull(sensorEvent);
        options ??= ItemMappingOptions.Default;
        var c = new Context(EntityType.Event, null, sensorEvent);
        var (pk, sk) = PrimaryKey(sensorEvent);
        var gsi1Pk = c.Key(static s => ParkingKeys.Tenant(s), sensorEvent.TenantId) + "#EVENTS#" + KeyTime.ToDay(sensorEvent.Time);

        long ttl;
        try
        {
            ttl = sensorEvent.Time.Add(options.EventRetention).ToUnixTimeSeconds();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw c.Error("time", "the event time plus the retention is beyond the year 9999; fix the event time in the source.", ex);
        }

        var item = new Dictionary<string, AttributeValue>(12);
        PutKeys(item, c, pk, sk, gsi1Pk, sk, null, null);
        item.Add(ParkingTable.EntityType, S(EventName));
        item.Add(ParkingTable.EventId, S(sensorEvent.Id));
        item.Add(ParkingTable.Timestamp, Time(sensorEvent.Time));
        item.Add(ParkingTable.TenantId, S(sensorEvent.TenantId));
        item.Add(ParkingTable.SensorId, S(sensorEvent.SensorId));
        PutRequired(item, c, ParkingTable.EventType, sensorEvent.Kind, "kind");
        if (sensorEvent.Decoded is not null)
        {
            item.Add(ParkingTable.Decoded, Json(c, ParkingTable.Decoded, sensorEvent.Decoded));
        }

        item.Add(ParkingTable.Ttl, new AttributeValue { N = ttl.ToString(CultureInfo.InvariantCulture) });
        CheckSize(item, c);
        return item;
    }

    /// <summary>
    /// Maps an alert to its item: <c>PK=ALERT#&lt;id&gt;</c>, <c>SK=METADATA</c>, <c>GSI1PK=TENANT#&lt;tenantId&gt;</c>/<c>GSI1SK=ALERT#&lt;status&gt;#&lt;createdAt&gt;#&lt;id&gt;</c>,
    /// <c>GSI2PK=ZONE#&lt;zoneId&gt;</c> (or <c>SENSOR#&lt;sensorId&gt;</c> when the alert has no zone; omitted when it has neither)/<c>GSI2SK=ALERT#&lt;createdAt&gt;#&lt;id&gt;</c>.
    /// </summary>
    /// <param name="alert">The alert.</param>
    /// <returns>A new item.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="alert"/> is null.</exception>
    /// <exception cref="InvalidEntityException">DynamoDB cannot hold the alert (empty id or status, oversized key or item).</exception>
    public static Dictionary<string, AttributeValue> ToItem(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var c = new Context(EntityType.Alert, alert.Id);
        var (pk, sk) = PrimaryKey(alert);
        var gsi1Pk = c.Key(static s => ParkingKeys.Tenant(s), alert.TenantId);
        var status = alert.Status ?? string.Empty;
        var gsi1Sk = c.Key(s => ParkingKeys.AlertByStatus(s, alert.CreatedAt, alert.Id), status, ParkingTable.Status);
        string? gsi2Pk = alert.ZoneId is not null
            ? c.Key(static s => ParkingKeys.Zone(s), alert.ZoneId)
            : alert.SensorId is not null ? c.Key(static s => ParkingKeys.Sensor(s), alert.SensorId) : null;
        var gsi2Sk = gsi2Pk is null ? null : ParkingKeys.AlertByTime(alert.CreatedAt, alert.Id);

        var item = new Dictionary<string, AttributeValue>(19);
        PutKeys(item, c, pk, sk, gsi1Pk, gsi1Sk, gsi2Pk, gsi2Sk);
        item.Add(ParkingTable.EntityType, S(AlertName));
        item.Add(ParkingTable.AlertId, S(alert.Id));
        item.Add(ParkingTable.TenantId, S(alert.TenantId));
        PutOptional(item, ParkingTable.SiteId, alert.SiteId);
        PutOptional(item, ParkingTable.ZoneId, alert.ZoneId);
        PutOptional(item, ParkingTable.BayId, alert.BayId);
        PutOptional(item, ParkingTable.SensorId, alert.SensorId);
        PutRequired(item, c, ParkingTable.Type, alert.Type);
        PutRequired(item, c, ParkingTable.Severity, alert.Severity);
        item.Add(ParkingTable.Status, S(status));
        PutOptional(item, ParkingTable.Message, alert.Message);
        item.Add(ParkingTable.CreatedAt, Time(alert.CreatedAt));
        PutOptionalTime(item, ParkingTable.ResolvedAt, alert.ResolvedAt);
        CheckSize(item, c);
        return item;
    }

    private static (string Pk, string Sk) PrimaryKey(Tenant t)
    {
        var c = new Context(EntityType.Tenant, t.Id);
        return (c.Key(static s => ParkingKeys.Tenant(s), t.Id), ParkingKeys.Metadata);
    }

    private static (string Pk, string Sk) PrimaryKey(Site s)
    {
        var c = new Context(EntityType.Site, s.Id);
        return (c.Key(static v => ParkingKeys.Site(v), s.Id), ParkingKeys.Metadata);
    }

    private static (string Pk, string Sk) PrimaryKey(Zone z)
    {
        var c = new Context(EntityType.Zone, z.Id);
        return (c.Key(static v => ParkingKeys.Zone(v), z.Id), ParkingKeys.Metadata);
    }

    private static (string Pk, string Sk) PrimaryKey(Bay b)
    {
        var c = new Context(EntityType.Bay, b.Id);
        var pk = c.Key(static v => ParkingKeys.Zone(v), b.ZoneId);
        string sk;
        try
        {
            sk = ParkingKeys.BaySort(b.Code, b.Id);
        }
        catch (ArgumentException ex)
        {
            throw c.KeyError(ex, ex.ParamName == "code" ? "code" : ParkingTable.BayId);
        }

        return (pk, sk);
    }

    private static (string Pk, string Sk) PrimaryKey(Sensor s)
    {
        var c = new Context(EntityType.Sensor, s.Id);
        return (c.Key(static v => ParkingKeys.Sensor(v), s.Id), ParkingKeys.Metadata);
    }

    private static (string Pk, string Sk) PrimaryKey(SensorEvent e)
    {
        var c = new Context(EntityType.Event, null, e);
        var pk = c.Key(static v => ParkingKeys.Sensor(v), e.SensorId);
        string sk;
        try
        {
            sk = ParkingKeys.EventSort(e.Time, e.Id!);
        }
        catch (ArgumentException ex)
        {
            throw c.KeyError(ex, ParkingTable.EventId);
        }

        return (pk, sk);
    }

    private static (string Pk, string Sk) PrimaryKey(Alert a)
    {
        var c = new Context(EntityType.Alert, a.Id);
        return (c.Key(static v => ParkingKeys.Alert(v), a.Id), ParkingKeys.Metadata);
    }

    private static AttributeValue S(string value) => new() { S = value };

    private static AttributeValue Time(DateTimeOffset value) => new() { S = KeyTime.ToKey(value) };

    private static AttributeValue Required(Context c, string name, string? value, string? field = null) =>
        value is null
            ? throw c.Error(field ?? name, "the value is missing (null) but the column is NOT NULL in the source; fix the source row, then migrate it again.")
            : new AttributeValue { S = value };

    private static void PutRequired(Dictionary<string, AttributeValue> item, Context c, string name, string? value, string? field = null) =>
        item.Add(name, Required(c, name, value, field));

    private static void PutOptional(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item.Add(name, new AttributeValue { S = value });
        }
    }

    private static void PutOptionalTime(Dictionary<string, AttributeValue> item, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            item.Add(name, Time(v));
        }
    }

    private static void PutDouble(Dictionary<string, AttributeValue> item, Context c, string name, double? value)
    {
        if (value is not { } v)
        {
            return;
        }

        if (!double.IsFinite(v))
        {
            throw c.Error(name, $"the value {v.ToString(CultureInfo.InvariantCulture)} is not a finite number, which DynamoDB cannot store; fix the source row (or set it to NULL), then migrate it again.");
        }

        var text = v.ToString("R", CultureInfo.InvariantCulture);
        var problem = DynamoDbNumber.Check(text);
        if (problem is not null)
        {
            throw c.Error(name, problem);
        }

        item.Add(name, new AttributeValue { N = text });
    }

    private static AttributeValue Json(Context c, string name, JsonText json)
    {
        try
        {
            return JsonAttributeConverter.ToAttributeValue(json);
        }
        catch (JsonValueException ex)
        {
            var field = ex.Path.Length == 0 ? name : ex.Path[0] == '[' ? name + ex.Path : name + "." + ex.Path;
            throw c.Error(field, ex.Reason, ex);
        }
    }

    private static void PutKeys(
        Dictionary<string, AttributeValue> item,
        Context c,
        string pk,
        string sk,
        string? gsi1Pk,
        string? gsi1Sk,
        string? gsi2Pk,
        string? gsi2Sk)
    {
        c.CheckKeyLength(ParkingTable.Pk, pk, MaxPartitionKeyBytes);
        c.CheckKeyLength(ParkingTable.Sk, sk, MaxSortKeyBytes);
        item.Add(ParkingTable.Pk, S(pk));
        item.Add(ParkingTable.Sk, S(sk));
        if (gsi1Pk is not null && gsi1Sk is not null)
        {
            c.CheckKeyLength(ParkingTable.Gsi1Pk, gsi1Pk, MaxPartitionKeyBytes);
            c.CheckKeyLength(ParkingTable.Gsi1Sk, gsi1Sk, MaxSortKeyBytes);
            item.Add(ParkingTable.Gsi1Pk, S(gsi1Pk));
            item.Add(ParkingTable.Gsi1Sk, S(gsi1Sk));
        }

        if (gsi2Pk is not null && gsi2Sk is not null)
        {
            c.CheckKeyLength(ParkingTable.Gsi2Pk, gsi2Pk, MaxPartitionKeyBytes);
            c.CheckKeyLength(ParkingTable.Gsi2Sk, gsi2Sk, MaxSortKeyBytes);
            item.Add(ParkingTable.Gsi2Pk, S(gsi2Pk));
            item.Add(ParkingTable.Gsi2Sk, S(gsi2Sk));
        }
    }

    private static bool HasUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckSize(Dictionary<string, AttributeValue> item, Context c)
    {
        foreach (var (name, value) in item)
        {
            if (value.S is { } text && HasUnpairedSurrogate(text))
            {
                throw c.Error(name, $"the value of '{name}' holds an unpaired UTF-16 surrogate, which is not Unicode text: DynamoDB would store U+FFFD instead. Fix the value in the source, then migrate the row again.");
            }
        }

        var size = ItemSize.Compute(item);
        if (size <= ItemSize.MaxItemBytes)
        {
            return;
        }

        var largest = string.Empty;
        long largestSize = -1;
        foreach (var (name, value) in item)
        {
            var s = Encoding.UTF8.GetByteCount(name) + ItemSize.ValueSize(value);
            if (s > largestSize)
            {
                largest = name;
                largestSize = s;
            }
        }

        throw c.Error(
            largest,
            $"the item is {size.ToString(CultureInfo.InvariantCulture)} bytes by DynamoDB's size rules, over the {ItemSize.MaxItemBytes.ToString(CultureInfo.InvariantCulture)}-byte (400 KB) item limit; " +
            $"its largest attribute '{largest}' is {largestSize.ToString(CultureInfo.InvariantCulture)} bytes. Shrink that value in the source (or keep it outside DynamoDB, e.g. in S3), then migrate the row again.");
    }

    /// <summary>
    /// What an error is about: the entity type and its source key. An event's key (<c>id@time</c>) is built only when an error needs it,
    /// not for every event mapped.
    /// </summary>
    private readonly struct Context(EntityType type, string? sourceKey, SensorEvent? sensorEvent = null)
    {
        public InvalidEntityException Error(string field, string reason, Exception? inner = null) =>
            new(type, sourceKey ?? (sensorEvent is null ? string.Empty : EventSourceKey(sensorEvent)), field, reason, inner);

        public InvalidEntityException KeyError(ArgumentException ex, string? field = null)
        {
            var name = field ?? ex.ParamName ?? "id";
            return Error(name, $"the {name} is empty (or null), but it is part of a key and DynamoDB rejects empty key values; fix the source row, then migrate it again.", ex);
        }

        /// <summary>Builds a key with <paramref name="build"/>, turning an empty-component <see cref="ArgumentException"/> into an <see cref="InvalidEntityException"/>.</summary>
        public string Key(Func<string, string> build, string? value, string? field = null)
        {
            try
            {
                return build(value!);
            }
            catch (ArgumentException ex)
            {
                throw KeyError(ex, field);
            }
        }

        public void CheckKeyLength(string attribute, string value, int maxBytes)
        {
            // Fast path: no string of this many chars can exceed the limit.
            if (value.Length * 3 <= maxBytes)
            {
                return;
            }

            var bytes = Encoding.UTF8.GetByteCount(value);
            if (bytes > maxBytes)
            {
                throw Error(
                    attribute,
                    $"the key attribute is {bytes.ToString(CultureInfo.InvariantCulture)} bytes (UTF-8), over DynamoDB's {maxBytes.ToString(CultureInfo.InvariantCulture)}-byte limit for it; " +
                    "shorten the id/code/slug it is built from in the source, then migrate the row again.");
            }
        }
    }
}
