using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests;

/// <summary>
/// Data written through the store on PostgreSQL migrates like seeded data: the guide's data, then every kind of write of the store
/// (tenants, sites, zones with tariffs, bays created, renamed, moved and deleted, sensors registered, assigned, moved, unassigned,
/// decommissioned, re-keyed and deleted, events that move bays, <c>lastSeenAt</c>, alerts raised, acknowledged and resolved, parents deleted),
/// then <c>vdp migrate</c> into an empty table and <c>vdp verify</c>: exit 0, counts and checksums equal per entity type.
/// </summary>
public sealed class WrittenDataMigrationTests : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    private readonly PostgresServer _pg;
    private readonly DynamoDbServer _ddb;

    public WrittenDataMigrationTests(PostgresServer pg, DynamoDbServer ddb)
    {
        _pg = pg;
        _ddb = ddb;
    }

    [Fact]
    public async Task Data_written_through_the_Postgres_store_migrates_and_verifies_like_seeded_data()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        await using (var dataSource = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = w.Source }))
        {
            await WriteEverythingAsync(new PostgresParkingStore(dataSource));
        }

        var expected = await CountRowsAsync(w.Source);
        expected["ZONE"].Should().Be(36 + 2, "two zones were created and kept");
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        var report = Path.Combine(w.Folder, "report.json");
        var run = await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir, "--report", report);

        run.ExitCode.Should().Be(0, run.All);
        run.StdOut.Should().Contain("COMPLETE AND VERIFIED");
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(report)))
        {
            json.RootElement.GetProperty("verified").GetBoolean().Should().BeTrue();
            foreach (var (type, rows) in expected)
            {
                var e = json.RootElement.GetProperty("entities").GetProperty(type);
                e.GetProperty("source").GetInt64().Should().Be(rows, type);
                e.GetProperty("target").GetInt64().Should().Be(rows, type);
                e.GetProperty("rejected").GetInt64().Should().Be(0, type);
                e.GetProperty("checksumMatch").GetBoolean().Should().BeTrue(type);
                (await w.CountItemsAsync(type)).Should().Be(rows, type);
            }
        }

        var verify = await w.VdpAsync("verify", "--table", w.Table);
        verify.ExitCode.Should().Be(0, verify.All);
    }

    private static async Task WriteEverythingAsync(IParkingStore store)
    {
        var now = TimeProvider.System.GetUtcNow();
        const string T = "wr-tenant";

        // Tenants and sites: created, updated; one of each deleted again.
        var tenant = await store.CreateTenantAsync(new Tenant(T, "Written Corp", "written", "ACTIVE", default, default));
        tenant = await store.UpdateTenantAsync(tenant with { Name = "Written Corp (renamed)", Slug = "written-corp" });
        var gone = await store.CreateTenantAsync(new Tenant("wr-gone", "Gone", "gone", "ACTIVE", default, default));
        await store.DeleteTenantAsync(gone.Id, gone.UpdatedAt);
        var site = await store.CreateSiteAsync(new Site("wr-site", T, "Sharjah", "Al Majaz", 25.33, 55.39, "Asia/Dubai", default, default));
        site = await store.UpdateSiteAsync(site with { Address = "Al Majaz 3", Lat = 25.3301 });
        var spare = await store.CreateSiteAsync(new Site("wr-site-spare", T, "Spare", null, null, null, "Asia/Dubai", default, default));
        await store.DeleteSiteAsync(T, spare.Id, spare.UpdatedAt);

        // Zones: tariffs with nested JSON, an update, a delete.
        var paid = await store.CreateZoneAsync(new Zone("wr-zone-paid", T, site.Id, "Paid", "PAID",
            JsonText.Parse("""{"pricePerHour": 12.5, "currency": "AED", "bands": [{"from": "08:00", "to": "22:00", "rate": 12.5}, null, true]}"""), default, default));
        paid = await store.UpdateZoneAsync(paid with { Name = "Paid (renamed)", Tariff = JsonText.Parse("""{"pricePerHour": 15, "currency": "AED"}""") });
        var free = await store.CreateZoneAsync(new Zone("wr-zone-free", T, site.Id, "Free", "FREE", null, default, default));
        var temp = await store.CreateZoneAsync(new Zone("wr-zone-temp", T, site.Id, "Temp", "PAID", null, default, default));
        await store.DeleteZoneAsync(T, temp.Id, temp.UpdatedAt);

        // Bays: created, renamed, moved to another zone, deleted; two bays share a code (allowed).
        var bay1 = await store.CreateBayAsync(new Bay("wr-bay-1", T, "", paid.Id, "W-001", 25.3301, 55.3901, default, default));
        var bay2 = await store.CreateBayAsync(new Bay("wr-bay-2", T, "", paid.Id, "W-002", null, null, default, default));
        var bay3 = await store.CreateBayAsync(new Bay("wr-bay-3", T, "", paid.Id, "W-002", null, null, default, default));
        bay1 = await store.UpdateBayAsync(bay1 with { Code = "W-101" });
        bay2 = await store.UpdateBayAsync(bay2 with { ZoneId = free.Id });
        var bay4 = await store.CreateBayAsync(new Bay("wr-bay-4", T, "", free.Id, "W-004", null, null, default, default));
        await store.DeleteBayAsync(T, bay4.Id, bay4.UpdatedAt);

        // Sensors: on a bay, in a zone, in stock; assigned, moved, unassigned, re-keyed, decommissioned (its DevEUI reused), deleted.
        var s1 = await store.RegisterSensorAsync(new Sensor("WR-S-1", T, "", null, bay1.Id, "aa:00:00:00:00:00:00:01", "PARKING", SensorStatuses.Active, null, default, default));
        var s2 = await store.RegisterSensorAsync(new Sensor("WR-S-2", T, site.Id, null, null, "AA00000000000002", "PARKING", SensorStatuses.Active, null, default, default));
        var s3 = await store.RegisterSensorAsync(new Sensor("WR-S-3", T, "", free.Id, null, "AA00000000000003", "GATEWAY", SensorStatuses.Active, null, default, default));
        var s4 = await store.RegisterSensorAsync(new Sensor("WR-S-4", T, "", null, bay3.Id, "AA00000000000004", "PARKING", SensorStatuses.Active, null, default, default));

        // Events: ARRIVE/LEAVE move the bays, one out of order, one redelivered; a heartbeat; lastSeenAt.
        async Task Event(string id, Sensor sensor, TimeSpan ago, string kind, string? decoded = null) =>
            await store.RecordEventAsync(new SensorEvent(id, now - ago, T, sensor.Id, kind, decoded is null ? null : JsonText.Parse(decoded)));
        await Event("wr-evt-1", s1, TimeSpan.FromHours(5), EventKinds.Arrive, """{"occupied": true, "battery": 3.61}""");
        await Event("wr-evt-2", s1, TimeSpan.FromHours(3), EventKinds.Leave, """{"occupied": false}""");
        await Event("wr-evt-3", s1, TimeSpan.FromHours(4), EventKinds.Arrive, """{"occupied": true}""");
        await Event("wr-evt-3", s1, TimeSpan.FromHours(4), EventKinds.Arrive, """{"occupied": true}""");
        await Event("wr-evt-4", s4, TimeSpan.FromHours(2), EventKinds.Arrive, """{"occupied": true, "temperature": 24.5}""");
        await Event("wr-evt-5", s3, TimeSpan.FromHours(1), EventKinds.Heartbeat);
        await store.TouchLastSeenAsync(s1.Id, now - TimeSpan.FromHours(3));
        await store.TouchLastSeenAsync(s4.Id, now - TimeSpan.FromHours(2));

        s2 = await store.UpdateSensorAsync(s2 with { BayId = bay2.Id });
        s4 = await store.UpdateSensorAsync(s4 with { BayId = null, ZoneId = paid.Id });
        s1 = await store.UpdateSensorAsync(s1 with { DevEui = "AA00000000000011", Type = "PARKING-V2" });
        s3 = await store.UpdateSensorAsync(s3 with { Status = SensorStatuses.Decommissioned });
        var s5 = await store.RegisterSensorAsync(new Sensor("WR-S-5", T, "", null, bay3.Id, "AA00000000000003", "PARKING", SensorStatuses.Active, null, default, default));
        await Event("wr-evt-6", s5, TimeSpan.FromMinutes(30), EventKinds.Arrive, """{"occupied": true}""");
        var s6 = await store.RegisterSensorAsync(new Sensor("WR-S-6", T, site.Id, null, null, "AA00000000000006", "PARKING", SensorStatuses.Active, null, default, default));
        await store.DeleteSensorAsync(T, s6.Id, s6.UpdatedAt);
        s4 = await store.UpdateSensorAsync(s4 with { BayId = null, ZoneId = null });

        // Alerts: raised (twice: idempotent), acknowledged, resolved.
        var alert = new Alert("wr-alert-1", T, site.Id, paid.Id, bay1.Id, s1.Id, "LOW_BATTERY", "WARNING", AlertStatus.Open, "Battery low", now - TimeSpan.FromHours(1), null);
        await store.RaiseAlertAsync(alert);
        await store.RaiseAlertAsync(alert);
        await store.AcknowledgeAlertAsync(alert.Id);
        await store.RaiseAlertAsync(alert with { Id = "wr-alert-2", BayId = null, SensorId = s5.Id, Type = "OFFLINE", Severity = "CRITICAL" });
        await store.ResolveAlertAsync("wr-alert-2", now);
        await store.RaiseAlertAsync(alert with { Id = "wr-alert-3", ZoneId = free.Id, BayId = null, SensorId = null, Type = "OVERSTAY", Message = null });

        // The guide's own data written too: a guide zone renamed, a guide sensor's lastSeenAt.
        var guideZone = await store.GetZoneAsync("zone-001") ?? throw new InvalidOperationException("the guide has zone-001");
        await store.UpdateZoneAsync(guideZone with { Name = guideZone.Name + " (written)" });
        await store.TouchLastSeenAsync("PSL01B-001", now);
    }

    private static async Task<Dictionary<string, long>> CountRowsAsync(string connectionString)
    {
        var counts = new Dictionary<string, long>();
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        foreach (var type in EntityTypes.All)
        {
            await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM {type.SourceTable()}", conn);
            counts[type.Name()] = (long)(await cmd.ExecuteScalarAsync())!;
        }

        return counts;
    }
}
