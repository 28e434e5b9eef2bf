using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace VisionDrive.Parking.Samples.Tests.Cutover;

/// <summary>
/// The online cutover of docs/cutover.md, end to end, under continuous load (issue #19): the API and the ingestion worker start on
/// PostgreSQL with the guide data; dual write with PostgreSQL primary; the backfill (<c>vdp migrate --online</c>, <c>vdp sync --online</c>)
/// while the traffic goes on; shadow reads at rate 1; DynamoDB primary; rollback to PostgreSQL primary; forward again. At the end every
/// uplink published is exactly one event in each store, <c>vdp verify</c> finds 0 differences without a final sync, 0 shadow mismatches,
/// 0 pending writes. The second test runs the same with faults: DynamoDB Local killed and restarted while PostgreSQL is primary,
/// PostgreSQL restarted while DynamoDB is primary, the worker SIGKILLed between its primary and its secondary write in both directions.
/// </summary>
[Collection(CutoverCollection.Name)]
public sealed class OnlineCutoverEndToEnd(ITestOutputHelper output)
{
    [Fact]
    public Task Forward_rollback_and_forward_again_under_load_lose_nothing_and_verify_without_a_final_sync() => RunAsync(faults: false);

    [Fact]
    public Task The_same_cutover_with_a_store_down_in_each_direction_and_the_worker_killed_between_its_two_writes_ends_the_same() => RunAsync(faults: true);

    private async Task RunAsync(bool faults)
    {
        await using var rig = await CutoverRig.CreateAsync(output);
        var postgresOnly = rig.StoreArgs("Postgres");
        var pgPrimary = rig.StoreArgs("DualWrite", "Postgres");
        var ddbPrimary = rig.StoreArgs("DualWrite", "DynamoDb");

        // Phase 1: PostgreSQL only, live traffic.
        await rig.DeployApiAsync(postgresOnly);
        await rig.StartWorkerAsync(postgresOnly);
        await using var load = await CutoverLoad.StartAsync(rig);
        await load.RunForAsync(uplinks: 100, writes: 10);

        // Phase 2: dual write, PostgreSQL primary (the new API provisions the table, its stream and the cutover tables), with traffic.
        await rig.DeployApiAsync(pgPrimary, provision: true);
        rig.StopWorker();
        await rig.StartWorkerAsync(pgPrimary);
        await load.RunForAsync(uplinks: 100, writes: 10);

        // Phase 2, backfill while the application writes: the rows of phase 1 and everything before.
        var migrate = await rig.VdpAsync("migrate", "--online");
        migrate.ExitCode.Should().Be(0, migrate.All);
        migrate.StdOut.Should().Contain("WRITTEN ONLINE");
        await load.RunForAsync(uplinks: 50, writes: 5);
        var sync = await rig.VdpAsync("sync", "--online");
        sync.ExitCode.Should().Be(0, sync.All);

        if (faults)
        {
            // DynamoDB (the secondary) killed: requests and uplinks keep succeeding on PostgreSQL, the outbox keeps what DynamoDB missed.
            rig.Ddb.Stop(kill: true);
            var writesBefore = load.Writes;
            await load.RunForAsync(uplinks: 100, writes: 10);
            load.Writes.Should().BeGreaterThan(writesBefore, "the primary takes every write while the secondary is down");
            (await rig.StatusAsync())["pendingSecondaryWrites"]!.GetValue<long>().Should().BePositive("what DynamoDB missed waits in the outbox");
            rig.Ddb.Start();
            (await rig.PendingDrainedAsync()).Should().BeTrue("the outbox drains once DynamoDB is back");

            // The worker SIGKILLed after a primary write, before its copy: the outbox row was committed with the write.
            await KillWorkerBetweenWritesAsync(rig, pgPrimary, load);
        }

        // Go/no-go: shadow reads at rate 1 on every access pattern the traffic uses, while the traffic goes on.
        await rig.DeployApiAsync(rig.StoreArgs("DualWrite", "Postgres", shadowReadRate: 1));
        await load.RunForAsync(uplinks: 100, writes: 20);
        (await Support.Eventually.HoldsAsync(async () => (await rig.ShadowTotalsAsync()).Reads >= 500, TimeSpan.FromSeconds(120)))
            .Should().BeTrue("a run of 500 shadowed reads under traffic");
        var (shadowReads, mismatches) = await rig.ShadowTotalsAsync();
        mismatches.Should().Be(0, $"the dual-written and backfilled table answers as PostgreSQL does:\n{rig.ApiLog("Shadow read mismatch")}");
        (await rig.PendingDrainedAsync()).Should().BeTrue("go/no-go: pending 0");

        // Phase 3: DynamoDB primary, every instance at once: the worker stops (its session queues the uplinks), the old API drains.
        await SwitchAllAsync(rig, ddbPrimary);
        await load.RunForAsync(uplinks: 150, writes: 15);
        if (faults)
        {
            // PostgreSQL (the secondary) restarted: writes keep succeeding on DynamoDB, the table's stream carries them back.
            rig.Pg.Stop(immediate: true);
            var writesBefore = load.Writes;
            await load.RunForAsync(uplinks: 60, writes: 6);
            load.Writes.Should().BeGreaterThan(writesBefore, "the primary takes every write while PostgreSQL is down");
            rig.Pg.Start();
            (await rig.PendingDrainedAsync()).Should().BeTrue("the stream applier catches PostgreSQL up");
            await KillWorkerBetweenWritesAsync(rig, ddbPrimary, load);
        }

        // Rollback to PostgreSQL primary (pending 0 first: PostgreSQL holds every write the stream carried), then forward again.
        (await rig.PendingDrainedAsync()).Should().BeTrue("rollback go/no-go: pending 0");
        await SwitchAllAsync(rig, pgPrimary);
        await load.RunForAsync(uplinks: 100, writes: 10);
        await SwitchAllAsync(rig, ddbPrimary);
        await load.RunForAsync(uplinks: 100, writes: 10);
        await load.StopAsync();

        // The end state: every uplink exactly one event in each store; pending 0; no mismatch; verify clean without a final sync.
        var published = load.PublishedEventIds.ToList();
        var both = (Postgres: new System.Collections.Generic.List<string>(), DynamoDb: new System.Collections.Generic.List<string>());
        (await Support.Eventually.HoldsAsync(async () =>
        {
            both = await rig.UplinkEventIdsOnBothAsync(CutoverLoad.SensorIds, load.Range);
            return both.Postgres.Count >= published.Count && both.DynamoDb.Count >= published.Count;
        }, TimeSpan.FromSeconds(120))).Should().BeTrue($"the worker records every uplink ({both.Postgres.Count} and {both.DynamoDb.Count} of {published.Count}); worker log:\n{rig.Worker?.LogTail()}");
        (await rig.PendingDrainedAsync()).Should().BeTrue("0 pending writes at the end");
        both = await rig.UplinkEventIdsOnBothAsync(CutoverLoad.SensorIds, load.Range);
        both.Postgres.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(published, "every uplink is exactly one event in PostgreSQL");
        both.DynamoDb.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(published, "every uplink is exactly one event in DynamoDB");
        load.Failures.Should().BeEmpty("every request got its expected answer");
        (await rig.ShadowTotalsAsync()).Mismatches.Should().Be(0, rig.ApiLog("Shadow read mismatch"));

        rig.Say("end state checked in both stores; stopping the worker");
        rig.StopWorker();
        rig.Say("worker stopped");
        var verify = await rig.VdpAsync("verify");
        verify.ExitCode.Should().Be(0, verify.All);
        verify.StdOut.Should().Contain("COMPLETE AND VERIFIED");
        (await rig.LastVerifyDifferencesAsync()).Should().Be(0);
        output.WriteLine($"[VDP-CUTOVER-E2E] faults={faults}: {published.Count} uplinks → {both.Postgres.Count} events in PostgreSQL, {both.DynamoDb.Count} in DynamoDB; " +
                         $"{load.Writes} API writes, {load.Reads} API reads; shadow reads {(await rig.ShadowTotalsAsync()).Reads}, 0 mismatches; verify clean");
    }

