using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using VisionDrive.Parking.Cutover.Replication;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Cutover;

/// <summary>
/// A copy that arrives after its key was deleted never brings the key back (neither store keeps a trace of a deleted row): in PostgreSQL
/// the tombstones of <c>vdp_tombstone</c> refuse a state not newer than the delete, whoever deleted it (the store as primary, the
/// replication as secondary); in DynamoDB the copies of one key hold its lock (<see cref="KeyLock"/>), so a slow copy of an older state
/// finishes before the copy of the delete reads. Both were found by the cutover end to end under CI load: a zone deleted through the API
/// was back in PostgreSQL after a blue/green switch (a retired API's stream applier replayed the zone's creation), and <c>vdp verify</c>
/// failed.
/// </summary>
public sealed class LateCopyTests : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly PostgresServer _pg;
    private readonly DynamoDbServer _ddb;

    public LateCopyTests(PostgresServer pg, DynamoDbServer ddb)
    {
        _pg = pg;
        _ddb = ddb;
    }

    [Fact]
    public async Task An_applier_that_replays_the_stream_without_its_removes_brings_no_deleted_key_back()
    {
        await using var w = await ReplicationWorld.CreateAsync(_pg, _ddb, stream: true);
        await CutoverWorkload.WriteAsync(w.DynamoDb, "lc", Now);
        using var streams = w.StreamsClient();
        var replicator = new DynamoDbToPostgresReplicator(_ddb.Client, w.Options, w.DataSource);
        var applier = new StreamApplier(streams, _ddb.Client, w.Options, w.DataSource, replicator, NullLogger<StreamApplier>.Instance);
        for (var i = 0; i < 20 && (await applier.PollOnceAsync(default) > 0 || !replicator.State.CaughtUp); i++)
        {
        }

        var expected = (await ReplicationWorld.HashesAsync(_ddb.Client, w.Table)).Where(kv => !kv.Key.StartsWith("UNIQUE#", StringComparison.Ordinal)).ToDictionary();
        (await OutboxReplicationTests.ExpectedHashesAsync(w, "lc")).Should().BeEquivalentTo(expected, "the applier caught up");

        // A second applier lagging behind (a retired instance, a worker stopped mid-poll): every record again from the start of the
        // stream, but not one REMOVE — it stops before it reaches them.
        var table = (await _ddb.Client.DescribeTableAsync(w.Table)).Table;
        var replayed = 0;
        foreach (var shard in await streams.ListShardsAsync(table.LatestStreamArn, default))
        {
            var iterator = await streams.GetShardIteratorAsync(table.LatestStreamArn, shard.ShardId, null, default);
            while (iterator is not null)
            {
                var (records, next) = await streams.GetRecordsAsync(iterator, 100, default);
                foreach (var record in records.Where(r => r.EventName != "REMOVE"))
                {
                    await applier.ApplyAsync(shard.ShardId, record, default);
                    replayed++;
                }

                iterator = records.Count == 0 ? null : next;
            }
        }

        replayed.Should().BeGreaterThan(50);
        (await w.Postgres.GetTenantAsync("lc-gone")).Should().BeNull("deleted on DynamoDB: its replayed INSERT is older than its tombstone");
        (await w.Postgres.GetZoneAsync("lc-zone-temp")).Should().BeNull();
        (await w.Postgres.GetBayAsync("lc-bay-4")).Should().BeNull();
        (await w.Postgres.GetSensorAsync("lc-S-5")).Should().BeNull();
        (await OutboxReplicationTests.ExpectedHashesAsync(w, "lc")).Should().BeEquivalentTo(expected, "a replay of older states changes nothing");
    }

    [Fact]
    public async Task A_key_deleted_by_the_PostgreSQL_store_as_primary_refuses_an_older_state_and_takes_a_newer_one()
    {
        await using var w = await ReplicationWorld.CreateAsync(_pg, _ddb);
        var tenant = await w.Postgres.CreateTenantAsync(new Tenant("lt-tenant", "T", "lt-slug", "ACTIVE", default, default));
        var site = await w.Postgres.CreateSiteAsync(new Site("lt-site", tenant.Id, "S", null, null, null, "Asia/Dubai", default, default));
        var created = await w.Postgres.CreateZoneAsync(new Zone("lt-zone", tenant.Id, site.Id, "Z", "PAID", null, default, default));
        var renamed = await w.Postgres.UpdateZoneAsync(created with { Name = "Z renamed" });
        await w.Postgres.DeleteZoneAsync(tenant.Id, renamed.Id, renamed.UpdatedAt);
        (await w.ScalarAsync("SELECT count(*) FROM vdp_tombstone WHERE entity_type = 'ZONE' AND entity_id = 'lt-zone' AND version = $1", renamed.UpdatedAt.UtcDateTime))
            .Should().Be(1, "the delete and its tombstone commit together");

        // The states DynamoDB held before the delete reached it, copied back by a stream applier of the previous phase.
        var writer = new PostgresStateWriter(w.DataSource);
        var key = new ChangedKey(EntityType.Zone, "lt-zone");
        (await writer.ApplyAsync(key, created, null, default)).Should().BeFalse();
        (await writer.ApplyAsync(key, renamed, null, default)).Should().BeFalse("the deleted version itself is not newer than its tombstone");
        (await w.Postgres.GetZoneAsync("lt-zone")).Should().BeNull();

        // The same id created again later is a newer version: it applies.
        var again = renamed with { Name = "Z again", CreatedAt = renamed.UpdatedAt.AddSeconds(5), UpdatedAt = renamed.UpdatedAt.AddSeconds(5) };
        (await writer.ApplyAsync(key, again, null, default)).Should().BeTrue();
        (await w.Postgres.GetZoneAsync("lt-zone"))!.Name.Should().Be("Z again");
    }

    [Fact]
    public async Task A_slow_copy_of_an_older_state_never_lands_after_the_copy_of_the_delete()
    {
        await using var w = await ReplicationWorld.CreateAsync(_pg, _ddb);
        var tenant = await w.Postgres.CreateTenantAsync(new Tenant("ls-tenant", "T", "ls-slug", "ACTIVE", default, default));
        var site = await w.Postgres.CreateSiteAsync(new Site("ls-site", tenant.Id, "S", null, null, null, "Asia/Dubai", default, default));
        var zone = await w.Postgres.CreateZoneAsync(new Zone("ls-zone", tenant.Id, site.Id, "Z", "PAID", null, default, default));
        var key = new ChangedKey(EntityType.Zone, zone.Id);
        var maxId = await w.ScalarAsync("SELECT max(id) FROM vdp_outbox WHERE entity_type = 'ZONE' AND entity_id = 'ls-zone'");

        // Copy A (an outbox applier) reads the zone and is held just before its PutItem reaches DynamoDB.
        using var gate = new GatedPutFactory();
        using var slowClient = new AmazonDynamoDBClient(ReplicationWorld.Credentials, new AmazonDynamoDBConfig
        {
            ServiceURL = _ddb.ServiceUrl, AuthenticationRegion = "me-central-1", HttpClientFactory = gate, Timeout = TimeSpan.FromSeconds(60),
        });
        var copyA = w.OutboxReplicator(slowClient).CopyKeyAsync(key, maxId, null, default);
        (await gate.PutHeld.Task.WaitAsync(TimeSpan.FromSeconds(30))).Should().BeTrue();

        // Meanwhile the zone is deleted and that write copied (B): B must not finish before A's older state has landed.
        await w.Postgres.DeleteZoneAsync(tenant.Id, zone.Id, zone.UpdatedAt);
        var copyB = w.OutboxReplicator().CopyAsync([key], default).AsTask();
        await Task.WhenAny(copyB, Task.Delay(TimeSpan.FromSeconds(2)));
        gate.Release();
        await copyA;
        await copyB;

        var item = await _ddb.Client.GetItemAsync(new GetItemRequest
        {
            TableName = w.Table,
            Key = new() { ["PK"] = new() { S = "ZONE#ls-zone" }, ["SK"] = new() { S = "METADATA" } },
            ConsistentRead = true,
        });
        item.IsItemSet.Should().BeFalse("the delete was the zone's last write; the older state copied late must not bring it back");
        (await w.OutboxAsync()).Should().NotContain("ZONE:ls-zone");
    }

    /// <summary>Holds the first PutItem request until <see cref="Release"/>; every other request goes straight to DynamoDB Local.</summary>
    private sealed class GatedPutFactory : HttpClientFactory, IDisposable
    {
        private readonly Handler _handler;

        public GatedPutFactory() => _handler = new Handler(this) { InnerHandler = new HttpClientHandler() };

        public TaskCompletionSource<bool> PutHeld { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => Gate.TrySetResult();

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(_handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

        public void Dispose() => _handler.Dispose();

        private sealed class Handler(GatedPutFactory owner) : DelegatingHandler
        {
            private int _held;

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var target = request.Headers.TryGetValues("X-Amz-Target", out var v) ? v.FirstOrDefault() : null;
                if (target is not null && target.EndsWith(".PutItem", StringComparison.Ordinal) && Interlocked.Exchange(ref _held, 1) == 0)
                {
                    owner.PutHeld.TrySetResult(true);
                    await owner.Gate.Task.WaitAsync(cancellationToken);
                }

                return await base.SendAsync(request, cancellationToken);
            }
        }
    }
}
