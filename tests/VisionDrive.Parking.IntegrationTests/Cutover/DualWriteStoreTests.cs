using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using VisionDrive.Parking.Cutover;
using VisionDrive.Parking.Cutover.Replication;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb;
using VisionDrive.Parking.Data.Keys;
using VisionDrive.Parking.IntegrationTests.Conformance;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Cutover;

/// <summary>
/// The dual-write store with PostgreSQL primary over real PostgreSQL and DynamoDB Local (guide data migrated). The copy to DynamoDB is
/// the test-only <see cref="TestCopyReplicator"/>: these tests check the decorator's side of the contract (primary first, the keys it
/// hands over, failures contained), not the replication.
/// </summary>
public sealed class DualWriteStoreTests(DualWriteWorld world) : IClassFixture<DualWriteWorld>
{
    private static readonly DateTimeOffset T0 = new(2030, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_recorded_ARRIVE_reaches_both_stores_with_its_bay_and_the_copy_runs_after_the_primary_write()
    {
        var (store, replicator, telemetry) = Create();
        using var activities = new ActivityRecorder();
        var arrive = new SensorEvent("dw-evt-arrive-1", T0.AddTicks(1230), WriteTenant.TenantId, WriteTenant.Sensor(1), EventKinds.Arrive, JsonText.Parse("{\"occupied\":true}"));

        var result = await store.RecordEventAsync(arrive);

        result.Should().Be(new RecordEventResult(Created: true, BayStatusChanged: true));
        var call = replicator.Calls.Should().ContainSingle().Subject;
        call.Keys.Should().Equal(new ChangedKey(EntityType.Event, arrive.Id, arrive.Time), new ChangedKey(EntityType.Bay, WriteTenant.Bay(1)));
        call.PresentAtPrimary.Should().AllBeEquivalentTo(true, "the copy reads the primary after its write committed");
        activities.Started.Should().Contain("cutover.primary_written RecordEvent");

        var range = new TimeRange(T0, T0.AddMinutes(1));
        var inPostgres = (await world.Postgres.ListSensorEventsAsync(WriteTenant.Sensor(1), range)).Items;
        var inDynamoDb = (await world.DynamoDb.ListSensorEventsAsync(WriteTenant.Sensor(1), range)).Items;
        inPostgres.Should().ContainSingle().Which.Should().Be(arrive with { Time = KeyTime.TruncateToMicroseconds(arrive.Time) });
        inDynamoDb.Should().Equal(inPostgres);
        var bayInDynamoDb = await world.DynamoDb.GetBayAsync(WriteTenant.Bay(1));
        bayInDynamoDb!.Status.Should().Be(BayStatus.Occupied);
        bayInDynamoDb.Should().Be(await world.Postgres.GetBayAsync(WriteTenant.Bay(1)));
        telemetry.ShadowReads.Should().Be(0, "the rate is 0");
    }

    [Fact]
    public async Task TouchLastSeen_and_an_alert_reach_both_stores_and_a_write_that_changes_nothing_copies_nothing()
    {
        var (store, replicator, _) = Create();
        var seen = T0.AddHours(1);

        (await store.TouchLastSeenAsync(WriteTenant.Sensor(2), seen)).Should().BeTrue();
        (await store.TouchLastSeenAsync(WriteTenant.Sensor(2), seen.AddMinutes(-1))).Should().BeFalse();
        var alert = new Alert("dw-alert-1", WriteTenant.TenantId, WriteTenant.SiteId, WriteTenant.ZoneId, WriteTenant.Bay(2), WriteTenant.Sensor(2), "OFFLINE", "WARNING", AlertStatus.Open, "dual write", T0, null);
        (await store.RaiseAlertAsync(alert)).Should().BeTrue();
        var acknowledged = await store.AcknowledgeAlertAsync(alert.Id);

        replicator.Calls.Select(c => c.Keys.Single()).Should().Equal(
            new ChangedKey(EntityType.Sensor, WriteTenant.Sensor(2)),
            new ChangedKey(EntityType.Alert, alert.Id),
            new ChangedKey(EntityType.Alert, alert.Id));
        (await world.DynamoDb.GetSensorAsync(WriteTenant.Sensor(2)))!.LastSeenAt.Should().Be(seen);
        (await world.DynamoDb.GetSensorAsync(WriteTenant.Sensor(2))).Should().Be(await world.Postgres.GetSensorAsync(WriteTenant.Sensor(2)));
        acknowledged!.Status.Should().Be(AlertStatus.Acknowledged);
        (await world.DynamoDb.GetAlertAsync(alert.Id)).Should().Be(acknowledged);
    }

    [Fact]
    public async Task The_primarys_exception_propagates_and_nothing_is_copied_to_the_secondary()
    {
        var (store, replicator, _) = Create();
        using var activities = new ActivityRecorder();
        var zone = (await world.Postgres.GetZoneAsync(WriteTenant.ZoneId))!;
        var tenantBefore = await world.DynamoDb.GetTenantAsync(WriteTenant.TenantId);

        var duplicate = () => store.CreateTenantAsync(new Tenant(WriteTenant.TenantId, "Again", "dw-again", "ACTIVE", T0, T0)).AsTask();
        var stale = () => store.UpdateZoneAsync(zone with { Name = "Renamed", UpdatedAt = zone.UpdatedAt.AddSeconds(-1) }).AsTask();

        await duplicate.Should().ThrowAsync<EntityConflictException>();
        await stale.Should().ThrowAsync<StaleVersionException>();
        replicator.Calls.Should().BeEmpty();
        activities.Started.Should().NotContain(a => a.EndsWith(" CreateTenant", StringComparison.Ordinal) || a.EndsWith(" UpdateZone", StringComparison.Ordinal));
        (await world.DynamoDb.GetTenantAsync(WriteTenant.TenantId)).Should().Be(tenantBefore);
        (await world.DynamoDb.GetZoneAsync(WriteTenant.ZoneId))!.Name.Should().Be(zone.Name);
    }

    [Fact]
    public async Task A_secondary_that_cannot_be_reached_never_fails_the_write_and_the_failure_is_counted_and_logged()
    {
        // A real DynamoDB client pointed at a loopback port nobody listens on: every copy fails to connect.
        using var unreachable = DynamoDbServer.CreateClient("http://127.0.0.1:" + LoopbackPorts.Free());
        var replicator = new TestCopyReplicator(world.Postgres, world.DataSource, unreachable, world.TableName);
        using var telemetry = new CutoverTelemetry(replicator);
        using var metrics = new MetricsRecorder(telemetry);
        var logger = new CapturingLogger();
        var store = new DualWriteParkingStore(world.Postgres, world.DynamoDb, ParkingStoreKind.Postgres, replicator, new DualWriteOptions(), telemetry, logger);
        var leave = new SensorEvent("dw-evt-leave-3", T0.AddMinutes(5), WriteTenant.TenantId, WriteTenant.Sensor(3), EventKinds.Leave, null);

        var result = await store.RecordEventAsync(leave);

        result.Created.Should().BeTrue();
        (await world.Postgres.ListSensorEventsAsync(WriteTenant.Sensor(3), new TimeRange(T0, T0.AddHours(1)))).Items.Should().ContainSingle(e => e.Id == leave.Id);
        (await world.DynamoDb.ListSensorEventsAsync(WriteTenant.Sensor(3), new TimeRange(T0, T0.AddHours(1)))).Items.Should().BeEmpty("the copy failed");
        metrics.Sum(CutoverTelemetry.SecondaryWriteFailuresName).Should().Be(1);
        metrics.Measurements.Single(m => m.Name == CutoverTelemetry.SecondaryWriteFailuresName).Tags[CutoverTelemetry.OperationTag].Should().Be("RecordEvent");
        logger.Entries.Should().ContainSingle(e => e.Id.Id == 6001).Which.Message.Should().Contain("RecordEvent").And.Contain("EVENT dw-evt-leave-3@").And.Contain("BAY " + WriteTenant.Bay(3));
        metrics.Observe();
        (await telemetry.ReadPendingAsync(default)).Should().Be(1);
        metrics.Observe();
        metrics.Measurements.Where(m => m.Name == CutoverTelemetry.PendingSecondaryWritesName).Select(m => m.Value).Should().Contain(1, "the gauge reports the replication's pending count");
    }

    [Fact]
    public async Task Reads_come_from_the_primary_and_a_planted_difference_is_a_counted_and_logged_mismatch_that_never_changes_the_answer()
    {
        var bayId = WriteTenant.Bay(4);
        var bay = (await world.DynamoDb.GetBayAsync(bayId))!;
        await world.Client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = world.TableName,
            Key = new Dictionary<string, AttributeValue> { [ParkingTable.Pk] = new(ParkingKeys.Zone(bay.ZoneId)), [ParkingTable.Sk] = new(ParkingKeys.BaySort(bay.Code, bay.Id)) },
            UpdateExpression = "SET #code = :code",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#code"] = ParkingTable.BayNumber },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":code"] = new("PLANTED") },
        });
        (await world.DynamoDb.GetBayAsync(bayId))!.Code.Should().Be("PLANTED", "the secondary now holds another answer");
        var expected = await world.Postgres.GetBayAsync(bayId);
        var expectedZone = await world.Postgres.GetZoneWithBaysAsync(WriteTenant.ZoneId);

