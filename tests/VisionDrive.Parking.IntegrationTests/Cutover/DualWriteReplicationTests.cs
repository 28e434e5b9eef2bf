using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VisionDrive.Parking.Cutover;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.Keys;
using VisionDrive.Parking.IntegrationTests.Conformance;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Cutover;

/// <summary>
/// The dual-write store as the application registers it (<c>AddVisionDriveParkingDualWrite</c>), with the REAL replication of each
/// direction (outbox while PostgreSQL is primary, direct copy confirmed by the stream while DynamoDB is primary).
/// </summary>
public sealed class DualWriteReplicationTests(DualWriteWorld world) : IClassFixture<DualWriteWorld>
{
    private static readonly DateTimeOffset T0 = new(2030, 4, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Writes_through_the_registered_store_reach_the_secondary_in_both_directions_and_leave_nothing_pending()
    {
        // PostgreSQL primary: the write and its outbox rows in one transaction, copied at once, the rows deleted.
        await using (var provider = Provider("Postgres"))
        {
            await provider.GetRequiredService<IParkingStoreProvisioner>().EnsureCreatedAsync();
            var store = provider.GetRequiredService<IParkingStore>();
            store.Should().BeOfType<DualWriteParkingStore>();
            var arrive = new SensorEvent("dwr-arrive-6", T0, WriteTenant.TenantId, WriteTenant.Sensor(6), EventKinds.Arrive, null);

            (await store.RecordEventAsync(arrive)).Should().Be(new RecordEventResult(true, true));
            (await store.TouchLastSeenAsync(WriteTenant.Sensor(6), T0)).Should().BeTrue();

            (await world.DynamoDb.ListSensorEventsAsync(WriteTenant.Sensor(6), new TimeRange(T0, T0.AddSeconds(1)))).Items.Should().ContainSingle(e => e.Id == arrive.Id);
            (await world.DynamoDb.GetBayAsync(WriteTenant.Bay(6))).Should().Be(await world.Postgres.GetBayAsync(WriteTenant.Bay(6)));
            (await world.DynamoDb.GetSensorAsync(WriteTenant.Sensor(6))).Should().Be(await world.Postgres.GetSensorAsync(WriteTenant.Sensor(6)));
            (await CutoverStatusReader.ReadPendingSecondaryWritesAsync(world.DataSource)).Should().Be(0, "the decorator's copy deleted the outbox rows it applied");
            (await provider.GetRequiredService<ICutoverStatusSource>().GetStatusAsync()).PendingSecondaryWrites.Should().Be(0);
        }

        // DynamoDB primary: the write on DynamoDB, copied directly to PostgreSQL.
        await using (var provider = Provider("DynamoDb"))
        {
            var store = provider.GetRequiredService<IParkingStore>();
            var leave = new SensorEvent("dwr-leave-6", T0.AddMinutes(1), WriteTenant.TenantId, WriteTenant.Sensor(6), EventKinds.Leave, null);

            (await store.RecordEventAsync(leave)).Should().Be(new RecordEventResult(true, true));

            (await world.Postgres.ListSensorEventsAsync(WriteTenant.Sensor(6), new TimeRange(T0, T0.AddHours(1)))).Items.Should().Contain(e => e.Id == leave.Id);
            var bay = await world.Postgres.GetBayAsync(WriteTenant.Bay(6));
            bay!.Status.Should().Be(BayStatus.Vacant);
            bay.Should().Be(await world.DynamoDb.GetBayAsync(WriteTenant.Bay(6)));
            (await CutoverStatusReader.ReadPendingSecondaryWritesAsync(world.DataSource)).Should().Be(0, "a DynamoDB primary writes no outbox rows");
        }
    }

    private ServiceProvider Provider(string primary)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Parking:Store"] = "DualWrite",
            ["Parking:DualWrite:Primary"] = primary,
            ["Parking:Postgres:ConnectionString"] = world.ConnectionString,
            ["Parking:DynamoDb:Table"] = world.TableName,
            ["Parking:DynamoDb:ServiceUrl"] = world.ServiceUrl,
            ["Parking:DynamoDb:ConsistentReads"] = "true",
            ["Parking:DynamoDb:EventRetention"] = TestDates.DatasetRetention.ToString(),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddVisionDriveParkingDualWrite(configuration.GetSection("Parking"));
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }
}
