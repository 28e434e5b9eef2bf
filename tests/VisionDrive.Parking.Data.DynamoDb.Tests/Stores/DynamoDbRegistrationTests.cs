using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VisionDrive.Parking.Data.DynamoDb.Client;
using VisionDrive.Parking.Data.DynamoDb.Provisioning;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.Data.DynamoDb.Tests.Stores;

/// <summary>DI registration and options validation of the DynamoDB store.</summary>
public sealed class DynamoDbRegistrationTests(DynamoDbServer server) : IClassFixture<DynamoDbServer>
{
    [Fact]
    public async Task The_store_resolves_behind_every_interface_as_one_singleton()
    {
        var table = server.NewTableName("vdp-di");
        await new TableProvisioner(server.Client).EnsureTableAsync(table);
        var services = new ServiceCollection().AddLogging();
        services.AddVisionDriveParkingDynamoDb(o =>
        {
            o.TableName = table;
            o.ServiceUrl = server.ServiceUrl;
        });

        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        var store = provider.GetRequiredService<IParkingStore>();

        store.Should().BeOfType<DynamoDbParkingStore>().Which.TableName.Should().Be(table);
        provider.GetRequiredService<ITenantStore>().Should().BeSameAs(store);
        provider.GetRequiredService<ISiteStore>().Should().BeSameAs(store);
        provider.GetRequiredService<IZoneStore>().Should().BeSameAs(store);
        provider.GetRequiredService<ISensorStore>().Should().BeSameAs(store);
        provider.GetRequiredService<IEventStore>().Should().BeSameAs(store);
        provider.GetRequiredService<IAlertStore>().Should().BeSameAs(store);
        provider.GetRequiredService<DynamoDbParkingStore>().Should().BeSameAs(store);
        (await store.GetTenantAsync("nobody")).Should().BeNull();
    }

    [Fact]
    public void A_second_call_registers_nothing_twice_but_adds_its_configuration()
    {
        var services = new ServiceCollection();
        services.AddVisionDriveParkingDynamoDb(o => o.TableName = "first-table");
        var configures = services.Count(d => d.ServiceType == typeof(IConfigureOptions<DynamoDbStoreOptions>));
        services.AddVisionDriveParkingDynamoDb(o => o.ConsistentReads = true);

        services.Count(d => d.ServiceType == typeof(IParkingStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(ITenantStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(DynamoDbParkingStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IValidateOptions<DynamoDbStoreOptions>)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IConfigureOptions<DynamoDbStoreOptions>)).Should().Be(configures + 1, "only the second configure action is new");
        services.Count(d => d.ServiceType == typeof(Amazon.DynamoDBv2.IAmazonDynamoDB)).Should().Be(1);
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<DynamoDbStoreOptions>>().Value;
        options.TableName.Should().Be("first-table");
        options.ConsistentReads.Should().BeTrue();
    }

    [Fact]
    public void Invalid_options_fail_at_start_up_with_one_clear_message_each()
    {
        var services = new ServiceCollection();
        services.AddVisionDriveParkingDynamoDb(o =>
        {
            o.TableName = "x";
            o.Region = "";
            o.ServiceUrl = "localhost:8000";
            o.MaxConnections = 0;
            o.EventRetention = TimeSpan.Zero;
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        var failures = act.Should().Throw<OptionsValidationException>().Which.Failures.ToList();
        failures.Should().HaveCount(5);
        failures.Should().Contain(f => f.Contains("DynamoDbStoreOptions.TableName 'x' is not a valid DynamoDB table name", StringComparison.Ordinal));
        failures.Should().Contain(f => f.Contains("Region is empty", StringComparison.Ordinal));
        failures.Should().Contain(f => f.Contains("'localhost:8000' is not an absolute http(s) URL", StringComparison.Ordinal));
        failures.Should().Contain(f => f.Contains("DynamoDbStoreOptions.MaxConnections must be between 1 and 1000", StringComparison.Ordinal));
        failures.Should().Contain(f => f.Contains("DynamoDbStoreOptions.EventRetention", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_table_is_named_with_how_to_create_it_for_reads_and_writes()
    {
        var table = server.NewTableName("vdp-missing");
        var store = new DynamoDbParkingStore(server.Client, new DynamoDbStoreOptions { TableName = table });

        var read = await FluentActions.Awaiting(() => store.GetTenantAsync("t1").AsTask()).Should().ThrowAsync<ParkingDataException>();
        var list = await FluentActions.Awaiting(() => store.ListZonesByTenantAsync("t1", new PageRequest(10))).Should().ThrowAsync<ParkingDataException>();
        var write = await FluentActions.Awaiting(() => store.TouchLastSeenAsync("s1", DateTimeOffset.UnixEpoch.AddYears(56)).AsTask()).Should().ThrowAsync<ParkingDataException>();

        foreach (var message in new[] { read.Which.Message, list.Which.Message, write.Which.Message })
        {
            message.Should().Contain($"'{table}' does not exist").And.Contain("TableProvisioner.EnsureTableAsync").And.Contain("vdp provision").And.Contain(server.ServiceUrl);
        }

        read.Which.InnerException.Should().BeOfType<Amazon.DynamoDBv2.Model.ResourceNotFoundException>();
    }

    [Fact]
    public void The_store_constructor_validates_too()
    {
        var act = () => new DynamoDbParkingStore(server.Client, new DynamoDbStoreOptions { TableName = "" });
        act.Should().Throw<ArgumentException>().WithMessage("*TableName is empty*");
    }

    [Fact]
    public void The_client_factory_uses_the_endpoint_variable_when_no_url_is_set_and_the_region_otherwise()
    {
        var previous = Environment.GetEnvironmentVariable(DynamoDbStoreOptions.EndpointVariable);
        try
        {
            Environment.SetEnvironmentVariable(DynamoDbStoreOptions.EndpointVariable, "http://127.0.0.1:65001");
            var local = DynamoDbClientFactory.CreateConfig(new DynamoDbStoreOptions { MaxConnections = 128 });
            local.ServiceURL.Should().StartWith("http://127.0.0.1:65001");
            local.AuthenticationRegion.Should().Be("me-central-1");
            local.MaxConnectionsPerServer.Should().Be(128);

            var explicitUrl = DynamoDbClientFactory.CreateConfig(new DynamoDbStoreOptions { ServiceUrl = "http://localhost:8000" });
            explicitUrl.ServiceURL.Should().StartWith("http://localhost:8000");

            Environment.SetEnvironmentVariable(DynamoDbStoreOptions.EndpointVariable, null);
            var aws = DynamoDbClientFactory.CreateConfig(new DynamoDbStoreOptions { Region = "eu-west-1" });
            aws.ServiceURL.Should().BeNull();
            aws.RegionEndpoint.SystemName.Should().Be("eu-west-1");
        }
        finally
        {
            Environment.SetEnvironmentVariable(DynamoDbStoreOptions.EndpointVariable, previous);
        }
    }
}
