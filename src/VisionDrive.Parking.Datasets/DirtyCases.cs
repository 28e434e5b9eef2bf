namespace VisionDrive.Parking.Datasets;

/// <summary>
/// The ids of the <c>dirty</c> dataset's cases (the <c>guide</c> dataset plus these rows, in a database whose <c>sensor_events.kind</c> and
/// <c>sensors."devEui"</c> have no NOT NULL constraint, as production may lack them). Stable: other tests refer to them.
/// <see cref="All"/> lists every case with the outcome the migration must give (also in <c>docs/datasets.md</c>).
/// </summary>
public static class DirtyCases
{
    /// <summary>Tenant whose id and name are non-ASCII (Arabic, emoji).</summary>
    public const string TenantUnicode = "tenant-ünïcode-مواقف";

    /// <summary>Tenant whose id contains <c>#</c> and <c>%</c> (key separators / escapes).</summary>
    public const string TenantHashPercent = "tenant#42%";

    /// <summary>Site with NULL address, lat and lng.</summary>
    public const string SiteNulls = "site-nulls";

    /// <summary>Site with an empty-string address.</summary>
    public const string SiteEmptyAddress = "site-empty-address";

    /// <summary>PAID zone whose tariff is a JSON array.</summary>
    public const string ZoneTariffArray = "zone-tariff-array";

    /// <summary>PAID zone whose tariff is a JSON string.</summary>
    public const string ZoneTariffString = "zone-tariff-string";

    /// <summary>PAID zone whose tariff is an empty object.</summary>
    public const string ZoneTariffEmpty = "zone-tariff-empty";

    /// <summary>Zone whose id contains <c>#</c> and <c>%</c>, with a unicode name.</summary>
    public const string ZoneHashPercent = "zone#7%";

    /// <summary>Bay with code <c>A-001</c> in <c>zone-001</c>, where <c>bay-001</c> already has that code.</summary>
    public const string BayDuplicateCodeA = "bay-dup-code-a";

    /// <summary>A third bay with code <c>A-001</c> in <c>zone-001</c>.</summary>
    public const string BayDuplicateCodeB = "bay-dup-code-b";

    /// <summary>Bay whose id contains <c>#</c> and <c>%</c>, in zone <see cref="ZoneHashPercent"/>.</summary>
    public const string BayHashPercent = "bay#1%";

    /// <summary>Sensor with NULL zone, bay and lastSeenAt.</summary>
    public const string SensorNulls = "sensor-nulls";

    /// <summary>Sensor sharing its DevEUI with <c>PSL01B-001</c> (<c>A840410001812345</c>).</summary>
    public const string SensorDuplicateDevEui = "sensor-dup-deveui";

    /// <summary>Sensor whose DevEUI is lower case with colons (<c>a8:40:41:00:01:81:ff:01</c>).</summary>
    public const string SensorDevEuiColons = "sensor-deveui-colons";

    /// <summary>The DevEUI of <see cref="SensorDevEuiColons"/> as stored.</summary>
    public const string SensorDevEuiColonsValue = "a8:40:41:00:01:81:ff:01";

    /// <summary>Sensor with the guide's 15-digit DevEUI <c>A84041000181234</c>.</summary>
    public const string SensorDevEui15 = "sensor-deveui-15";

    /// <summary>Sensor whose id contains <c>#</c> and <c>%</c>.</summary>
    public const string SensorHashPercent = "PSL01B#900%";

    /// <summary>Sensor with a NULL DevEUI (a column the entity needs).</summary>
    public const string SensorNullDevEui = "sensor-null-deveui";

    /// <summary>First of three events of <c>PSL01B-003</c> at the same microsecond.</summary>
    public const string EventSameMicrosecond1 = "evt-same-us-1";

    /// <summary>Second of three events at the same microsecond.</summary>
    public const string EventSameMicrosecond2 = "evt-same-us-2";

    /// <summary>Third of three events at the same microsecond.</summary>
    public const string EventSameMicrosecond3 = "evt-same-us-3";

    /// <summary>Event of a sensor that does not exist (<c>PSL01B-999</c>).</summary>
    public const string EventOrphanSensor = "evt-orphan-sensor";

    /// <summary>Event whose decoded payload is nested 20 levels deep.</summary>
    public const string EventJsonDeep = "evt-json-deep";

