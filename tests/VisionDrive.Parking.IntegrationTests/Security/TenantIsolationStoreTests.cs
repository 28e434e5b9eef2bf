using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb;
using VisionDrive.Parking.Data.DynamoDb.Provisioning;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.Datasets;
using VisionDrive.Parking.Migration;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Security;

/// <summary>
/// Tenant isolation at the repository level, on both stores, with tenants whose ids are built to collide with each other's keys:
/// <c>iso</c>, <c>iso#EVENTS#2026-01-10</c> (the shape of <c>iso</c>'s event-day partition) and <c>iso%23EVENTS%232026-01-10</c> (the
/// escaped form of the second), next to the guide's tenant, all migrated. Every call scoped to a tenant — and every listing under an
/// entity of that tenant — returns that tenant's rows only, and all of them (counted in PostgreSQL).
/// </summary>
public sealed class TenantIsolationStoreTests(PostgresServer pg, DynamoDbServer ddb) : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    private static readonly string[] Adversarial = ["iso", "iso#EVENTS#2026-01-10", "iso%23EVENTS%232026-01-10"];
    private static readonly TimeRange January = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Every_tenant_scoped_call_on_both_stores_returns_only_and_all_of_that_tenants_data()
    {
        var db = await pg.CreateDatabaseAsync("vdp_iso");
        var folder = Directory.CreateTempSubdirectory("vdp-iso-").FullName;
        try
        {
            await using var source = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = db });
            await ParkingDatasets.SeedAsync(source, "guide");
            await using (var cmd = source.CreateCommand(Sql()))
            {
                await cmd.ExecuteNonQueryAsync();
            }

            var table = ddb.NewTableName("vdp-iso");
            await new TableProvisioner(ddb.Client).EnsureTableAsync(table);
            var report = await new MigrationEngine(new ParkingSourceReader(source), ddb.Client,
                new MigrationOptions { TableName = table, StateDirectory = Path.Combine(folder, "state"), AllowExpiredTtl = true }).MigrateAsync();
            report.Verified.Should().BeTrue(report.ToJson());
            report.HasRejectsOrDifferences.Should().BeFalse(report.ToJson());

            var stores = new (string Name, IParkingStore Store)[]
            {
                ("PostgreSQL", new PostgresParkingStore(source)),
                ("DynamoDB", new DynamoDbParkingStore(ddb.Client, new DynamoDbStoreOptions { TableName = table, ConsistentReads = true })),
            };
            var checkedCalls = 0;
            foreach (var tenant in Adversarial.Append(GuideDataset.TenantId))
            {
                var expected = await CountsAsync(source, tenant);
                foreach (var (name, store) in stores)
                {
                    var what = $"{name}, tenant '{tenant}'";
                    (await store.GetTenantAsync(tenant))!.Id.Should().Be(tenant, what);

                    var sites = await AllAsync(p => store.ListSitesByTenantAsync(tenant, p));
                    Only(sites.Select(s => s.TenantId), tenant, expected["sites"], what + ": sites");
                    var zones = await AllAsync(p => store.ListZonesByTenantAsync(tenant, p));
                    Only(zones.Select(z => z.TenantId), tenant, expected["zones"], what + ": zones");
                    var alerts = new List<Alert>();
                    foreach (var status in new[] { "OPEN", "ACKNOWLEDGED", "RESOLVED" })
                    {
                        alerts.AddRange(await AllAsync(p => store.ListAlertsByStatusAsync(tenant, status, p)));
                    }

                    Only(alerts.Select(a => a.TenantId), tenant, expected["alerts"], what + ": alerts by status");
                    var events = await AllAsync(p => store.ListTenantEventsAsync(tenant, January, p));
                    Only(events.Select(e => e.TenantId), tenant, expected["events"], what + ": events of January");
                    checkedCalls += 6;

                    // Listings under the tenant's own entities.
                    var bays = new List<Bay>();
                    var sensors = new List<Sensor>();
                    var zoneAlerts = new List<Alert>();
                    foreach (var site in sites)
                    {
                        Only((await AllAsync(p => store.ListZonesBySiteAsync(site.Id, p))).Select(z => z.TenantId), tenant, null, what + ": zones of site " + site.Id);
                        checkedCalls++;
                    }

                    foreach (var zone in zones)
                    {
                        bays.AddRange((await store.GetZoneWithBaysAsync(zone.Id))!.Bays);
                        sensors.AddRange(await AllAsync(p => store.ListSensorsByZoneAsync(zone.Id, p)));
                        zoneAlerts.AddRange(await AllAsync(p => store.ListAlertsByZoneAsync(zone.Id, p)));
                        checkedCalls += 3;
                    }

                    Only(bays.Select(b => b.TenantId), tenant, expected["bays"], what + ": bays of its zones");
                    Only(sensors.Select(s => s.TenantId), tenant, expected["zonedSensors"], what + ": sensors of its zones");
                    Only(zoneAlerts.Select(a => a.TenantId), tenant, expected["zonedAlerts"], what + ": alerts of its zones");
                    foreach (var sensor in sensors)
                    {
                        Only((await AllAsync(p => store.ListSensorEventsAsync(sensor.Id, January, p))).Select(e => e.TenantId), tenant, null, what + ": events of " + sensor.Id);
                        Only((await AllAsync(p => store.ListAlertsBySensorAsync(sensor.Id, p))).Select(a => a.TenantId), tenant, null, what + ": alerts of " + sensor.Id);
                        (await store.GetSensorByDevEuiAsync(sensor.DevEui))!.TenantId.Should().Be(tenant, what);
                        checkedCalls += 3;
                    }
                }
            }

            checkedCalls.Should().BeGreaterThan(100);
        }
        finally
        {
            await pg.DropDatabaseAsync(db);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Only(IEnumerable<string> tenantIds, string tenant, long? count, string what)
    {
        var list = tenantIds.ToList();
        list.Where(t => t != tenant).Should().BeEmpty(what + " must hold no other tenant's rows");
        if (count is { } n)
        {
            list.Should().HaveCount((int)n, what + ": all of the tenant's rows");
        }
    }

    private static async Task<List<T>> AllAsync<T>(Func<PageRequest, Task<Page<T>>> list)
    {
        var all = new List<T>();
        string? token = null;
        do
        {
            var page = await list(new PageRequest(100, token));
            all.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);
        return all;
    }

    private static async Task<Dictionary<string, long>> CountsAsync(NpgsqlDataSource source, string tenant)
    {
        var counts = new Dictionary<string, long>();
        foreach (var (name, sql) in new[]
                 {
                     ("sites", "SELECT count(*) FROM sites WHERE \"tenantId\" = $1"),
                     ("zones", "SELECT count(*) FROM zones WHERE \"tenantId\" = $1"),
                     ("bays", "SELECT count(*) FROM bays WHERE \"tenantId\" = $1"),
                     ("zonedSensors", "SELECT count(*) FROM sensors WHERE \"tenantId\" = $1 AND \"zoneId\" IS NOT NULL"),
                     ("zonedAlerts", "SELECT count(*) FROM alerts WHERE \"tenantId\" = $1 AND \"zoneId\" IS NOT NULL"),
                     ("alerts", "SELECT count(*) FROM alerts WHERE \"tenantId\" = $1"),
                     ("events", "SELECT count(*) FROM sensor_events WHERE \"tenantId\" = $1 AND time >= '2026-01-01' AND time < '2026-02-01'"),
                 })
        {
            await using var cmd = source.CreateCommand(sql);
            cmd.Parameters.AddWithValue(tenant);
            counts[name] = (long)(await cmd.ExecuteScalarAsync())!;
        }

        counts["alerts"].Should().BeGreaterThan(0, tenant);
        counts["events"].Should().BeGreaterThan(0, tenant);
        return counts;
    }

    /// <summary>Per adversarial tenant: a site, a zone, two bays, two sensors, events on 2026-01-10 (the day its id imitates) and three alerts.</summary>
    private static string Sql()
    {
        var sql = new StringBuilder();
        for (var k = 0; k < Adversarial.Length; k++)
        {
            var t = Adversarial[k];
            const string At = "'2025-12-01T00:00:00Z', '2025-12-01T00:00:00Z'";
            sql.Append($"INSERT INTO tenants (id, name, slug, status, \"createdAt\", \"updatedAt\") VALUES ('{t}', 'Isolation {k}', 'isolation-{k}', 'ACTIVE', {At});\n");
            sql.Append($"INSERT INTO sites (id, \"tenantId\", name, timezone, \"createdAt\", \"updatedAt\") VALUES ('{t}-site', '{t}', 'Site', 'Asia/Dubai', {At});\n");
            sql.Append($"INSERT INTO zones (id, \"tenantId\", \"siteId\", name, kind, \"createdAt\", \"updatedAt\") VALUES ('{t}-zone', '{t}', '{t}-site', 'Zone', 'FREE', {At});\n");
            for (var b = 1; b <= 2; b++)
            {
                sql.Append($"INSERT INTO bays (id, \"tenantId\", \"siteId\", \"zoneId\", code, \"createdAt\", \"updatedAt\") VALUES ('{t}-bay-{b}', '{t}', '{t}-site', '{t}-zone', 'B-{b}', {At});\n");
                sql.Append($"INSERT INTO sensors (id, \"tenantId\", \"siteId\", \"zoneId\", \"bayId\", \"devEui\", type, status, \"createdAt\", \"updatedAt\") VALUES ('{t}-sensor-{b}', '{t}', '{t}-site', '{t}-zone', '{t}-bay-{b}', '15000000000000{k}{b}', 'PARKING', 'active', {At});\n");
                for (var e = 0; e < 3; e++)
                {
                    sql.Append($"INSERT INTO sensor_events (id, time, \"tenantId\", \"sensorId\", kind, decoded) VALUES ('{t}-ev-{b}-{e}', '2026-01-10T0{e}:00:00.00000{b}Z', '{t}', '{t}-sensor-{b}', 'HEARTBEAT', '{{\"battery\": 3.6}}');\n");
                }
            }

            sql.Append($"INSERT INTO alerts (id, \"tenantId\", \"siteId\", \"zoneId\", \"bayId\", \"sensorId\", type, severity, status, message, \"createdAt\", \"resolvedAt\") VALUES ('{t}-alert-1', '{t}', '{t}-site', '{t}-zone', NULL, '{t}-sensor-1', 'LOW_BATTERY', 'WARNING', 'OPEN', 'Battery low', '2026-01-10T09:00:00Z', NULL);\n");
            sql.Append($"INSERT INTO alerts (id, \"tenantId\", \"siteId\", \"zoneId\", \"bayId\", \"sensorId\", type, severity, status, message, \"createdAt\", \"resolvedAt\") VALUES ('{t}-alert-2', '{t}', '{t}-site', '{t}-zone', '{t}-bay-2', '{t}-sensor-2', 'SENSOR_OFFLINE', 'CRITICAL', 'RESOLVED', 'Offline', '2026-01-10T10:00:00Z', '2026-01-10T11:00:00Z');\n");
            sql.Append($"INSERT INTO alerts (id, \"tenantId\", \"siteId\", \"zoneId\", \"bayId\", \"sensorId\", type, severity, status, message, \"createdAt\", \"resolvedAt\") VALUES ('{t}-alert-3', '{t}', '{t}-site', NULL, NULL, NULL, 'SYSTEM', 'INFO', 'ACKNOWLEDGED', 'Note', '2026-01-10T12:00:00Z', NULL);\n");
        }

        return sql.ToString();
    }
}
