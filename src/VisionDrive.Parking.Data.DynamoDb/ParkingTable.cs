namespace VisionDrive.Parking.Data.DynamoDb;

/// <summary>
/// Names in the <c>VisionDrive-Parking</c> single table (docs/design.md §2, <c>docs/data-model.md</c>): the table, its indexes
/// and every attribute an item can have.
/// </summary>
internal static class ParkingTable
{
    /// <summary>The first global secondary index (tenant/zone/site listings, day-bucketed tenant events, tenant alerts by status).</summary>
    public const string Gsi1 = "GSI1";

    /// <summary>The second global secondary index (slug, DevEUI, bay-by-id lookups, zones of a site, alerts of a zone or sensor).</summary>
    public const string Gsi2 = "GSI2";

    // Keys.
    public const string Pk = "PK";
    public const string Sk = "SK";
    public const string Gsi1Pk = "GSI1PK";
    public const string Gsi1Sk = "GSI1SK";
    public const string Gsi2Pk = "GSI2PK";
    public const string Gsi2Sk = "GSI2SK";

    /// <summary>The TTL attribute (epoch seconds); only events have it.</summary>
    public const string Ttl = "ttl";

    /// <summary>
    /// The <c>entityType</c> of the auxiliary items the store writes to keep a value unique atomically (a tenant's slug, an active sensor's
    /// DevEUI): <c>PK=UNIQUE#SLUG#&lt;slug&gt;</c> or <c>PK=UNIQUE#DEVEUI#&lt;DevEUI&gt;</c>, <c>SK=UNIQUE</c>, <c>owner</c> = the id holding it.
    /// No entity claims them; a migration writes none (<c>docs/access-patterns.md</c>).
    /// </summary>
    public const string UniqueEntityType = "UNIQUE";

    /// <summary>The sort key of the uniqueness items.</summary>
    public const string UniqueSk = "UNIQUE";

    /// <summary>The attribute of a uniqueness item naming the id that holds the value.</summary>
    public const string Owner = "owner";

    /// <summary>The entity type attribute every item has.</summary>
    public const string EntityType = "entityType";

    // Ids.
    public const string TenantId = "tenantId";
    public const string SiteId = "siteId";
    public const string ZoneId = "zoneId";
    public const string BayId = "bayId";
    public const string SensorId = "sensorId";
    public const string EventId = "eventId";
    public const string AlertId = "alertId";

    // Other columns.
    public const string Name = "name";
    public const string Slug = "slug";
    public const string Status = "status";
    public const string CreatedAt = "createdAt";
    public const string UpdatedAt = "updatedAt";
    public const string Address = "address";
    public const string Lat = "lat";
    public const string Lng = "lng";
    public const string Timezone = "timezone";
    public const string Kind = "kind";
    public const string Tariff = "tariff";
    public const string PricePerHour = "pricePerHour";
    public const string Currency = "currency";
    public const string BayNumber = "bayNumber";
    public const string StatusChangedAt = "statusChangedAt";
    public const string StatusEventId = "statusEventId";
    public const string DevEui = "devEui";
    public const string Type = "type";
    public const string LastSeenAt = "lastSeenAt";
    public const string Timestamp = "timestamp";
    public const string EventType = "eventType";
    public const string Decoded = "decoded";
    public const string Severity = "severity";
    public const string Message = "message";
    public const string ResolvedAt = "resolvedAt";
}
