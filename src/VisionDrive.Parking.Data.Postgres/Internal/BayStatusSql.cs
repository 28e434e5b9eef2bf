namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>
/// The derived bay status, as SQL: the sensor assigned to the bay (<c>sensors."bayId"</c>; when several, the one whose latest
/// ARRIVE/LEAVE is newest, ties to the smallest id) and its latest finite-time ARRIVE/LEAVE event by time then id.
/// Join it to a bay aliased <c>b</c>.
/// </summary>
internal static class BayStatusSql
{
    public const string Columns =
        "st.\"statusSensorId\", st.\"statusKind\", st.\"statusTime\", st.\"statusEventId\"";

    public const string Join = """
        LEFT JOIN LATERAL (
            SELECT s.id AS "statusSensorId", ev.kind AS "statusKind", ev.time AS "statusTime", ev.id AS "statusEventId"
            FROM sensors s
            LEFT JOIN LATERAL (
                SELECT e.id, e.time, e.kind
                FROM sensor_events e
                WHERE e."sensorId" = s.id AND e.kind IN ('ARRIVE', 'LEAVE') AND isfinite(e.time)
                ORDER BY e.time DESC, e.id COLLATE "C" DESC
                LIMIT 1
            ) ev ON true
            WHERE s."bayId" = b.id
            ORDER BY ev.time DESC NULLS LAST, ev.id COLLATE "C" DESC NULLS LAST, s.id COLLATE "C"
            LIMIT 1
        ) st ON true
        """;
}