        // No shadow reads: the primary's answer, the secondary not read.
        var (unshadowed, _, quiet) = Create(shadowReadRate: 0);
        (await unshadowed.GetBayAsync(bayId)).Should().Be(expected).And.NotBeNull();
        quiet.ShadowReads.Should().Be(0);

        // Every read shadowed: still the primary's answer; the mismatch is counted per access pattern and logged with the key.
        var logger = new CapturingLogger();
        var replicator = new TestCopyReplicator(world.Postgres, world.DataSource, world.Client, world.TableName);
        using var telemetry = new CutoverTelemetry(replicator);
        using var metrics = new MetricsRecorder(telemetry);
        var store = new DualWriteParkingStore(world.Postgres, world.DynamoDb, ParkingStoreKind.Postgres, replicator, new DualWriteOptions { ShadowReadRate = 1 }, telemetry, logger);

        (await store.GetBayAsync(bayId)).Should().Be(expected);
        var zone = await store.GetZoneWithBaysAsync(WriteTenant.ZoneId);
        zone!.Zone.Should().Be(expectedZone!.Zone);
        zone.Bays.Should().Equal(expectedZone.Bays);
        (await store.GetSensorAsync(WriteTenant.Sensor(4))).Should().Be(await world.Postgres.GetSensorAsync(WriteTenant.Sensor(4)));