    /// <summary>Blue/green: the worker stops, the old API drains its pending writes, the new API takes the traffic, the new worker starts.</summary>
    private static async Task SwitchAllAsync(CutoverRig rig, System.Collections.Generic.List<string> storeArgs)
    {
        rig.StopWorker();
        (await rig.PendingDrainedAsync()).Should().BeTrue("the old primary's pending writes drain before the switch");
        await rig.DeployApiAsync(storeArgs);
        await rig.StartWorkerAsync(storeArgs);
    }

    /// <summary>Restarts the worker with its kill switch: it SIGKILLs itself after its 40th primary write, then starts again without.</summary>
    private async Task KillWorkerBetweenWritesAsync(CutoverRig rig, System.Collections.Generic.List<string> storeArgs, CutoverLoad load)
    {
        rig.StopWorker();
        await rig.StartWorkerAsync(storeArgs, killAfterPrimaryWrites: 40);
        (await rig.Worker!.ExitedAsync(TimeSpan.FromSeconds(60))).Should().BeTrue($"the worker kills itself at its 40th primary write; its log:\n{rig.Worker.LogTail()}");
        File.ReadAllText(rig.WorkerLog).Should().Contain("killed after primary write 40");
        rig.Say("worker SIGKILLed between a primary and a secondary write");
        await rig.StartWorkerAsync(storeArgs);
        await load.RunForAsync(uplinks: 60, writes: 5);
        (await rig.PendingDrainedAsync()).Should().BeTrue("the write the killed worker did not copy is applied by the replication");
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CutoverCollection
{
    public const string Name = "online cutover end to end";
}
