using System.Text;

namespace VisionDrive.Parking.Datasets;

/// <summary>The SQL that adds the <see cref="DirtyCases"/> rows on top of the <c>guide</c> dataset.</summary>
internal static class DirtySql
{
    public static string Build()
    {
        const string T = GuideDataset.TenantId;
        const string S = GuideDataset.SiteId;
        const string C = "'2025-12-01T00:00:00Z'";
        const string EmptyObject = "{}";
        var sb = new StringBuilder();
        sb.Append("""
            ALTER TABLE sensor_events ALTER COLUMN kind DROP NOT NULL;
            ALTER TABLE sensors ALTER COLUMN "devEui" DROP NOT NULL;

            """);
        sb.Append($"""
            INSERT INTO tenants (id, name, slug, status, "createdAt", "updatedAt") VALUES
              ('{DirtyCases.TenantUnicode}', 'مواقف دبي 🅿️ Ünïcode', 'mawaqif-dubai', 'ACTIVE', {C}, {C}),
              ('{DirtyCases.TenantHashPercent}', 'Hash # and 100% Parking', 'hash-percent', 'SUSPENDED', {C}, {C});
            INSERT INTO sites (id, "tenantId", name, address, lat, lng, timezone, "createdAt", "updatedAt") VALUES
              ('{DirtyCases.SiteNulls}', '{T}', 'Site without address', NULL, NULL, NULL, 'Asia/Dubai', {C}, {C}),
              ('{DirtyCases.SiteEmptyAddress}', '{T}', 'Site with empty address', '', 25.2, 55.3, 'Asia/Dubai', {C}, {C});
            INSERT INTO zones (id, "tenantId", "siteId", name, kind, tariff, "createdAt", "updatedAt") VALUES
              ('{DirtyCases.ZoneTariffArray}', '{T}', '{S}', 'Zone tariff array', 'PAID', '[10, "AED"]', {C}, {C}),
              ('{DirtyCases.ZoneTariffString}', '{T}', '{S}', 'Zone tariff string', 'PAID', '"10 AED per hour"', {C}, {C}),
              ('{DirtyCases.ZoneTariffEmpty}', '{T}', '{S}', 'Zone tariff empty', 'PAID', '{EmptyObject}', {C}, {C}),
              ('{DirtyCases.ZoneHashPercent}', '{T}', '{S}', 'Zone ★ Ω مواقف', 'FREE', NULL, {C}, {C});
            INSERT INTO bays (id, "tenantId", "siteId", "zoneId", code, lat, lng, "createdAt", "updatedAt") VALUES
              ('{DirtyCases.BayDuplicateCodeA}', '{T}', '{S}', 'zone-001', 'A-001', 25.1973, 55.2745, {C}, {C}),
              ('{DirtyCases.BayDuplicateCodeB}', '{T}', '{S}', 'zone-001', 'A-001', NULL, NULL, {C}, {C}),
              ('{DirtyCases.BayHashPercent}', '{T}', '{S}', '{DirtyCases.ZoneHashPercent}', 'Ω-1', 25.1974, 55.2746, {C}, {C});
            INSERT INTO sensors (id, "tenantId", "siteId", "zoneId", "bayId", "devEui", type, status, "lastSeenAt", "createdAt", "updatedAt") VALUES
              ('{DirtyCases.SensorNulls}', '{T}', '{S}', NULL, NULL, 'A8404100018FFF01', 'PARKING', 'inactive', NULL, {C}, {C}),
              ('{DirtyCases.SensorDuplicateDevEui}', '{T}', '{S}', 'zone-001', NULL, '{GuideDataset.FirstSensorDevEui}', 'PARKING', 'active', '2026-01-20T10:00:00Z', {C}, {C}),
              ('{DirtyCases.SensorDevEuiColons}', '{T}', '{S}', 'zone-002', NULL, '{DirtyCases.SensorDevEuiColonsValue}', 'PARKING', 'active', NULL, {C}, {C}),
              ('{DirtyCases.SensorDevEui15}', '{T}', '{S}', 'zone-002', NULL, 'A84041000181234', 'PARKING', 'active', NULL, {C}, {C}),
              ('{DirtyCases.SensorHashPercent}', '{T}', '{S}', '{DirtyCases.ZoneHashPercent}', '{DirtyCases.BayHashPercent}', 'A8404100018FFF02', 'PARKING', 'active', NULL, {C}, {C}),
              ('{DirtyCases.SensorNullDevEui}', '{T}', '{S}', NULL, NULL, NULL, 'PARKING', 'faulty', NULL, {C}, {C});

            """);
        sb.Append("INSERT INTO sensor_events (id, time, \"tenantId\", \"sensorId\", kind, decoded) VALUES\n");
        void Event(string id, string time, string sensor, string? kind, string? decodedSql, bool last = false) =>
            sb.Append($"  ('{id}', {time}, '{T}', '{sensor}', {(kind is null ? "NULL" : "'" + kind + "'")}, {decodedSql ?? "NULL"}){(last ? ";\n" : ",\n")}");

        var same = "'" + DirtyCases.SameMicrosecondTime + "'";
        Event(DirtyCases.EventSameMicrosecond1, same, "PSL01B-003", "HEARTBEAT", "'{\"battery\": 3.5}'");
        Event(DirtyCases.EventSameMicrosecond2, same, "PSL01B-003", "BATTERY", "'{\"battery\": 3.5, \"low\": false}'");
        Event(DirtyCases.EventSameMicrosecond3, same, "PSL01B-003", "HEARTBEAT", "'{\"battery\": 3.49}'");
        Event(DirtyCases.EventOrphanSensor, "'2026-01-16T10:00:00.000001Z'", "PSL01B-999", "HEARTBEAT", "'{\"battery\": 3.1}'");
        Event(DirtyCases.EventJsonDeep, "'2026-01-16T10:00:01Z'", "PSL01B-004", "HEARTBEAT", "'" + Nested(20) + "'");
        Event(DirtyCases.EventJsonTooDeep, "'2026-01-16T10:00:02Z'", "PSL01B-004", "HEARTBEAT", "'" + Nested(40) + "'");
        Event(DirtyCases.EventJsonUnicodeKeys, "'2026-01-16T10:00:03Z'", "PSL01B-004", "HEARTBEAT",
            "'{\"温度\": 21.5, \"émoji 🚗\": true, \"ملاحظة\": \"سيارة في الموقف\", \"nested\": {\"ключ\": [\"значение\", \"🅿️\"]}}'");
        Event(DirtyCases.EventJsonEmptyObject, "'2026-01-16T10:00:04Z'", "PSL01B-004", "HEARTBEAT", "'{}'");
        Event(DirtyCases.EventJsonEmptyArray, "'2026-01-16T10:00:05Z'", "PSL01B-004", "HEARTBEAT", "'[]'");
        Event(DirtyCases.EventJsonNull, "'2026-01-16T10:00:06Z'", "PSL01B-004", "HEARTBEAT", "'null'");
        Event(DirtyCases.EventDecodedSqlNull, "'2026-01-16T10:00:07Z'", "PSL01B-004", "HEARTBEAT", null);
        Event(DirtyCases.EventJsonArray, "'2026-01-16T10:00:08Z'", "PSL01B-004", "HEARTBEAT", "'[1, \"two\", {\"three\": 3}, null, true, [], {}]'");
        Event(DirtyCases.EventJsonScalarNumber, "'2026-01-16T10:00:09Z'", "PSL01B-004", "HEARTBEAT", "'42.5'");
        Event(DirtyCases.EventJsonScalarString, "'2026-01-16T10:00:10Z'", "PSL01B-004", "HEARTBEAT", "'\"hello\"'");
        Event(DirtyCases.EventJsonScalarBool, "'2026-01-16T10:00:11Z'", "PSL01B-004", "HEARTBEAT", "'true'");
        Event(DirtyCases.EventJsonLarge, "'2026-01-16T10:00:12Z'", "PSL01B-004", "HEARTBEAT",
            "jsonb_build_object('raw', repeat('0123456789abcdef', 26000), 'battery', 3.4)");
        Event(DirtyCases.EventJsonBigNumber, "'2026-01-16T10:00:13Z'", "PSL01B-004", "HEARTBEAT",
            "'{\"counter\": 123456789012345678901234567890123456789012345, \"battery\": 3.4}'");
        Event(DirtyCases.EventJson38Digits, "'2026-01-16T10:00:14Z'", "PSL01B-004", "HEARTBEAT",
            "'{\"counter\": 12345678901234567890123456789012345678, \"tiny\": 1.2345678901234567890123456789012345678E-100}'");
        Event(DirtyCases.EventNullKind, "'2026-01-16T10:00:15Z'", "PSL01B-004", null, "'{\"battery\": 3.4}'");
        Event(DirtyCases.EventInfinityTime, "'infinity'", "PSL01B-004", "HEARTBEAT", "'{\"battery\": 3.4}'");
        Event(DirtyCases.EventHashPercent, "'2026-01-16T10:00:16Z'", DirtyCases.SensorHashPercent, "ARRIVE", "'{\"occupied\": true}'", last: true);
        sb.Append($"""
            INSERT INTO alerts (id, "tenantId", "siteId", "zoneId", "bayId", "sensorId", type, severity, status, message, "createdAt", "resolvedAt") VALUES
              ('{DirtyCases.AlertNulls}', '{T}', NULL, NULL, NULL, NULL, 'OFFLINE', 'WARNING', 'OPEN', NULL, '2026-01-17T08:00:00Z', NULL),
              ('{DirtyCases.AlertEmptyMessage}', '{T}', '{S}', 'zone-001', NULL, 'PSL01B-001', 'LOW_BATTERY', 'INFO', 'OPEN', '', '2026-01-17T08:00:01Z', NULL),
              ('{DirtyCases.AlertUnicode}', '{T}', '{S}', 'zone-002', NULL, 'PSL01B-002', 'OFFLINE', 'CRITICAL', 'RESOLVED', 'الحساس لا يستجيب 📡', '2026-01-17T08:00:02Z', '2026-01-17T09:00:00Z');

            """);
        return sb.ToString();
    }

    /// <summary>A JSON object nested <paramref name="depth"/> levels: <c>{"level": {"level": … 1 …}}</c>.</summary>
    internal static string Nested(int depth)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            sb.Append("{\"level\": ");
        }

        sb.Append('1');
        sb.Append('}', depth);
        return sb.ToString();
    }
}
