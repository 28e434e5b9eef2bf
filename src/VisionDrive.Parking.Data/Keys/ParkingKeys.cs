namespace VisionDrive.Parking.Data.Keys;

/// <summary>
/// Key builders and parsers for the <c>VisionDrive-Parking</c> single-table design (see <c>docs/data-model.md</c>).
/// Every id is escaped (<c>%</c> as <c>%25</c>, then <c>#</c> as <c>%23</c>), so an id holding the separator cannot forge another key; every
/// timestamp is formatted with <see cref="KeyTime"/>.
/// </summary>
public static class ParkingKeys
{
    /// <summary>The sort key of every entity that is alone in its partition.</summary>
    public const string Metadata = "METADATA";

    /// <summary>The GSI2 sort key of a tenant.</summary>
    public const string TenantGsi2Sort = "TENANT";

    /// <summary>The GSI2 sort key of a bay.</summary>
    public const string BayGsi2Sort = "BAY";

    /// <summary>The GSI2 sort key of a sensor.</summary>
    public const string SensorGsi2Sort = "SENSOR";

    /// <summary>The prefix of event sort keys.</summary>
    public const string EventPrefix = "EVENT#";

    /// <summary>The prefix of bay sort keys.</summary>
    public const string BayPrefix = "BAY#";

    /// <summary>The prefix of alert GSI sort keys.</summary>
    public const string AlertPrefix = "ALERT#";

    /// <summary><c>TENANT#&lt;id&gt;</c>: a tenant's partition key; also GSI1PK of its sites, zones and alerts.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <returns>The key.</returns>
    public static string Tenant(string tenantId) => "TENANT#" + KeyComponent.Escape(tenantId, "tenantId");

    /// <summary><c>SITE#&lt;id&gt;</c>: a site's partition key; also GSI1SK of a site, GSI1PK of its bays and GSI2PK of its zones.</summary>
    /// <param name="siteId">The site id.</param>
    /// <returns>The key.</returns>
    public static string Site(string siteId) => "SITE#" + KeyComponent.Escape(siteId, "siteId");

    /// <summary><c>ZONE#&lt;id&gt;</c>: a zone's partition key (the zone item and its bays); GSI1PK of its sensors.</summary>
    /// <param name="zoneId">The zone id.</param>
    /// <returns>The key.</returns>
    public static string Zone(string zoneId) => "ZONE#" + KeyComponent.Escape(zoneId, "zoneId");

    /// <summary><c>SENSOR#&lt;id&gt;</c>: a sensor's partition key (the sensor item and its events).</summary>
    /// <param name="sensorId">The sensor id.</param>
    /// <returns>The key.</returns>
    public static string Sensor(string sensorId) => "SENSOR#" + KeyComponent.Escape(sensorId, "sensorId");

    /// <summary><c>ALERT#&lt;id&gt;</c>: an alert's partition key.</summary>
    /// <param name="alertId">The alert id.</param>
    /// <returns>The key.</returns>
    public static string Alert(string alertId) => "ALERT#" + KeyComponent.Escape(alertId, "alertId");

    /// <summary><c>BAY#&lt;id&gt;</c>: a bay's GSI1SK and GSI2PK (bay by id).</summary>
    /// <param name="bayId">The bay id.</param>
    /// <returns>The key.</returns>
    public static string BayById(string bayId) => BayPrefix + KeyComponent.Escape(bayId, "bayId");

    /// <summary><c>BAY#&lt;code&gt;#&lt;id&gt;</c>: a bay's sort key in its zone's partition, ordered by code and unique by id.</summary>
    /// <param name="code">The bay code.</param>
    /// <param name="bayId">The bay id.</param>
    /// <returns>The key.</returns>
    public static string BaySort(string code, string bayId) =>
        BayPrefix + KeyComponent.Escape(code, "code") + "#" + KeyComponent.Escape(bayId, "bayId");

    /// <summary><c>EVENT#&lt;ts&gt;#&lt;id&gt;</c>: an event's sort key (and GSI1SK), time-ordered and unique by id.</summary>
    /// <param name="time">The event time.</param>
    /// <param name="eventId">The event id.</param>
    /// <returns>The key.</returns>
    public static string EventSort(DateTimeOffset time, string eventId) =>
        EventPrefix + KeyTime.ToKey(time) + "#" + KeyComponent.Escape(eventId, "eventId");

    /// <summary>
    /// <c>EVENT#&lt;ts&gt;</c>: a range bound for event sort keys. Every event at or after <paramref name="time"/> sorts at or after this bound,
    /// every event before it sorts before; so <c>SK BETWEEN bound(from) AND bound(to)</c> selects <c>from &lt;= time &lt; to</c>.
    /// </summary>
    /// <param name="time">The bound.</param>
    /// <returns>The bound key.</returns>
    public static string EventSortBound(DateTimeOffset time) => EventPrefix + KeyTime.ToKey(time);

    /// <summary><c>TENANT#&lt;id&gt;#EVENTS#&lt;yyyy-MM-dd&gt;</c>: the GSI1PK of a tenant's events of one UTC day.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="time">Any time in the day.</param>
    /// <returns>The key.</returns>
    public static string TenantEventsDay(string tenantId, DateTimeOffset time) => TenantEventsDay(tenantId, DateOnly.FromDateTime(time.UtcDateTime));

