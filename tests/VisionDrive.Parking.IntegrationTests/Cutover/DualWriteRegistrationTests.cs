using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VisionDrive.Parking.Cutover;
using VisionDrive.Parking.Cutover.Replication;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.Datasets;

namespace VisionDrive.Parking.IntegrationTests.Cutover;

/// <summary>
/// <c>AddVisionDriveParkingDualWrite</c> from the configuration keys the samples use (<c>Parking:Store</c>, <c>Parking:DualWrite:*</c>,
/// <c>Parking:Postgres:*</c>, <c>Parking:DynamoDb:*</c>), against the real servers of <see cref="DualWriteWorld"/>.
/// </summary>
public sealed class DualWriteRegistrationTests(DualWriteWorld world) : IClassFixture<DualWriteWorld>
{
    [Fact]
    public async Task DualWrite_with_DynamoDb_primary_resolves_the_dual_write_store_behind_every_interface_reading_from_DynamoDb()
    {
        var services = Services(new() { ["Parking:Store"] = "DualWrite", ["Parking:DualWrite:Primary"] = "DynamoDb", ["Parking:DualWrite:ShadowReadRate"] = "1" });
        // The replication is plugged in by the coordinator at merge (ReplicationRegistration); here a test copy stands in for it.
        services.AddSingleton<ISecondaryReplicator>(sp => new TestCopyReplicator(world.Postgres, world.DataSource, world.Client, world.TableName));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        provider.GetRequiredService<IStartupValidator>().Validate();

        var store = provider.GetRequiredService<IParkingStore>().Should().BeOfType<DualWriteParkingStore>().Subject;
        foreach (var aggregate in new[] { typeof(ITenantStore), typeof(ISiteStore), typeof(IZoneStore), typeof(ISensorStore), typeof(IEventStore), typeof(IAlertStore) })
        {
            provider.GetRequiredService(aggregate).Should().BeSameAs(store, aggregate.Name);
        }

        store.Primary.Should().BeSameAs(provider.GetRequiredService<DynamoDbParkingStore>());
        store.Secondary.Should().BeSameAs(provider.GetRequiredService<PostgresParkingStore>());
        provider.GetRequiredService<IOptions<DualWriteOptions>>().Value.ShadowReadRate.Should().Be(1);
        (await store.GetTenantBySlugAsync(GuideDataset.TenantSlug)).Should().NotBeNull();
        var status = await provider.GetRequiredService<ICutoverStatusSource>().GetStatusAsync();
        status.Should().Be(new CutoverStatus("DualWrite", "DynamoDb", 0, 1, 0));
        JsonSerializer.Serialize(status).Should().Be("{\"phase\":\"DualWrite\",\"primary\":\"DynamoDb\",\"pendingSecondaryWrites\":0,\"shadowReads\":1,\"shadowMismatches\":0}");
        provider.GetRequiredService<IParkingStoreProvisioner>().GetType().Name.Should().NotBe("PostgresStoreProvisioner").And.NotBe("DynamoDbStoreProvisioner", "a dual write provisions both stores");
        await provider.GetRequiredService<IParkingStoreProvisioner>().EnsureCreatedAsync();
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    public void A_shadow_read_rate_outside_0_to_1_fails_at_start_up_naming_the_key(string rate)
    {
        var services = Services(new() { ["Parking:Store"] = "DualWrite", ["Parking:DualWrite:ShadowReadRate"] = rate });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("ShadowReadRate must be between 0 and 1")
            .And.Contain("configuration key 'Parking:DualWrite:ShadowReadRate'");
    }

    [Fact]
    public void A_primary_that_is_not_a_store_fails_at_start_up()
    {
        var services = Services(new() { ["Parking:Store"] = "DualWrite", ["Parking:DualWrite:Primary"] = "DualWrite" });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("DualWriteOptions.Primary is 'DualWrite'").And.Contain("Parking:DualWrite:Primary");
    }

    [Theory]
    [InlineData("Postgres", typeof(PostgresParkingStore))]
    [InlineData("dynamodb", typeof(DynamoDbParkingStore))]
    public async Task A_single_store_phase_registers_that_store_as_today_and_a_status_with_nothing_pending(string phase, Type expected)
    {
        await using var provider = Services(new() { ["Parking:Store"] = phase }).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        provider.GetRequiredService<IStartupValidator>().Validate();

        provider.GetRequiredService<IParkingStore>().Should().BeOfType(expected);
        provider.GetRequiredService<IEventStore>().Should().BeSameAs(provider.GetRequiredService<IParkingStore>());
        (await provider.GetRequiredService<IParkingStore>().GetTenantBySlugAsync(GuideDataset.TenantSlug)).Should().NotBeNull();
        var name = expected == typeof(PostgresParkingStore) ? "Postgres" : "DynamoDb";
        (await provider.GetRequiredService<ICutoverStatusSource>().GetStatusAsync()).Should().Be(new CutoverStatus(name, name, 0, 0, 0));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Oracle")]
    [InlineData("1")]
    public void A_missing_or_unknown_phase_is_refused_with_the_key_to_set(string? phase)
    {
        var act = () => Services(new() { ["Parking:Store"] = phase });

        act.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("Parking:Store is '" + (phase ?? "(not set)") + "'")
            .And.Contain("Postgres, DualWrite or DynamoDb").And.Contain("Parking__Store");
    }

    [Fact]
    public async Task The_status_reader_counts_the_outbox_rows_and_answers_0_where_there_is_no_outbox()
    {
        (await CutoverStatusReader.ReadPendingSecondaryWritesAsync(world.DataSource)).Should().Be(0, "no cutover table was created in this database");
    }

    private ServiceCollection Services(Dictionary<string, string?> settings)
    {
        settings["Parking:Postgres:ConnectionString"] = world.ConnectionString;
        settings["Parking:DynamoDb:Table"] = world.TableName;
        settings["Parking:DynamoDb:ServiceUrl"] = world.ServiceUrl;
        settings["Parking:DynamoDb:ConsistentReads"] = "true";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddVisionDriveParkingDualWrite(configuration.GetSection("Parking"));
        return services;
    }
}
