namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>The seven source tables as the streaming readers see them. Column 0 is always <c>id</c>; for events column 1 is <c>time</c>.</summary>
internal static class SourceTables
{
    public static readonly SourceTable<Tenant> Tenants = new(
        EntityType.Tenant,
        [new("id", ColumnKind.Text), new("name", ColumnKind.Text), new("slug", ColumnKind.Text), new("status", ColumnKind.Text),
         new("createdAt", ColumnKind.Time), new("updatedAt", ColumnKind.Time)],
        r => new Tenant(r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Time(4), r.Time(5)));

    public static readonly SourceTable<Site> Sites = new(
        EntityType.Site,
        [new("id", ColumnKind.Text), new("tenantId", ColumnKind.Text), new("name", ColumnKind.Text), new("address", ColumnKind.Text),
         new("lat", ColumnKind.Double), new("lng", ColumnKind.Double), new("timezone", ColumnKind.Text), new("createdAt", ColumnKind.Time), new("updatedAt", ColumnKind.Time)],
        r => new Site(r.Text(0), r.Text(1), r.Text(2), r.OptionalText(3), r.OptionalDouble(4), r.OptionalDouble(5), r.Text(6), r.Time(7), r.Time(8)));

    public static readonly SourceTable<Zone> Zones = new(
        EntityType.Zone,
        [new("id", ColumnKind.Text), new("tenantId", ColumnKind.Text), new("siteId", ColumnKind.Text), new("name", ColumnKind.Text),
         new("kind", ColumnKind.Text), new("tariff", ColumnKind.Json), new("createdAt", ColumnKind.Time), new("updatedAt", ColumnKind.Time)],
        r => new Zone(r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.OptionalJson(5), r.Time(6), r.Time(7)));

    public static readonly SourceTable<Bay> Bays = new(
        EntityType.Bay,
        [new("id", ColumnKind.Text), new("tenantId", ColumnKind.Text), new("siteId", ColumnKind.Text), new("zoneId", ColumnKind.Text),
         new("code", ColumnKind.Text), new("lat", ColumnKind.Double), new("lng", ColumnKind.Double), new("createdAt", ColumnKind.Time), new("updatedAt", ColumnKind.Time),
         new("statusSensorId", ColumnKind.Text, "st.\"statusSensorId\"", Derived: true),
         new("statusKind", ColumnKind.Text, "st.\"statusKind\"", Derived: true),
         new("statusTime", ColumnKind.Time, "st.\"statusTime\"", Derived: true),
         new("statusEventId", ColumnKind.Text, "st.\"statusEventId\"", Derived: true)],
        MapBay,
        BayStatusSql.Join.Replace("b.id", "t.id", System.StringComparison.Ordinal));

    public static readonly SourceTable<Sensor> Sensors = new(
        EntityType.Sensor,
        [new("id", ColumnKind.Text), new("tenantId", ColumnKind.Text), new("siteId", ColumnKind.Text), new("zoneId", ColumnKind.Text),
         new("bayId", ColumnKind.Text), new("devEui", ColumnKind.Text), new("type", ColumnKind.Text), new("status", ColumnKind.Text),
         new("lastSeenAt", ColumnKind.Time), new("createdAt", ColumnKind.Time), new("updatedAt", ColumnKind.Time)],
        r => new Sensor(r.Text(0), r.Text(1), r.Text(2), r.OptionalText(3), r.OptionalText(4), r.Text(5), r.Text(6), r.Text(7), r.OptionalTime(8), r.Time(9), r.Time(10)));

    public static readonly SourceTable<SensorEvent> Events = new(
        EntityType.Event,
        [new("id", ColumnKind.Text), new("time", ColumnKind.Time), new("tenantId", ColumnKind.Text), new("sensorId", ColumnKind.Text),
         new("kind", ColumnKind.Text), new("decoded", ColumnKind.Json)],
        r => new SensorEvent(r.Text(0), r.Time(1), r.Text(2), r.Text(3), r.Text(4), r.OptionalJson(5)));

    public static readonly SourceTable<Alert> Alerts = new(
        EntityType.Alert,
        [new("id", ColumnKind.Text), new("tenantId", ColumnKind.Text), new("siteId", ColumnKind.Text), new("zoneId", ColumnKind.Text),
         new("bayId", ColumnKind.Text), new("sensorId", ColumnKind.Text), new("type", ColumnKind.Text), new("severity", ColumnKind.Text),
         new("status", ColumnKind.Text), new("message", ColumnKind.Text), new("createdAt", ColumnKind.Time), new("resolvedAt", ColumnKind.Time)],
        r => new Alert(r.Text(0), r.Text(1), r.OptionalText(2), r.OptionalText(3), r.OptionalText(4), r.OptionalText(5), r.Text(6), r.Text(7), r.Text(8),
            r.OptionalText(9), r.Time(10), r.OptionalTime(11)));

    private static Bay MapBay(RawRow r)
    {
        var bay = new Bay(r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.OptionalDouble(5), r.OptionalDouble(6), r.Time(7), r.Time(8));

        // The derived status time comes from an event: an unreadable one leaves StatusChangedAt unset rather than failing the bay.
        var statusTime = r.BadTimes[11] is null && r.Values[11] is System.DateTime t
            ? new System.DateTimeOffset(System.DateTime.SpecifyKind(t, System.DateTimeKind.Utc))
            : (System.DateTimeOffset?)null;
        return bay with
        {
            SensorId = r.OptionalText(9),
            Status = r.OptionalText(10) == EventKinds.Arrive ? BayStatus.Occupied : BayStatus.Vacant,
            StatusChangedAt = statusTime,
            StatusEventId = r.OptionalText(12),
        };
    }
}