        metrics.Sum(CutoverTelemetry.ShadowReadsName).Should().Be(3);
        metrics.Sum(CutoverTelemetry.ShadowMismatchesName).Should().Be(2);
        metrics.Sum(CutoverTelemetry.ShadowMismatchesName, "bay-by-id").Should().Be(1);
        metrics.Sum(CutoverTelemetry.ShadowMismatchesName, "zone-with-bays").Should().Be(1);
        metrics.Sum(CutoverTelemetry.ShadowMismatchesName, "sensor-by-id").Should().Be(0, "the sensor is the same on both stores");
        (telemetry.ShadowReads, telemetry.ShadowMismatches).Should().Be((3, 2));
        var warnings = logger.Entries.Where(e => e.Id.Id == 6002).Select(e => e.Message).ToList();
        warnings.Should().HaveCount(2);
        warnings.Should().ContainSingle(m => m.Contains("bay-by-id", StringComparison.Ordinal)).Which.Should().Contain("key BAY " + bayId).And.Contain("bayId=" + bayId);
        warnings.Should().ContainSingle(m => m.Contains("zone-with-bays", StringComparison.Ordinal)).Which.Should().Contain("BAY " + bayId);
        logger.Entries.Should().OnlyContain(e => e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task A_difference_that_settles_on_recheck_is_no_mismatch_and_one_that_stays_is_one()
    {
        // A bay that differs on DynamoDB, as a write in flight leaves it for a moment: the shadow read differs, waits on the store's clock,
        // reads both stores again. Repaired meanwhile (the copy landed): no mismatch. Still different after every recheck: a mismatch.
        var bayId = WriteTenant.Bay(5);
        var bay = (await world.DynamoDb.GetBayAsync(bayId))!;
        var key = new Dictionary<string, AttributeValue> { [ParkingTable.Pk] = new(ParkingKeys.Zone(bay.ZoneId)), [ParkingTable.Sk] = new(ParkingKeys.BaySort(bay.Code, bay.Id)) };
        Task SetCodeAsync(string code) => world.Client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = world.TableName,
            Key = key,
            UpdateExpression = "SET #code = :code",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#code"] = ParkingTable.BayNumber },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":code"] = new(code) },
        });

        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0);
        var logger = new CapturingLogger();
        var replicator = new TestCopyReplicator(world.Postgres, world.DataSource, world.Client, world.TableName);
        using var telemetry = new CutoverTelemetry(replicator);
        var store = new DualWriteParkingStore(
            world.Postgres, world.DynamoDb, ParkingStoreKind.Postgres, replicator, new DualWriteOptions { ShadowReadRate = 1 }, telemetry, logger, clock);

        await SetCodeAsync("IN-FLIGHT");
        var settled = store.GetBayAsync(bayId).AsTask();
        for (var waited = 0; telemetry.ShadowReads == 0 && waited < 3000; waited += 10)
        {
            await Task.Delay(10);
        }

        telemetry.ShadowReads.Should().Be(1, "the first comparison ran and waits for its recheck");
        settled.IsCompleted.Should().BeFalse("a differing read waits on the clock before its recheck");
        await SetCodeAsync(bay.Code);

        // The comparison counts its read before it starts waiting: advance until the wait has seen the clock move (a bounded loop; one
        // advance made before the wait registered its timer would leave it waiting for ever).
        await AdvanceUntilDoneAsync(clock, settled, new DualWriteOptions().ShadowRecheckDelay);
        (await settled).Should().Be(await world.Postgres.GetBayAsync(bayId));
        telemetry.ShadowMismatches.Should().Be(0, "the difference settled on the first recheck");
        logger.Entries.Should().ContainSingle(e => e.Id.Id == 6005).Which.Message.Should().Contain("bay-by-id").And.Contain("recheck 1");

        await SetCodeAsync("PLANTED-FOR-GOOD");
        var stays = store.GetBayAsync(bayId).AsTask();
        await AdvanceUntilDoneAsync(clock, stays, TimeSpan.FromMilliseconds(50));

        (await stays)!.Code.Should().Be(bay.Code, "the primary's answer, whatever the secondary holds");
        (telemetry.ShadowReads, telemetry.ShadowMismatches).Should().Be((2, 1));
        logger.Entries.Should().ContainSingle(e => e.Id.Id == 6002).Which.Message.Should().Contain("key BAY " + bayId);
        await SetCodeAsync(bay.Code);
    }

    private static async Task AdvanceUntilDoneAsync(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, Task task, TimeSpan step)
    {
        for (var i = 0; !task.IsCompleted && i < 3000; i++)
        {
            clock.Advance(step);
            await Task.Delay(10);
        }

        task.IsCompleted.Should().BeTrue("the shadow read finishes once the store's clock has moved past its rechecks (30 s at most)");
    }

    private (DualWriteParkingStore Store, TestCopyReplicator Replicator, CutoverTelemetry Telemetry) Create(double shadowReadRate = 0)
    {
        var replicator = new TestCopyReplicator(world.Postgres, world.DataSource, world.Client, world.TableName);
        var telemetry = new CutoverTelemetry(replicator);
        var store = new DualWriteParkingStore(
            world.Postgres, world.DynamoDb, ParkingStoreKind.Postgres, replicator, new DualWriteOptions { ShadowReadRate = shadowReadRate }, telemetry);
        return (store, replicator, telemetry);
    }
}