    /// <summary><c>TENANT#&lt;id&gt;#EVENTS#&lt;yyyy-MM-dd&gt;</c>: the GSI1PK of a tenant's events of one UTC day.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="day">The UTC day.</param>
    /// <returns>The key.</returns>
    public static string TenantEventsDay(string tenantId, DateOnly day) => Tenant(tenantId) + "#EVENTS#" + KeyTime.ToDay(day);

    /// <summary><c>SLUG#&lt;slug&gt;</c>: a tenant's GSI2PK (tenant by slug).</summary>
    /// <param name="slug">The slug.</param>
    /// <returns>The key.</returns>
    public static string Slug(string slug) => "SLUG#" + KeyComponent.Escape(slug, "slug");

    /// <summary><c>DEVEUI#&lt;DEVEUI&gt;</c>: a sensor's GSI2PK (sensor by DevEUI), the DevEUI normalised by <see cref="DevEui.Normalize"/>.</summary>
    /// <param name="devEui">The DevEUI in any case, with or without separators.</param>
    /// <returns>The key.</returns>
    public static string DevEuiKey(string devEui) => "DEVEUI#" + KeyComponent.Escape(DevEui.Normalize(devEui), "devEui");

    /// <summary><c>ALERT#&lt;status&gt;#&lt;createdAt&gt;#&lt;id&gt;</c>: an alert's GSI1SK under its tenant, so open alerts are one key-prefix query.</summary>
    /// <param name="status">The alert status.</param>
    /// <param name="createdAt">When the alert was raised.</param>
    /// <param name="alertId">The alert id.</param>
    /// <returns>The key.</returns>
    public static string AlertByStatus(string status, DateTimeOffset createdAt, string alertId) =>
        AlertStatusPrefix(status) + KeyTime.ToKey(createdAt) + "#" + KeyComponent.Escape(alertId, "alertId");

    /// <summary><c>ALERT#&lt;status&gt;#</c>: the GSI1SK prefix of a tenant's alerts in one status.</summary>
    /// <param name="status">The alert status.</param>
    /// <returns>The prefix.</returns>
    public static string AlertStatusPrefix(string status) => AlertPrefix + KeyComponent.Escape(status, "status") + "#";

    /// <summary><c>ALERT#&lt;createdAt&gt;#&lt;id&gt;</c>: an alert's GSI2SK under its zone or sensor.</summary>
    /// <param name="createdAt">When the alert was raised.</param>
    /// <param name="alertId">The alert id.</param>
    /// <returns>The key.</returns>
    public static string AlertByTime(DateTimeOffset createdAt, string alertId) =>
        AlertPrefix + KeyTime.ToKey(createdAt) + "#" + KeyComponent.Escape(alertId, "alertId");

    /// <summary>Reads an item's primary key back into entity type and ids.</summary>
    /// <param name="pk">The partition key.</param>
    /// <param name="sk">The sort key.</param>
    /// <param name="key">The parsed key when the result is <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when the pair is a key this design writes.</returns>
    internal static bool TryParse(string pk, string sk, out ParsedKey? key)
    {
        key = null;
        if (pk is null || sk is null)
        {
            return false;
        }

        var hash = pk.IndexOf('#', StringComparison.Ordinal);
        if (hash <= 0 || hash == pk.Length - 1 || pk.IndexOf('#', hash + 1) >= 0)
        {
            return false;
        }

        var prefix = pk.AsSpan(0, hash);
        var id = pk.AsSpan(hash + 1);
        if (sk == Metadata)
        {
            EntityType? type = prefix switch
            {
                "TENANT" => EntityType.Tenant,
                "SITE" => EntityType.Site,
                "ZONE" => EntityType.Zone,
                "SENSOR" => EntityType.Sensor,
                "ALERT" => EntityType.Alert,
                _ => null,
            };
            if (type is null)
            {
                return false;
            }

            key = new ParsedKey(type.Value, KeyComponent.Unescape(id));
            return true;
        }

        if (prefix.SequenceEqual("ZONE") && sk.StartsWith(BayPrefix, StringComparison.Ordinal))
        {
            var rest = sk.AsSpan(BayPrefix.Length);
            var sep = rest.IndexOf('#');
            if (sep <= 0 || sep == rest.Length - 1 || rest[(sep + 1)..].IndexOf('#') >= 0)
            {
                return false;
            }

            key = new ParsedKey(EntityType.Bay, KeyComponent.Unescape(rest[(sep + 1)..]), KeyComponent.Unescape(id), Code: KeyComponent.Unescape(rest[..sep]));
            return true;
        }

        if (prefix.SequenceEqual("SENSOR") && sk.StartsWith(EventPrefix, StringComparison.Ordinal))
        {
            var rest = sk.AsSpan(EventPrefix.Length);
            if (rest.Length < KeyTime.Length + 2 || rest[KeyTime.Length] != '#' || !KeyTime.TryParse(rest[..KeyTime.Length], out var time))
            {
                return false;
            }

            var eventId = rest[(KeyTime.Length + 1)..];
            if (eventId.IndexOf('#') >= 0)
            {
                return false;
            }

            key = new ParsedKey(EntityType.Event, KeyComponent.Unescape(eventId), KeyComponent.Unescape(id), time);
            return true;
        }

        return false;
    }
}
