using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using VisionDrive.Parking.Cutover.Replication;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb.Mapping;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Cutover;

/// <summary>
/// PostgreSQL primary: the store's transactional outbox, the applier that drains it into DynamoDB (the items <c>vdp migrate</c> writes),
/// DynamoDB down and back, idempotent reruns, and apply-if-newer on both sides. Real PostgreSQL and DynamoDB Local.
/// </summary>
public sealed class OutboxReplicationTests : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly PostgresServer _pg;
    private readonly DynamoDbServer _ddb;

    public OutboxReplicationTests(PostgresServer pg, DynamoDbServer ddb)
    {
        _pg = pg;
        _ddb = ddb;
    }

    [Fact]
    public async Task Each_write_records_the_keys_it_touched_and_a_rolled_back_write_records_none()
    {
        await using var w = await ReplicationWorld.CreateAsync(_pg, _ddb);
        var store = w.Postgres;
        var tenant = await store.CreateTenantAsync(new Tenant("ob-t", "T", "ob-t", "ACTIVE", default, default));
        var site = await store.CreateSiteAsync(new Site("ob-site", tenant.Id, "S", null, null, null, "Asia/Dubai", default, default));
        var zone = await store.CreateZoneAsync(new Zone("ob-zone", tenant.Id, site.Id, "Z", "PAID", null, default, default));
        var bay1 = await store.CreateBayAsync(new Bay("ob-bay-1", tenant.Id, "", zone.Id, "B-1", null, null, default, default));
        var bay2 = await store.CreateBayAsync(new Bay("ob-bay-2", tenant.Id, "", zone.Id, "B-2", null, null, default, default));
        var sensor = await store.RegisterSensorAsync(new Sensor("ob-s", tenant.Id, "", null, bay1.Id, "AA01", "PARKING", SensorStatuses.Active, null, default, default));
        await w.ExecuteAsync("DELETE FROM vdp_outbox");

        await store.RecordEventAsync(new SensorEvent("ob-e1", Now, tenant.Id, sensor.Id, EventKinds.Arrive, null));
        (await w.OutboxAsync()).Should().Equal("EVENT:ob-e1", "BAY:ob-bay-1");
        await store.RecordEventAsync(new SensorEvent("ob-e1", Now, tenant.Id, sensor.Id, EventKinds.Arrive, null));
        (await w.OutboxAsync()).Should().HaveCount(2, "a redelivered event writes nothing, so it records nothing");

        await w.ExecuteAsync("DELETE FROM vdp_outbox");
        await store.TouchLastSeenAsync(sensor.Id, Now);
        await store.TouchLastSeenAsync(sensor.Id, Now - TimeSpan.FromHours(1));
        (await w.OutboxAsync()).Should().Equal(["SENSOR:ob-s"], "the older lastSeenAt changed nothing");

        await w.ExecuteAsync("DELETE FROM vdp_outbox");
        sensor = await store.UpdateSensorAsync(sensor with { BayId = bay2.Id });
        (await w.OutboxAsync()).Should().Equal("SENSOR:ob-s", "BAY:ob-bay-1", "BAY:ob-bay-2");

        await w.ExecuteAsync("DELETE FROM vdp_outbox");
        await store.RaiseAlertAsync(new Alert("ob-a", tenant.Id, site.Id, zone.Id, null, sensor.Id, "OFFLINE", "INFO", AlertStatus.Open, null, Now, null));
        await store.RaiseAlertAsync(new Alert("ob-a", tenant.Id, site.Id, zone.Id, null, sensor.Id, "OFFLINE", "INFO", AlertStatus.Open, null, Now, null));
        await store.AcknowledgeAlertAsync("ob-a");
        await store.AcknowledgeAlertAsync("ob-a");
        await store.DeleteBayAsync(tenant.Id, bay1.Id, bay1.UpdatedAt);
        (await w.OutboxAsync()).Should().Equal("ALERT:ob-a", "ALERT:ob-a", "BAY:ob-bay-1");
        (await w.ScalarAsync("SELECT count(*) FROM vdp_outbox WHERE entity_id = 'ob-bay-1' AND deleted_version IS NOT NULL")).Should().Be(1, "a delete records the version it deleted");

        // A write whose transaction fails at commit (a deferred trigger on the outbox row) leaves neither its row nor its outbox row.
        await w.ExecuteAsync("""
            CREATE FUNCTION vdp_test_doom() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.entity_id = 'doomed' THEN RAISE EXCEPTION 'doomed at commit'; END IF; RETURN NEW; END $$;
            CREATE CONSTRAINT TRIGGER vdp_test_doom AFTER INSERT ON vdp_outbox DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION vdp_test_doom();
            """);
        var before = await w.OutboxAsync();
        var doomed = () => store.CreateTenantAsync(new Tenant("doomed", "D", "doomed", "ACTIVE", default, default)).AsTask();
        await doomed.Should().ThrowAsync<PostgresException>().WithMessage("*doomed at commit*");
        (await w.ScalarAsync("SELECT count(*) FROM tenants WHERE id = 'doomed'")).Should().Be(0);
        (await w.OutboxAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task The_applier_drains_the_outbox_into_exactly_the_items_vdp_migrate_writes()
    {
        await using var m = await MigrationWorld.CreateAsync(_pg, _ddb);
        await using var w = await ReplicationWorld.CreateAsync(_pg, _ddb, database: m.Source);
        await CutoverWorkload.WriteAsync(w.Postgres, "mig", Now);
        var rows = await w.ScalarAsync("SELECT count(*) FROM vdp_outbox");
        rows.Should().BeGreaterThan(50);

        var applier = new OutboxApplier(w.OutboxReplicator(), NullLogger<OutboxApplier>.Instance, batchSize: 16);
        var read = 0;
        for (var n = await applier.DrainOnceAsync(CancellationToken.None); n > 0; n = await applier.DrainOnceAsync(CancellationToken.None))
        {
            read += n;
        }

        read.Should().Be((int)rows);
        (await w.ScalarAsync("SELECT count(*) FROM vdp_outbox")).Should().Be(0);
        (await w.OutboxReplicator().PendingAsync(CancellationToken.None)).Should().Be(0);

        (await m.VdpAsync("provision", "--table", m.Table)).ExitCode.Should().Be(0);
        // The retention of the replicator's DynamoDB store options (the default, 400 days): an event's ttl is part of its item.
        var run = await m.VdpAsync("migrate", "--table", m.Table, "--state-dir", m.StateDir, "--retention-days", w.Options.EventRetention.TotalDays.ToString(System.Globalization.CultureInfo.InvariantCulture));
        run.ExitCode.Should().Be(0, run.All);
        var migrated = await ReplicationWorld.HashesAsync(_ddb.Client, m.Table);
        var replicated = await ReplicationWorld.HashesAsync(_ddb.Client, w.Table);
        migrated.Should().NotBeEmpty();
        replicated.Should().BeEquivalentTo(migrated, "the outbox applier writes, item for item, what the migration writes");
    }

    [Fact]
    public async Task With_DynamoDB_down_the_rows_stay_and_the_applier_keeps_running_then_they_drain()
    {
        await using var w = await ReplicationWorld.CreateAsync(_pg, _ddb);
        await CutoverWorkload.WriteAsync(w.Postgres, "down", Now);
        var rows = await w.ScalarAsync("SELECT count(*) FROM vdp_outbox");

        using var down = new AmazonDynamoDBClient(ReplicationWorld.Credentials, new AmazonDynamoDBConfig
        {
            ServiceURL = "http://127.0.0.1:" + LoopbackPorts.Free(),
            AuthenticationRegion = "me-central-1",
            MaxErrorRetry = 0,
            Timeout = TimeSpan.FromSeconds(2),
        });
        var broken = new OutboxApplier(w.OutboxReplicator(down), NullLogger<OutboxApplier>.Instance, batchSize: 16, pollInterval: TimeSpan.FromMilliseconds(50), maxBackoff: TimeSpan.FromMilliseconds(200));
        var once = () => broken.DrainOnceAsync(CancellationToken.None);
        await once.Should().ThrowAsync<Exception>();

        await broken.StartAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        broken.ExecuteTask!.IsCompleted.Should().BeFalse("the applier backs off and keeps trying; it does not crash");
        await broken.StopAsync(CancellationToken.None);
        (await w.ScalarAsync("SELECT count(*) FROM vdp_outbox")).Should().Be(rows, "nothing was applied, so nothing left the outbox");
        (await ReplicationWorld.HashesAsync(_ddb.Client, w.Table)).Should().BeEmpty();

        var applier = new OutboxApplier(w.OutboxReplicator(), NullLogger<OutboxApplier>.Instance, pollInterval: TimeSpan.FromMilliseconds(50));
        await applier.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await w.ScalarAsync("SELECT count(*) FROM vdp_outbox") > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await applier.StopAsync(CancellationToken.None);
        (await w.ScalarAsync("SELECT count(*) FROM vdp_outbox")).Should().Be(0);
        (await ReplicationWorld.HashesAsync(_ddb.Client, w.Table)).Should().BeEquivalentTo(await ExpectedHashesAsync(w, "down"));
    }

    [Fact]
    public async Task A_rerun_changes_nothing_and_an_older_copy_never_overwrites_a_newer_item()
    {
        await using var w = await ReplicationWorld.CreateAsync(_pg, _ddb);
        await CutoverWorkload.WriteAsync(w.Postgres, "idem", Now);
        var replicator = w.OutboxReplicator();
        var applier = new OutboxApplier(replicator, NullLogger<OutboxApplier>.Instance);
        while (await applier.DrainOnceAsync(CancellationToken.None) > 0)
        {
        }

        var first = await ReplicationWorld.HashesAsync(_ddb.Client, w.Table);
        first.Should().BeEquivalentTo(await ExpectedHashesAsync(w, "idem"));

        // Every key again (outbox rows re-inserted, and a direct copy): nothing changes.
        var keys = await AllKeysAsync(w);
        foreach (var key in keys)
        {
            await w.ExecuteAsync($"INSERT INTO vdp_outbox (entity_type, entity_id, event_time) VALUES ('{key.Type.Name()}', '{key.Id}', {(key.Time is { } t ? $"'{t:O}'" : "NULL")})");
        }

        while (await applier.DrainOnceAsync(CancellationToken.None) > 0)
        {
        }

        await replicator.CopyAsync(keys, CancellationToken.None);
        (await ReplicationWorld.HashesAsync(_ddb.Client, w.Table)).Should().BeEquivalentTo(first);

        // Older states arriving late (a slow copy): versions, a bay's status, a sensor's lastSeenAt, an alert's status, a stale delete.
        var writer = new DynamoDbStateWriter(_ddb.Client, w.Table);
        var tenant = (await w.Postgres.GetTenantAsync("idem-tenant"))!;
        var bay = (await w.Postgres.GetBayAsync("idem-bay-3"))!;
        var sensor = (await w.Postgres.GetSensorAsync("idem-S-3"))!;
        var alert = (await w.Postgres.GetAlertAsync("idem-alert-2"))!;
        bay.StatusEventId.Should().Be("idem-evt-6");
        (await writer.ApplyAsync(new ChangedKey(EntityType.Tenant, tenant.Id), tenant with { Name = "old", UpdatedAt = tenant.UpdatedAt.AddSeconds(-1) }, null, default)).Should().BeFalse();
        (await writer.ApplyAsync(new ChangedKey(EntityType.Bay, bay.Id), bay with { Status = BayStatus.Vacant, StatusChangedAt = bay.StatusChangedAt!.Value.AddHours(-1), StatusEventId = "older" }, null, default)).Should().BeFalse();
        (await writer.ApplyAsync(new ChangedKey(EntityType.Sensor, sensor.Id), sensor with { LastSeenAt = sensor.LastSeenAt!.Value.AddHours(-1) }, null, default)).Should().BeFalse();
        (await writer.ApplyAsync(new ChangedKey(EntityType.Alert, alert.Id), alert with { Status = AlertStatus.Open, ResolvedAt = null }, null, default)).Should().BeFalse();
        (await writer.ApplyAsync(new ChangedKey(EntityType.Tenant, tenant.Id), null, tenant.UpdatedAt.AddSeconds(-1), default)).Should().BeFalse("a delete of an older version");
        (await ReplicationWorld.HashesAsync(_ddb.Client, w.Table)).Should().BeEquivalentTo(first);

        // A newer state applies; and a newer bay status at the same version does too.
        var later = bay with { StatusChangedAt = bay.StatusChangedAt!.Value.AddMinutes(1), StatusEventId = "newer", Status = BayStatus.Vacant };
        (await writer.ApplyAsync(new ChangedKey(EntityType.Bay, bay.Id), later, null, default)).Should().BeTrue();
        ParkingItemMapper.ToBay((await _ddb.Client.GetItemAsync(new GetItemRequest
        {
            TableName = w.Table,
            Key = new() { ["PK"] = new() { S = ParkingItemMapper.GetKey(bay).Pk }, ["SK"] = new() { S = ParkingItemMapper.GetKey(bay).Sk } },
            ConsistentRead = true,
        })).Item).StatusEventId.Should().Be("newer");

        // The same on the PostgreSQL side: an older tenant never overwrites the row; a newer one does.
        var pgWriter = new PostgresStateWriter(w.DataSource);
        (await pgWriter.ApplyAsync(new ChangedKey(EntityType.Tenant, tenant.Id), tenant with { Name = "old", UpdatedAt = tenant.UpdatedAt.AddSeconds(-1) }, null, default)).Should().BeFalse();
        (await pgWriter.ApplyAsync(new ChangedKey(EntityType.Tenant, tenant.Id), null, tenant.UpdatedAt.AddSeconds(-1), default)).Should().BeFalse();
        (await w.Postgres.GetTenantAsync(tenant.Id)).Should().Be(tenant);
        (await pgWriter.ApplyAsync(new ChangedKey(EntityType.Tenant, tenant.Id), tenant with { Name = "new", UpdatedAt = tenant.UpdatedAt.AddSeconds(1) }, null, default)).Should().BeTrue();
        (await w.Postgres.GetTenantAsync(tenant.Id))!.Name.Should().Be("new");
    }

    /// <summary>What the primary holds, mapped as the migration maps it: every entity of the workload read back from PostgreSQL.</summary>
    internal static async Task<Dictionary<string, string>> ExpectedHashesAsync(ReplicationWorld w, string p)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in await AllKeysAsync(w))
        {
            var entity = await new PostgresStateReader(w.DataSource).ReadAsync(key, CancellationToken.None);
            var item = ParkingItemMapper.ToItem(entity!);
            result[item["PK"].S + "|" + item["SK"].S] = Data.DynamoDb.Hashing.ItemHash.ComputeHex(item);
        }

        result.Keys.Should().Contain(k => k.Contains(p, StringComparison.Ordinal));
        return result;
    }

    internal static async Task<List<ChangedKey>> AllKeysAsync(ReplicationWorld w)
    {
        var keys = new List<ChangedKey>();
        await using var c = await w.DataSource.OpenConnectionAsync();
        foreach (var type in EntityTypes.All)
        {
            var sql = type == EntityType.Event ? "SELECT id, time FROM sensor_events" : $"SELECT id, NULL::timestamptz FROM {type.SourceTable()}";
            await using var cmd = new NpgsqlCommand(sql, c);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                keys.Add(new ChangedKey(type, r.GetString(0), r.IsDBNull(1) ? null : new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(1), DateTimeKind.Utc))));
            }
        }

        return keys;
    }
}