    /// <summary>Event whose decoded payload is nested 40 levels deep (DynamoDB allows 32).</summary>
    public const string EventJsonTooDeep = "evt-json-too-deep";

    /// <summary>Event whose decoded payload has non-ASCII keys and values.</summary>
    public const string EventJsonUnicodeKeys = "evt-json-unicode-keys";

    /// <summary>Event whose decoded payload is <c>{}</c>.</summary>
    public const string EventJsonEmptyObject = "evt-json-empty-object";

    /// <summary>Event whose decoded payload is <c>[]</c>.</summary>
    public const string EventJsonEmptyArray = "evt-json-empty-array";

    /// <summary>Event whose decoded payload is the JSON value <c>null</c>.</summary>
    public const string EventJsonNull = "evt-json-null";

    /// <summary>Event whose decoded column is SQL NULL.</summary>
    public const string EventDecodedSqlNull = "evt-decoded-sql-null";

    /// <summary>Event whose decoded payload is a top-level array of mixed values.</summary>
    public const string EventJsonArray = "evt-json-array";

    /// <summary>Event whose decoded payload is a top-level number.</summary>
    public const string EventJsonScalarNumber = "evt-json-scalar-number";

    /// <summary>Event whose decoded payload is a top-level string.</summary>
    public const string EventJsonScalarString = "evt-json-scalar-string";

    /// <summary>Event whose decoded payload is a top-level boolean.</summary>
    public const string EventJsonScalarBool = "evt-json-scalar-bool";

    /// <summary>Event whose decoded payload is over 400 KB (DynamoDB's item limit).</summary>
    public const string EventJsonLarge = "evt-json-large";

    /// <summary>Event whose decoded payload has a number of 45 significant digits (DynamoDB holds 38).</summary>
    public const string EventJsonBigNumber = "evt-json-big-number";

    /// <summary>Event whose decoded payload has a number of exactly 38 significant digits (the largest DynamoDB holds).</summary>
    public const string EventJson38Digits = "evt-json-38-digits";

    /// <summary>Event with a NULL kind (a column the entity needs).</summary>
    public const string EventNullKind = "evt-null-kind";

    /// <summary>Event at time <c>'infinity'</c>.</summary>
    public const string EventInfinityTime = "evt-infinity-time";

    /// <summary>Event whose id contains <c>#</c> and <c>%</c>.</summary>
    public const string EventHashPercent = "evt#1%";

    /// <summary>Alert with NULL site, zone, bay, sensor and message.</summary>
    public const string AlertNulls = "alert-nulls";

    /// <summary>Alert with an empty-string message.</summary>
    public const string AlertEmptyMessage = "alert-empty-message";

    /// <summary>Alert with an Arabic and emoji message.</summary>
    public const string AlertUnicode = "alert-unicode";

    /// <summary>The time shared by the three same-microsecond events: 2026-01-15T09:30:00.123456Z.</summary>
    public const string SameMicrosecondTime = "2026-01-15T09:30:00.123456Z";

