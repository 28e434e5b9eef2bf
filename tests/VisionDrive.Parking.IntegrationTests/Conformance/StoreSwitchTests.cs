using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.Datasets;

namespace VisionDrive.Parking.IntegrationTests.Conformance;

/// <summary>
/// The migration guide's rollback plan as a configuration change: the application's switch on <c>Parking:Store</c> (as in
/// docs/access-patterns.md) puts either store behind the interfaces, and both answer the same.
/// </summary>
public sealed class StoreSwitchTests(DynamoDbConformanceWorld world) : IClassFixture<DynamoDbConformanceWorld>
{
    [Fact]
    public async Task Parking_Store_in_configuration_selects_the_store_and_both_answer_the_same()
    {
        var answers = new List<(Type Store, Tenant? Tenant, IReadOnlyList<Zone> Zones)>();
        foreach (var kind in new[] { "DynamoDb", "Postgres" })
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Parking:Store"] = kind,
                ["Parking:DynamoDb:Table"] = world.TableName,
                ["Parking:DynamoDb:ServiceUrl"] = world.ServiceUrl,
                ["Parking:Postgres:ConnectionString"] = world.ReferenceConnectionString,
            }).Build();
            var services = new ServiceCollection().AddLogging();
            AddParkingStore(services, configuration);

            await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
            provider.GetRequiredService<IStartupValidator>().Validate();
            var store = provider.GetRequiredService<IParkingStore>();
            provider.GetRequiredService<ITenantStore>().Should().BeSameAs(store);
            provider.GetRequiredService<IAlertStore>().Should().BeSameAs(store);
            answers.Add((store.GetType(), await store.GetTenantBySlugAsync(GuideDataset.TenantSlug), (await provider.GetRequiredService<IZoneStore>().ListZonesByTenantAsync(GuideDataset.TenantId, new PageRequest(100))).Items));
        }

        answers[0].Store.Should().Be<DynamoDbParkingStore>();
        answers[1].Store.Should().Be<PostgresParkingStore>();
        answers[0].Tenant.Should().NotBeNull().And.Be(answers[1].Tenant);
        answers[0].Zones.Should().HaveCount(GuideDataset.ZoneCount).And.Equal(answers[1].Zones);
    }

    [Fact]
    public void The_table_name_binds_from_Table_or_TableName()
    {
        var services = new ServiceCollection();
        services.AddVisionDriveParkingDynamoDb(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TableName"] = "ignored-when-Table-is-set",
            ["Table"] = "Parking-Table",
            ["Region"] = "eu-west-1",
            ["ConsistentReads"] = "true",
            ["EventRetention"] = "30.00:00:00",
        }).Build());
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<DynamoDbStoreOptions>>().Value;
        options.TableName.Should().Be("Parking-Table");
        options.Region.Should().Be("eu-west-1");
        options.ConsistentReads.Should().BeTrue();
        options.EventRetention.Should().Be(TimeSpan.FromDays(30));
    }

    [Fact]
    public void Postgres_options_are_validated_at_start_up_with_the_data_source_messages()
    {
        foreach (var (connectionString, expected) in new[]
        {
            ("", "ConnectionString is empty"),
            ("Host=localhost;Database=vdp;Username=vdp;SSL Mode=Require", "does not verify the server's certificate"),
        })
        {
            var services = new ServiceCollection();
            services.AddVisionDriveParkingPostgres(o => o.ConnectionString = connectionString);
            using var provider = services.BuildServiceProvider();

            var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

            act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(expected)
                .And.NotContain("Parking:Postgres", "options set in code come from no configuration section").And.NotContain("(Parameter");
        }
    }

    [Fact]
    public void Validation_names_the_configuration_section_only_when_the_options_were_bound_from_one()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Parking:Postgres:ConnectionString"] = "Host=localhost;Database=vdp;Username=vdp;SSL Mode=Require",
            ["Parking:DynamoDb:Table"] = "x",
        }).Build();
        var bound = new ServiceCollection()
            .AddVisionDriveParkingPostgres(configuration.GetSection("Parking:Postgres"))
            .AddVisionDriveParkingDynamoDb(configuration.GetSection("Parking:DynamoDb"));
        var inCode = new ServiceCollection()
            .AddVisionDriveParkingPostgres(o => o.ConnectionString = "Host=localhost;Database=vdp;Username=vdp;SSL Mode=Require")
            .AddVisionDriveParkingDynamoDb(o => o.TableName = "x");
        using var boundProvider = bound.BuildServiceProvider();
        using var inCodeProvider = inCode.BuildServiceProvider();

        // Both stores fail: the start-up validator throws one AggregateException holding both.
        var fromConfiguration = string.Join("\n", FluentActions.Invoking(() => boundProvider.GetRequiredService<IStartupValidator>().Validate())
            .Should().Throw<AggregateException>().Which.InnerExceptions.Select(e => e.Message));
        var fromCode = string.Join("\n", FluentActions.Invoking(() => inCodeProvider.GetRequiredService<IStartupValidator>().Validate())
            .Should().Throw<AggregateException>().Which.InnerExceptions.Select(e => e.Message));

        fromConfiguration.Should().Contain("configuration section 'Parking:Postgres'").And.Contain("configuration section 'Parking:DynamoDb'")
            .And.Contain("does not verify the server's certificate").And.Contain("TableName 'x'");
        fromCode.Should().Contain("does not verify the server's certificate").And.Contain("TableName 'x'")
            .And.NotContain("Parking:").And.NotContain("configuration section").And.NotContain("(Parameter");
    }

    [Fact]
    public void A_second_Postgres_registration_registers_nothing_twice_and_the_first_store_keeps_the_interfaces()
    {
        var services = new ServiceCollection();
        services.AddVisionDriveParkingPostgres(o => o.ConnectionString = world.ReferenceConnectionString);
        services.AddVisionDriveParkingPostgres(o => o.AllowInsecureTls = false);
        services.AddVisionDriveParkingDynamoDb(o => o.ServiceUrl = world.ServiceUrl);

        services.Count(d => d.ServiceType == typeof(IParkingStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(PostgresParkingStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IEventStore)).Should().Be(1);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IParkingStore>().Should().BeOfType<PostgresParkingStore>();
        provider.GetRequiredService<DynamoDbParkingStore>().Should().NotBeNull("each store stays resolvable by its own type");
    }

    /// <summary>The application's switch, exactly as docs/access-patterns.md shows it.</summary>
    private static void AddParkingStore(IServiceCollection services, IConfiguration configuration)
    {
        var parking = configuration.GetSection("Parking");
        switch (parking["Store"])
        {
            case "DynamoDb": services.AddVisionDriveParkingDynamoDb(parking.GetSection("DynamoDb")); break;
            case "Postgres": services.AddVisionDriveParkingPostgres(parking.GetSection("Postgres")); break;
            default: throw new InvalidOperationException("Set Parking:Store to DynamoDb or Postgres.");
        }
    }
}
