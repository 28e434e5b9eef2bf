using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using VisionDrive.Parking.Cutover.Replication;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb.Provisioning;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Cutover;

/// <summary>
/// DynamoDB primary: the table's stream (DynamoDB Local supports Streams) applied to PostgreSQL by the stream applier — creates, updates,
/// deletes, events, alerts — item for item, resumed from its checkpoint after a restart; direct copies and the pending count.
/// </summary>
public sealed class StreamReplicationTests : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly PostgresServer _pg;
    private readonly DynamoDbServer _ddb;

    public StreamReplicationTests(PostgresServer pg, DynamoDbServer ddb)
    {
        _pg = pg;
        _ddb = ddb;
    }

    [Fact]
    public async Task The_provisioner_enables_the_stream_idempotently()
    {
        await using var w = await ReplicationWorld.CreateAsync(_pg, _ddb, stream: false);
        var provisioner = new TableProvisioner(_ddb.Client);
        var arn = await provisioner.EnsureStreamAsync(w.Table);
        arn.Should().Contain(w.Table);
        (await provisioner.EnsureStreamAsync(w.Table)).Should().Be(arn, "a second call changes nothing");
        var table = (await _ddb.Client.DescribeTableAsync(w.Table)).Table;
        table.StreamSpecification.StreamViewType.Value.Should().Be("NEW_AND_OLD_IMAGES");
    }

    [Fact]
    public async Task The_stream_applier_copies_DynamoDB_writes_into_PostgreSQL_and_resumes_from_its_checkpoint()
    {
        await using var w = await ReplicationWorld.CreateAsync(_pg, _ddb, stream: true);
        await CutoverWorkload.WriteAsync(w.DynamoDb, "st", Now);

        using var streams = w.StreamsClient();
        var replicator = new DynamoDbToPostgresReplicator(_ddb.Client, w.Options, w.DataSource);
        var applier = new StreamApplier(streams, _ddb.Client, w.Options, w.DataSource, replicator, NullLogger<StreamApplier>.Instance);
        (await replicator.PendingAsync(default)).Should().BeGreaterThan(0, "nothing is known to be applied before the first poll");
        var applied = await PollUntilCaughtUpAsync(applier, replicator);
        applied.Should().BeGreaterThan(50);
        (await replicator.PendingAsync(default)).Should().Be(0);

        // PostgreSQL now holds what DynamoDB holds, item for item (bays included: PostgreSQL derives their status from the replicated events).
        var dynamo = (await ReplicationWorld.HashesAsync(_ddb.Client, w.Table)).Where(kv => !kv.Key.StartsWith("UNIQUE#", StringComparison.Ordinal)).ToDictionary();
        (await OutboxReplicationTests.ExpectedHashesAsync(w, "st")).Should().BeEquivalentTo(dynamo);
        (await w.Postgres.GetTenantAsync("st-gone")).Should().BeNull("deleted on DynamoDB");
        (await w.Postgres.GetBayAsync("st-bay-1"))!.Code.Should().Be("C-101", "a bay whose key moved is kept, not deleted");
        (await w.ScalarAsync("SELECT count(*) FROM vdp_stream_checkpoint")).Should().BeGreaterThan(0);

        // A restart: a new applier resumes after its checkpoint and applies only what came since.
        await w.DynamoDb.TouchLastSeenAsync("st-S-2", Now);
        var restarted = new DynamoDbToPostgresReplicator(_ddb.Client, w.Options, w.DataSource);
        var again = new StreamApplier(streams, _ddb.Client, w.Options, w.DataSource, restarted, NullLogger<StreamApplier>.Instance);
        (await again.PollOnceAsync(default)).Should().Be(1, "only the one record written after the checkpoint");
        (await w.Postgres.GetSensorAsync("st-S-2"))!.LastSeenAt.Should().Be(Now);

        var sensor = (await w.DynamoDb.GetSensorAsync("st-S-2"))!;
        await w.DynamoDb.DeleteSensorAsync(sensor.TenantId, sensor.Id, sensor.UpdatedAt);
        await PollUntilCaughtUpAsync(again, restarted);
        (await w.Postgres.GetSensorAsync("st-S-2")).Should().BeNull();
        (await w.Postgres.GetBayAsync("st-bay-2"))!.SensorId.Should().BeNull();
        (await restarted.PendingAsync(default)).Should().Be(0);
    }

    [Fact]
    public async Task A_direct_copy_writes_PostgreSQL_at_once_and_what_it_cannot_copy_stays_pending_until_the_stream_carries_it()
    {
        await using var w = await ReplicationWorld.CreateAsync(_pg, _ddb, stream: true);
        using var streams = w.StreamsClient();
        var replicator = new DynamoDbToPostgresReplicator(_ddb.Client, w.Options, w.DataSource);
        var applier = new StreamApplier(streams, _ddb.Client, w.Options, w.DataSource, replicator, NullLogger<StreamApplier>.Instance);
        await PollUntilCaughtUpAsync(applier, replicator);

        var tenant = await w.DynamoDb.CreateTenantAsync(new Tenant("dc-t", "T", "dc-t", "ACTIVE", default, default));
        var site = await w.DynamoDb.CreateSiteAsync(new Site("dc-site", tenant.Id, "S", null, null, null, "Asia/Dubai", default, default));
        var sensor = await w.DynamoDb.RegisterSensorAsync(new Sensor("dc-s", tenant.Id, site.Id, null, null, "DC01", "PARKING", SensorStatuses.Active, null, default, default));
        var ev = new SensorEvent("dc-e", Now, tenant.Id, sensor.Id, EventKinds.Heartbeat, null);
        await w.DynamoDb.RecordEventAsync(ev);

        // The parent first fails (its tenant is not in PostgreSQL yet): pending, and the exception is the caller's.
        var early = () => replicator.CopyAsync([new ChangedKey(EntityType.Site, site.Id)], default).AsTask();
        await early.Should().ThrowAsync<Npgsql.PostgresException>();
        await replicator.CopyAsync([new ChangedKey(EntityType.Tenant, tenant.Id), new ChangedKey(EntityType.Site, site.Id), new ChangedKey(EntityType.Sensor, sensor.Id)], default);
        (await w.Postgres.GetSensorAsync(sensor.Id)).Should().Be(sensor);

        // An event key without its sensor cannot be read by key: pending until a poll has caught up with the stream.
        await replicator.CopyAsync([new ChangedKey(EntityType.Event, ev.Id, ev.Time)], default);
        (await replicator.PendingAsync(default)).Should().BeGreaterThan(0);
        await PollUntilCaughtUpAsync(applier, replicator);
        (await replicator.PendingAsync(default)).Should().Be(0);
        (await w.Postgres.ListSensorEventsAsync(sensor.Id, new TimeRange(Now.AddDays(-1), Now.AddDays(1)))).Items.Should().ContainSingle().Which.Should().Be(ev);
    }

    private static async Task<int> PollUntilCaughtUpAsync(StreamApplier applier, DynamoDbToPostgresReplicator replicator)
    {
        var applied = 0;
        for (var i = 0; i < 30; i++)
        {
            var n = await applier.PollOnceAsync(CancellationToken.None);
            applied += n;
            if (n == 0 && replicator.State.CaughtUp && replicator.State.Pending == 0)
            {
                return applied;
            }
        }

        throw new TimeoutException($"The stream applier did not catch up in 30 polls (pending {replicator.State.Pending}).");
    }
}
