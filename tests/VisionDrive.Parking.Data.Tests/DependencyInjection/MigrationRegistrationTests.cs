using System;
using System.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VisionDrive.Parking.Data.DynamoDb;
using VisionDrive.Parking.Migration;

namespace VisionDrive.Parking.Data.Tests.DependencyInjection;

/// <summary>
/// <c>AddVisionDriveParkingMigration</c>: the engine and its options from the container, validated at start-up. Nothing connects: building a
/// data source and a DynamoDB client opens no connection.
/// </summary>
public class MigrationRegistrationTests
{
    private const string Source = "Host=127.0.0.1;Port=1;Database=vdp;Username=vdp;SSL Mode=VerifyFull";

    [Fact]
    public void The_engine_resolves_as_one_singleton_on_the_stores_table_with_every_configuration_applied()
    {
        var services = new ServiceCollection();
        services.AddVisionDriveParkingPostgres(o => o.ConnectionString = Source);
        services.AddVisionDriveParkingDynamoDb(o =>
        {
            o.TableName = "store-table";
            o.ServiceUrl = "http://127.0.0.1:1";
            o.EventRetention = TimeSpan.FromDays(30);
        });
        services.AddVisionDriveParkingMigration(o => o.StateDirectory = "state-a");
        var configures = services.Count(d => d.ServiceType == typeof(IConfigureOptions<MigrationOptions>));
        services.AddVisionDriveParkingMigration(o => o.Parallelism = 8);

        services.Count(d => d.ServiceType == typeof(MigrationEngine)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IValidateOptions<MigrationOptions>)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IConfigureOptions<MigrationOptions>)).Should().Be(configures + 1, "only the second configure action is new");
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate();

        var options = provider.GetRequiredService<IOptions<MigrationOptions>>().Value;
        options.TableName.Should().Be("store-table", "the migration starts from the store's table");
        options.EventRetention.Should().Be(TimeSpan.FromDays(30), "and from the store's retention");
        options.StateDirectory.Should().Be("state-a");
        options.Parallelism.Should().Be(8);
        options.SourceReconnectAttempts.Should().Be(MigrationOptions.DefaultSourceReconnectAttempts);
        provider.GetRequiredService<MigrationEngine>().Should().BeSameAs(provider.GetRequiredService<MigrationEngine>());
    }

    [Fact]
    public void The_callers_table_wins_over_the_stores_and_the_defaults_are_the_shared_constants()
    {
        var services = new ServiceCollection();
        services.AddVisionDriveParkingMigration(o => o.TableName = "migration-table");
        services.AddVisionDriveParkingDynamoDb(o => o.TableName = "store-table");
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<MigrationOptions>>().Value;
        options.TableName.Should().Be("migration-table");
        options.EventRetention.Should().Be(ParkingDefaults.EventRetention);
        options.EventRetention.Should().Be(TimeSpan.FromDays(400));
        new MigrationOptions().TableName.Should().Be(ParkingDefaults.TableName).And.Be("VisionDrive-Parking");
        new DynamoDbStoreOptions().TableName.Should().Be(ParkingDefaults.TableName);
        new DynamoDbStoreOptions().EventRetention.Should().Be(ParkingDefaults.EventRetention);
        new Data.DynamoDb.Mapping.ItemMappingOptions().EventRetention.Should().Be(ParkingDefaults.EventRetention);
    }

    [Fact]
    public void Invalid_migration_options_fail_at_start_up_naming_each_option()
    {
        var services = new ServiceCollection();
        services.AddVisionDriveParkingMigration(o =>
        {
            o.StateDirectory = "";
            o.Parallelism = 0;
            o.SegmentIndex = 2;
            o.SegmentCount = 2;
            o.EventRetention = TimeSpan.Zero;
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        var failures = act.Should().Throw<OptionsValidationException>().Which.Failures.ToList();
        failures.Should().HaveCount(4);
        failures.Should().Contain(f => f.Contains("MigrationOptions.StateDirectory is empty", StringComparison.Ordinal));
        failures.Should().Contain(f => f.Contains("MigrationOptions.Parallelism must be between 1 and 64", StringComparison.Ordinal));
        failures.Should().Contain(f => f.Contains("MigrationOptions.SegmentIndex 2 of 2 segments is invalid", StringComparison.Ordinal));
        failures.Should().Contain(f => f.Contains("MigrationOptions.EventRetention is 00:00:00; it must be positive", StringComparison.Ordinal));
    }

    [Fact]
    public void The_engine_constructor_checks_the_same_rules()
    {
        var act = () => new MigrationOptions { SourceReconnectAttempts = 101, ScanSegments = 65 }.Validate();

        act.Should().Throw<ArgumentException>()
            .Which.Message.Should().Contain("MigrationOptions.SourceReconnectAttempts must be between 0 and 100")
            .And.Contain("MigrationOptions.ScanSegments must be between 1 and 64");
        new MigrationOptions().Invoking(o => o.Validate()).Should().NotThrow();
    }

    [Fact]
    public void Without_the_store_registrations_the_engine_says_which_to_add()
    {
        var services = new ServiceCollection();
        services.AddVisionDriveParkingDynamoDb(o => o.ServiceUrl = "http://127.0.0.1:1");
        services.AddVisionDriveParkingMigration(_ => { });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<MigrationEngine>();

        act.Should().Throw<InvalidOperationException>().WithMessage("*AddVisionDriveParkingPostgres(…) (missing)*AddVisionDriveParkingDynamoDb*");
    }
}
