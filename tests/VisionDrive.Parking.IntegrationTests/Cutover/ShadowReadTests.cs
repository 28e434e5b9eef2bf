using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using VisionDrive.Parking.Cutover;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb;
using VisionDrive.Parking.Datasets;

namespace VisionDrive.Parking.IntegrationTests.Cutover;

/// <summary>
/// Shadow reads over the guide data just migrated (nothing written in this world): at rate 1.0 every access pattern agrees in canonical form
/// on both stores; sampling follows the rate; a secondary that fails is a shadow error, never a mismatch nor a failed read.
/// </summary>
public sealed class ShadowReadTests(DualWriteWorld world) : IClassFixture<DualWriteWorld>
{
    private static readonly TimeRange January2026 = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(ParkingStoreKind.Postgres)]
    [InlineData(ParkingStoreKind.DynamoDb)]
    public async Task At_rate_1_every_access_pattern_over_the_migrated_guide_data_agrees_on_both_stores(ParkingStoreKind primary)
    {
        var logger = new CapturingLogger();
        var (store, telemetry, metrics) = Create(primary, 1.0, logger);
        using var _ = telemetry;
        using var __ = metrics;

        var reads = await ReadEverythingAsync(store);

        logger.Entries.Where(e => e.Id.Id is 6002 or 6003).Select(e => e.Message).Should().BeEmpty();
        metrics.Sum(CutoverTelemetry.ShadowMismatchesName).Should().Be(0);
        metrics.Sum(CutoverTelemetry.ShadowErrorsName).Should().Be(0);
        metrics.Sum(CutoverTelemetry.ShadowReadsName).Should().Be(reads).And.BeGreaterThan(GuideDataset.ZoneCount + GuideDataset.BayCount + GuideDataset.SensorCount);
        metrics.Sum(CutoverTelemetry.ShadowReadsName, "zone-with-bays").Should().Be(GuideDataset.ZoneCount);
        (telemetry.ShadowReads, telemetry.ShadowMismatches).Should().Be((reads, 0));
    }

    [Fact]
    public async Task The_rate_decides_which_reads_are_shadowed_and_continued_listings_are_never_shadowed()
    {
        var draws = new Queue<double>([0.10, 0.90, 0.49, 0.50, 0.99]);
        var replicator = new TestCopyReplicator(world.Postgres, world.DataSource, world.Client, world.TableName);
        using var telemetry = new CutoverTelemetry(replicator);
        var store = new DualWriteParkingStore(world.Postgres, world.DynamoDb, ParkingStoreKind.Postgres, replicator, new DualWriteOptions { ShadowReadRate = 0.5 }, telemetry, sample: draws.Dequeue);

        for (var i = 0; i < 5; i++)
        {
            (await store.GetZoneAsync(GuideDataset.FirstZoneId)).Should().NotBeNull();
        }

        telemetry.ShadowReads.Should().Be(2, "the draws 0.10 and 0.49 are below the rate 0.5");

        var always = new DualWriteParkingStore(world.Postgres, world.DynamoDb, ParkingStoreKind.Postgres, replicator, new DualWriteOptions { ShadowReadRate = 1 }, telemetry);
        var first = await always.ListZonesByTenantAsync(GuideDataset.TenantId, new PageRequest(10));
        var second = await always.ListZonesByTenantAsync(GuideDataset.TenantId, new PageRequest(10, first.ContinuationToken));
        second.Items.Should().Equal((await world.Postgres.ListZonesByTenantAsync(GuideDataset.TenantId, new PageRequest(10, first.ContinuationToken))).Items);
        telemetry.ShadowReads.Should().Be(3, "a continuation token belongs to the primary: only the first page is shadowed");
        telemetry.ShadowMismatches.Should().Be(0);
    }

    [Fact]
    public async Task A_failing_secondary_read_is_a_shadow_error_not_a_mismatch_and_the_caller_gets_the_primarys_answer()
    {
        // A real DynamoDB store over a table that does not exist: every read fails on DynamoDB Local.
        var missing = new DynamoDbParkingStore(world.Client, new DynamoDbStoreOptions { TableName = "vdp-cutover-missing-" + Guid.NewGuid().ToString("N") });
        var replicator = new TestCopyReplicator(world.Postgres, world.DataSource, world.Client, world.TableName);
        using var telemetry = new CutoverTelemetry(replicator);
        using var metrics = new MetricsRecorder(telemetry);
        var logger = new CapturingLogger();
        var store = new DualWriteParkingStore(world.Postgres, missing, ParkingStoreKind.Postgres, replicator, new DualWriteOptions { ShadowReadRate = 1 }, telemetry, logger);

        var tenant = await store.GetTenantBySlugAsync(GuideDataset.TenantSlug);
        var zones = await store.ListZonesByTenantAsync(GuideDataset.TenantId);

        tenant.Should().Be(await world.Postgres.GetTenantBySlugAsync(GuideDataset.TenantSlug)).And.NotBeNull();
        zones.Items.Should().Equal((await world.Postgres.ListZonesByTenantAsync(GuideDataset.TenantId)).Items);
        metrics.Sum(CutoverTelemetry.ShadowErrorsName).Should().Be(2);
        metrics.Sum(CutoverTelemetry.ShadowErrorsName, "tenant-by-slug").Should().Be(1);
        metrics.Sum(CutoverTelemetry.ShadowMismatchesName).Should().Be(0);
        telemetry.ShadowMismatches.Should().Be(0);
        logger.Entries.Where(e => e.Id.Id == 6003).Should().HaveCount(2).And.Contain(e => e.Message.Contains("slug=" + GuideDataset.TenantSlug, StringComparison.Ordinal));
    }

    private (DualWriteParkingStore Store, CutoverTelemetry Telemetry, MetricsRecorder Metrics) Create(ParkingStoreKind primary, double rate, CapturingLogger logger)
    {
        var replicator = new TestCopyReplicator(world.Postgres, world.DataSource, world.Client, world.TableName);
        var telemetry = new CutoverTelemetry(replicator);
        var metrics = new MetricsRecorder(telemetry);
        IParkingStore first = primary == ParkingStoreKind.Postgres ? world.Postgres : world.DynamoDb;
        IParkingStore second = primary == ParkingStoreKind.Postgres ? world.DynamoDb : world.Postgres;
        return (new DualWriteParkingStore(first, second, primary, replicator, new DualWriteOptions { ShadowReadRate = rate }, telemetry, logger), telemetry, metrics);
    }

    /// <summary>Every read access pattern over the guide tenant; returns how many reads it made.</summary>
    private static async Task<long> ReadEverythingAsync(IParkingStore store)
    {
        long reads = 0;
        var all = new PageRequest(PageRequest.MaxLimit);
        (await store.GetTenantAsync(GuideDataset.TenantId)).Should().NotBeNull();
        (await store.GetTenantBySlugAsync(GuideDataset.TenantSlug)).Should().NotBeNull();
        (await store.GetTenantAsync("no-such-tenant")).Should().BeNull();
        reads += 3;

        var sites = (await store.ListSitesByTenantAsync(GuideDataset.TenantId, all)).Items;
        reads++;
        foreach (var site in sites)
        {
            (await store.GetSiteAsync(site.Id)).Should().NotBeNull();
            await store.ListZonesBySiteAsync(site.Id, all);
            reads += 2;
        }

        var zones = (await store.ListZonesByTenantAsync(GuideDataset.TenantId, all)).Items;
        reads++;
        zones.Should().HaveCount(GuideDataset.ZoneCount);
        var alertStatuses = new[] { AlertStatus.Open, AlertStatus.Acknowledged, AlertStatus.Resolved };
        foreach (var zone in zones)
        {
            (await store.GetZoneAsync(zone.Id)).Should().NotBeNull();
            var withBays = await store.GetZoneWithBaysAsync(zone.Id);
            var sensors = (await store.ListSensorsByZoneAsync(zone.Id, all)).Items;
            await store.ListAlertsByZoneAsync(zone.Id, all);
            reads += 4;
            foreach (var bay in withBays!.Bays)
            {
                (await store.GetBayAsync(bay.Id)).Should().NotBeNull();
                reads++;
            }

            foreach (var sensor in sensors)
            {
                (await store.GetSensorAsync(sensor.Id)).Should().NotBeNull();
                (await store.GetSensorByDevEuiAsync(sensor.DevEui)).Should().NotBeNull();
                await store.ListSensorEventsAsync(sensor.Id, January2026, all);
                await store.ListAlertsBySensorAsync(sensor.Id, all);
                reads += 4;
            }
        }

        foreach (var status in alertStatuses)
        {
            foreach (var alert in (await store.ListAlertsByStatusAsync(GuideDataset.TenantId, status, all)).Items)
            {
                (await store.GetAlertAsync(alert.Id)).Should().NotBeNull();
                reads++;
            }

            reads++;
        }

        (await store.ListTenantEventsAsync(GuideDataset.TenantId, January2026, all)).Items.Should().NotBeEmpty();
        reads++;
        return reads;
    }
}
