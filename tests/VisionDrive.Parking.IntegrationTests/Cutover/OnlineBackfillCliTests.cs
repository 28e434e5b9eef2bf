using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data.Keys;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Cutover;

/// <summary>
/// <c>vdp migrate --online</c> and <c>vdp sync --online</c> (issue #19: the backfill may run while the application dual-writes) against
/// real PostgreSQL and DynamoDB Local: the items a dual write left newer than the source snapshot are kept, an item edited in the table at
/// the same version is repaired, an online sync deletes only items older than its start and never events; the offline commands, given the
/// same table, go back over the newer items (which is why the runbook says <c>--online</c> from phase 2 on).
/// </summary>
public sealed class OnlineBackfillCliTests : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    private readonly PostgresServer _pg;
    private readonly DynamoDbServer _ddb;

    public OnlineBackfillCliTests(PostgresServer pg, DynamoDbServer ddb)
    {
        _pg = pg;
        _ddb = ddb;
    }

    [Fact]
    public async Task Online_migrate_keeps_newer_dual_written_items_and_repairs_an_item_edited_at_the_same_version()
    {
        await using var w = await MigratedGuideAsync();
        var zone = (await ItemsAsync(w, "ZONE"))[0];
        var sensor = (await ItemsAsync(w, "SENSOR")).First(s => s.ContainsKey("lastSeenAt"));
        var alert = (await ItemsAsync(w, "ALERT")).First(a => a["status"].S == "OPEN");
        var site = (await ItemsAsync(w, "SITE"))[0];

        // What dual writes made after the snapshot: a zone renamed (new version), a sensor heard from (same version, later lastSeenAt),
        // an alert acknowledged (status forward). And an edit made directly in the table at the same version (a planted difference).
        var newerZone = Copy(zone, ("name", S("renamed by a dual write")), ("updatedAt", S(Later(zone["updatedAt"].S, TimeSpan.FromHours(1)))));
        var newerSensor = Copy(sensor, ("lastSeenAt", S(Later(sensor["lastSeenAt"].S, TimeSpan.FromMinutes(5)))));
        var ackedAlert = Copy(alert, ("status", S("ACKNOWLEDGED")));
        var editedSite = Copy(site, ("name", S("edited by hand in the console")));
        foreach (var item in new[] { newerZone, newerSensor, ackedAlert, editedSite })
        {
            await _ddb.Client.PutItemAsync(w.Table, item);
        }

        var report = Path.Combine(w.Folder, "online.json");
        var online = await w.VdpAsync("migrate", "--online", "--table", w.Table, "--state-dir", w.StateDir + "-online", "--report", report);

        online.ExitCode.Should().Be(0, online.All);
        online.StdOut.Should().Contain("WRITTEN ONLINE").And.Contain("Online: 3 writes left out");
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(report)))
        {
            json.RootElement.GetProperty("online").GetBoolean().Should().BeTrue();
            json.RootElement.GetProperty("skippedNewer").GetInt64().Should().Be(3, "the zone, the sensor and the alert are newer in the table");
            json.RootElement.GetProperty("verified").GetBoolean().Should().BeFalse("an online run does not claim a comparison it did not make");
        }

        (await GetAsync(w, zone)).Should().BeEquivalentTo(newerZone);
        (await GetAsync(w, sensor)).Should().BeEquivalentTo(newerSensor);
        (await GetAsync(w, alert)).Should().BeEquivalentTo(ackedAlert);
        (await GetAsync(w, site)).Should().BeEquivalentTo(site, "the same version with other content is the source's to repair");

        // The same backfill without --online: the snapshot goes back over the newer states.
        var offline = await w.VdpAsync("migrate", "--no-verify", "--table", w.Table, "--state-dir", w.StateDir + "-offline");
        offline.ExitCode.Should().Be(0, offline.All);
        (await GetAsync(w, zone)).Should().BeEquivalentTo(zone);
        (await GetAsync(w, alert))!["status"].S.Should().Be("OPEN");
    }

    [Fact]
    public async Task Online_sync_puts_source_changes_and_deletes_only_items_older_than_its_start()
    {
        await using var w = await MigratedGuideAsync();
        var tenants = await ItemsAsync(w, "TENANT");
        var zones = await ItemsAsync(w, "ZONE");
        var site = (await ItemsAsync(w, "SITE"))[0];
        var someEvent = (await ItemsAsync(w, "EVENT"))[0];

        // At the source: a tenant renamed (a change the bulk copy missed).
        var renamed = tenants[0];
        await w.ExecuteSqlAsync($"UPDATE tenants SET name = 'Renamed at the source', \"updatedAt\" = now() WHERE id = '{renamed["tenantId"].S}'");

        // In the table: a zone a dual write created after the snapshot (now), a zone a dual write renamed (newer version), an event
        // recorded by a dual write, a tenant the source no longer has (updated long ago), and a site edited by hand at the same version.
        var now = KeyTime.ToKey(DateTimeOffset.UtcNow);
        var createdZone = Copy(zones[0], ("PK", S("ZONE#zone-created-by-dual-write")), ("zoneId", S("zone-created-by-dual-write")), ("updatedAt", S(now)), ("createdAt", S(now)));
        createdZone.Remove("GSI1PK");
        createdZone.Remove("GSI1SK");
        var newerZone = Copy(zones[1], ("name", S("renamed by a dual write")), ("updatedAt", S(Later(zones[1]["updatedAt"].S, TimeSpan.FromHours(1)))));
        var recordedEvent = Copy(someEvent, ("SK", S(someEvent["SK"].S + "-dual")), ("eventId", S(someEvent["eventId"].S + "-dual")));
        var goneTenant = Copy(tenants[0], ("PK", S("TENANT#deleted-at-the-source")), ("tenantId", S("deleted-at-the-source")), ("updatedAt", S("2020-01-01T00:00:00.000000Z")));
        goneTenant.Remove("GSI1PK");
        goneTenant.Remove("GSI1SK");
        var editedSite = Copy(site, ("name", S("edited by hand in the console")));
        foreach (var item in new[] { createdZone, newerZone, recordedEvent, goneTenant, editedSite })
        {
            await _ddb.Client.PutItemAsync(w.Table, item);
        }

        var report = Path.Combine(w.Folder, "sync.json");
        var sync = await w.VdpAsync("sync", "--online", "--table", w.Table, "--state-dir", w.StateDir + "-sync", "--report", report);

        sync.ExitCode.Should().Be(0, sync.All);
        sync.StdOut.Should().Contain("WRITTEN ONLINE").And.Contain("Online: 3 writes left out");
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(report)))
        {
            json.RootElement.GetProperty("online").GetBoolean().Should().BeTrue();
            json.RootElement.GetProperty("skippedNewer").GetInt64().Should().Be(3, "the created zone, the event and the newer zone are kept");
            json.RootElement.GetProperty("syncPuts").GetProperty("TENANT").GetInt64().Should().Be(1);
            json.RootElement.GetProperty("syncDeletes").GetProperty("TENANT").GetInt64().Should().Be(1);
        }

        (await GetAsync(w, renamed))!["name"].S.Should().Be("Renamed at the source");
        (await GetAsync(w, goneTenant)).Should().BeNull("it was updated long before the sync started and the source no longer has it");
        (await GetAsync(w, createdZone)).Should().BeEquivalentTo(createdZone, "it may be a dual write the snapshot missed");
        (await GetAsync(w, newerZone)).Should().BeEquivalentTo(newerZone);
        (await GetAsync(w, recordedEvent)).Should().BeEquivalentTo(recordedEvent, "an online sync never deletes events");
        (await GetAsync(w, site)).Should().BeEquivalentTo(site);

        // Verify says what is left, honestly: the kept items differ from the source until their writes reach it.
        var verify = await w.VdpAsync("verify", "--table", w.Table);
        verify.ExitCode.Should().Be(3, verify.All);
        verify.StdOut.Should().Contain("ZONE#zone-created-by-dual-write").And.Contain(recordedEvent["SK"].S);
    }

    [Fact]
    public async Task Online_sync_dry_run_is_the_plan_only_and_changes_nothing()
    {
        await using var w = await MigratedGuideAsync();
        var site = (await ItemsAsync(w, "SITE"))[0];
        var editedSite = Copy(site, ("name", S("edited by hand in the console")));
        await _ddb.Client.PutItemAsync(w.Table, editedSite);

        var plan = await w.VdpAsync("sync", "--online", "--dry-run", "--table", w.Table, "--state-dir", w.StateDir + "-plan");

        plan.ExitCode.Should().Be(0, plan.All);
        plan.StdOut.Should().Contain("PLAN ONLY").And.NotContain("WRITTEN ONLINE");
        (await GetAsync(w, site)).Should().BeEquivalentTo(editedSite);
    }

    private static AttributeValue S(string value) => new() { S = value };

    private static string Later(string keyTime, TimeSpan by) =>
        KeyTime.ToKey(DateTimeOffset.Parse(keyTime, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal) + by);

    private static Dictionary<string, AttributeValue> Copy(Dictionary<string, AttributeValue> item, params (string Name, AttributeValue Value)[] changes)
    {
        var copy = new Dictionary<string, AttributeValue>(item);
        foreach (var (name, value) in changes)
        {
            copy[name] = value;
        }

        return copy;
    }

    private async Task<Dictionary<string, AttributeValue>?> GetAsync(MigrationWorld w, Dictionary<string, AttributeValue> item)
    {
        var got = await _ddb.Client.GetItemAsync(new GetItemRequest
        {
            TableName = w.Table,
            ConsistentRead = true,
            Key = new() { ["PK"] = item["PK"], ["SK"] = item["SK"] },
        });
        return got.Item is { Count: > 0 } found ? found : null;
    }

    [Fact]
    public async Task An_online_run_removes_again_an_item_it_put_back_after_the_application_deleted_its_row()
    {
        await using var w = await MigratedGuideAsync();
        await w.ExecuteSqlAsync(Data.Postgres.ParkingSchema.CutoverSql);
        var zones = await ItemsAsync(w, "ZONE");

        // The race, as it ends: the application created two zones and deleted them during the run (each delete and its tombstone in
        // one transaction, as the PostgreSQL store does while it is primary; the delete's copy removed the item), but the backfill had
        // read the first one just before and put it back afterwards. The second was then created again in the table, newer: it stays.
        // Both are recent (newer than the sync's delete cutoff, so the sync's own plan keeps them).
        var deletedVersion = KeyTime.ToKey(DateTimeOffset.UtcNow.AddSeconds(-10));
        var putBack = Zone(zones[0], "zone-raced-put-back", deletedVersion);
        var createdAgain = Zone(zones[0], "zone-raced-created-again", KeyTime.ToKey(DateTimeOffset.UtcNow));
        foreach (var item in new[] { putBack, createdAgain })
        {
            await _ddb.Client.PutItemAsync(w.Table, item);
            await w.ExecuteSqlAsync($"INSERT INTO vdp_tombstone (entity_type, entity_id, version, deleted_at) VALUES ('ZONE', '{item["zoneId"].S}', '{deletedVersion}', now())");
        }

        var sync = await w.VdpAsync("sync", "--online", "--verbose", "--table", w.Table, "--state-dir", w.StateDir + "-sync");

        sync.ExitCode.Should().Be(0, sync.All);
        sync.All.Should().Contain("Online: 1 items of rows deleted during the run removed from the table again (2 deletions since the run started)");
        (await GetAsync(w, putBack)).Should().BeNull("its row was deleted at this version: the item put back goes again");
        (await GetAsync(w, createdAgain)).Should().BeEquivalentTo(createdAgain, "newer than the delete");
    }

    [Fact]
    public async Task A_tombstone_of_an_unknown_entity_type_is_an_error_naming_the_row()
    {
        await using var w = await MigratedGuideAsync();
        await w.ExecuteSqlAsync(Data.Postgres.ParkingSchema.CutoverSql);
        await w.ExecuteSqlAsync("INSERT INTO vdp_tombstone (entity_type, entity_id, version, deleted_at) VALUES ('PARKING_LOT', 'lot-7', now(), now())");

        var sync = await w.VdpAsync("sync", "--online", "--table", w.Table, "--state-dir", w.StateDir + "-sync");

        sync.ExitCode.Should().NotBe(0, sync.All);
        sync.StdErr.Should().Contain("vdp_tombstone row ('PARKING_LOT', 'lot-7')").And.Contain("unknown entity_type");
    }

    private static Dictionary<string, AttributeValue> Zone(Dictionary<string, AttributeValue> like, string id, string version)
    {
        var zone = Copy(like, ("PK", S("ZONE#" + id)), ("zoneId", S(id)), ("createdAt", S(version)), ("updatedAt", S(version)));
        zone.Remove("GSI1PK");
        zone.Remove("GSI1SK");
        return zone;
    }

    private async Task<MigrationWorld> MigratedGuideAsync()
    {
        var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        var migrate = await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir);
        migrate.ExitCode.Should().Be(0, migrate.All);
        return w;
    }

    private async Task<List<Dictionary<string, AttributeValue>>> ItemsAsync(MigrationWorld w, string entityType)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await _ddb.Client.ScanAsync(new ScanRequest
            {
                TableName = w.Table,
                ConsistentRead = true,
                ExclusiveStartKey = start,
                FilterExpression = "entityType = :t",
                ExpressionAttributeValues = new() { [":t"] = S(entityType) },
            });
            items.AddRange(page.Items);
            start = page.LastEvaluatedKey is { Count: > 0 } k ? k : null;
        }
        while (start is not null);
        items.Should().NotBeEmpty($"the guide data has {entityType} items");
        return items.OrderBy(i => i["PK"].S + "|" + i["SK"].S, StringComparer.Ordinal).ToList();
    }
}
