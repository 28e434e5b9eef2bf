using System.Globalization;
using System.Text;

namespace VisionDrive.Parking.IntegrationTests.Conformance;

/// <summary>
/// A second tenant added to the seeded <c>guide</c> data for the write tests: one site, one zone, bays <c>cf-bay-01…10</c> watched by sensors
/// <c>cf-sensor-01…10</c>, and <c>cf-sensor-00</c> without a bay. Each write test uses its own sensor, its own ids and times in 2030, so no
/// write changes an answer of a read test (which read the guide tenant in January 2026).
/// </summary>
internal static class WriteTenant
{
    public const string TenantId = "cf-tenant";
    public const string SiteId = "cf-site";
    public const string ZoneId = "cf-zone";
    public const string SensorWithoutBay = "cf-sensor-00";

    public static string Sensor(int n) => "cf-sensor-" + n.ToString("00", CultureInfo.InvariantCulture);

    public static string Bay(int n) => "cf-bay-" + n.ToString("00", CultureInfo.InvariantCulture);

    public static string Sql
    {
        get
        {
            var sql = new StringBuilder();
            sql.Append("INSERT INTO tenants (id, name, slug, status, \"createdAt\", \"updatedAt\") VALUES ('cf-tenant', 'Conformance writes', 'conformance', 'ACTIVE', '2025-12-01T00:00:00Z', '2025-12-01T00:00:00Z');\n");
            sql.Append("INSERT INTO sites (id, \"tenantId\", name, timezone, \"createdAt\", \"updatedAt\") VALUES ('cf-site', 'cf-tenant', 'Write site', 'Asia/Dubai', '2025-12-01T00:00:00Z', '2025-12-01T00:00:00Z');\n");
            sql.Append("INSERT INTO zones (id, \"tenantId\", \"siteId\", name, kind, \"createdAt\", \"updatedAt\") VALUES ('cf-zone', 'cf-tenant', 'cf-site', 'Write zone', 'FREE', '2025-12-01T00:00:00Z', '2025-12-01T00:00:00Z');\n");
            for (var n = 1; n <= 10; n++)
            {
                sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO bays (id, \"tenantId\", \"siteId\", \"zoneId\", code, \"createdAt\", \"updatedAt\") VALUES ('{Bay(n)}', 'cf-tenant', 'cf-site', 'cf-zone', 'W-{n:00}', '2025-12-01T00:00:00Z', '2025-12-01T00:00:00Z');\n");
            }

            for (var n = 0; n <= 10; n++)
            {
                var bay = n == 0 ? "NULL" : "'" + Bay(n) + "'";
                sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO sensors (id, \"tenantId\", \"siteId\", \"zoneId\", \"bayId\", \"devEui\", type, status, \"createdAt\", \"updatedAt\") VALUES ('{Sensor(n)}', 'cf-tenant', 'cf-site', 'cf-zone', {bay}, 'CF000000000000{n:00}', 'PARKING', 'active', '2025-12-01T00:00:00Z', '2025-12-01T00:00:00Z');\n");
            }

            return sql.ToString();
        }
    }
}