    /// <summary>Every case, with the outcome the migration must give.</summary>
    public static IReadOnlyList<DirtyCase> All { get; } =
    [
        new("tenants", TenantUnicode, "id", "non-ASCII id and name (Arabic, emoji)", DirtyOutcome.Migrated),
        new("tenants", TenantHashPercent, "id", "id contains # and %", DirtyOutcome.Migrated),
        new("sites", SiteNulls, "address", "NULL address, lat, lng", DirtyOutcome.Migrated),
        new("sites", SiteEmptyAddress, "address", "empty-string address", DirtyOutcome.Migrated),
        new("zones", ZoneTariffArray, "tariff", "tariff is a JSON array: no pricePerHour/currency", DirtyOutcome.MigratedWithWarning),
        new("zones", ZoneTariffString, "tariff", "tariff is a JSON string: no pricePerHour/currency", DirtyOutcome.MigratedWithWarning),
        new("zones", ZoneTariffEmpty, "tariff", "PAID zone with tariff {}: no pricePerHour", DirtyOutcome.MigratedWithWarning),
        new("zones", ZoneHashPercent, "id", "id contains # and %, unicode name", DirtyOutcome.Migrated),
        new("bays", BayDuplicateCodeA, "code", "duplicate bay code A-001 in zone-001", DirtyOutcome.MigratedWithWarning),
        new("bays", BayDuplicateCodeB, "code", "duplicate bay code A-001 in zone-001", DirtyOutcome.MigratedWithWarning),
        new("bays", BayHashPercent, "id", "id contains # and %, in zone#7%", DirtyOutcome.Migrated),
        new("sensors", SensorNulls, "zoneId", "NULL zone, bay, lastSeenAt", DirtyOutcome.Migrated),
        new("sensors", SensorDuplicateDevEui, "devEui", "DevEUI shared with PSL01B-001", DirtyOutcome.MigratedWithWarning),
        new("sensors", SensorDevEuiColons, "devEui", "DevEUI lower case with colons", DirtyOutcome.Migrated),
        new("sensors", SensorDevEui15, "devEui", "DevEUI of 15 hex digits (the guide's example)", DirtyOutcome.MigratedWithWarning),
        new("sensors", SensorHashPercent, "id", "id contains # and %", DirtyOutcome.Migrated),
        new("sensors", SensorNullDevEui, "devEui", "NULL DevEUI (NOT NULL constraint missing)", DirtyOutcome.Rejected, SourceRowFailure: true),
        new("sensor_events", EventSameMicrosecond1, "time", "3 events of PSL01B-003 at the same microsecond", DirtyOutcome.Migrated),
        new("sensor_events", EventSameMicrosecond2, "time", "3 events of PSL01B-003 at the same microsecond", DirtyOutcome.Migrated),
        new("sensor_events", EventSameMicrosecond3, "time", "3 events of PSL01B-003 at the same microsecond", DirtyOutcome.Migrated),
        new("sensor_events", EventOrphanSensor, "sensorId", "sensor PSL01B-999 does not exist", DirtyOutcome.MigratedWithWarning),
        new("sensor_events", EventJsonDeep, "decoded", "JSON nested 20 levels", DirtyOutcome.Migrated),
        new("sensor_events", EventJsonTooDeep, "decoded", "JSON nested 40 levels (DynamoDB allows 32)", DirtyOutcome.Rejected),
        new("sensor_events", EventJsonUnicodeKeys, "decoded", "non-ASCII keys and values", DirtyOutcome.Migrated),
        new("sensor_events", EventJsonEmptyObject, "decoded", "decoded = {}", DirtyOutcome.Migrated),
        new("sensor_events", EventJsonEmptyArray, "decoded", "decoded = []", DirtyOutcome.Migrated),
        new("sensor_events", EventJsonNull, "decoded", "decoded = JSON null", DirtyOutcome.Migrated),
        new("sensor_events", EventDecodedSqlNull, "decoded", "decoded is SQL NULL", DirtyOutcome.Migrated),
        new("sensor_events", EventJsonArray, "decoded", "top-level JSON array of mixed values", DirtyOutcome.Migrated),
        new("sensor_events", EventJsonScalarNumber, "decoded", "top-level JSON number", DirtyOutcome.Migrated),
        new("sensor_events", EventJsonScalarString, "decoded", "top-level JSON string", DirtyOutcome.Migrated),
        new("sensor_events", EventJsonScalarBool, "decoded", "top-level JSON boolean", DirtyOutcome.Migrated),
        new("sensor_events", EventJsonLarge, "decoded", "payload over 400 KB (DynamoDB item limit)", DirtyOutcome.Rejected),
        new("sensor_events", EventJsonBigNumber, "decoded", "number of 45 significant digits (DynamoDB holds 38)", DirtyOutcome.Rejected),
        new("sensor_events", EventJson38Digits, "decoded", "number of exactly 38 significant digits", DirtyOutcome.Migrated),
        new("sensor_events", EventNullKind, "kind", "NULL kind (NOT NULL constraint missing)", DirtyOutcome.Rejected, SourceRowFailure: true),
        new("sensor_events", EventInfinityTime, "time", "time = 'infinity'", DirtyOutcome.Rejected, SourceRowFailure: true),
        new("sensor_events", EventHashPercent, "id", "id contains # and %", DirtyOutcome.Migrated),
        new("alerts", AlertNulls, "message", "NULL site, zone, bay, sensor, message", DirtyOutcome.Migrated),
        new("alerts", AlertEmptyMessage, "message", "empty-string message", DirtyOutcome.Migrated),
        new("alerts", AlertUnicode, "message", "Arabic and emoji message", DirtyOutcome.Migrated),
    ];
}
