using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb;
using VisionDrive.Parking.Data.DynamoDb.Client;
using VisionDrive.Parking.Data.DynamoDb.DependencyInjection;
using VisionDrive.Parking.Shared;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the DynamoDB parking store (as Npgsql's <c>NpgsqlServiceCollectionExtensions</c> registers a data source).</summary>
public static class DynamoDbParkingServiceCollectionExtensions
{
    /// <summary>
    /// The service key of the store's own <see cref="IAmazonDynamoDB"/> client (a keyed singleton), so an application's unkeyed
    /// <see cref="IAmazonDynamoDB"/> registration is neither used nor replaced. The migration registration
    /// (<c>AddVisionDriveParkingMigration</c>) resolves the same client with it.
    /// </summary>
    public const string ClientServiceKey = "VisionDrive.Parking.Data.DynamoDb";

    /// <summary>
    /// Registers <see cref="DynamoDbParkingStore"/> as a singleton behind <see cref="IParkingStore"/> and each aggregate interface
    /// (<see cref="ITenantStore"/>, <see cref="ISiteStore"/>, <see cref="IZoneStore"/>, <see cref="ISensorStore"/>, <see cref="IEventStore"/>,
    /// <see cref="IAlertStore"/>), all resolving to the same instance, and an <see cref="IParkingStoreProvisioner"/> that creates or checks what the store needs, with its own <see cref="IAmazonDynamoDB"/> client built from the options
    /// (<see cref="DynamoDbClientFactory"/>) and the container's <see cref="ILoggerFactory"/>. The options are validated when the host starts.
    /// Registrations use <c>TryAdd</c>: a second call adds its configuration but registers nothing twice; when another store was registered first,
    /// the interfaces keep resolving to it.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options (table, region, endpoint, consistency, retention, connections).</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddVisionDriveParkingDynamoDb(this IServiceCollection services, Action<DynamoDbStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return AddCore(services, builder => builder.Configure(configure));
    }

    /// <summary>
    /// Registers the DynamoDB parking store (see <see cref="AddVisionDriveParkingDynamoDb(IServiceCollection, Action{DynamoDbStoreOptions})"/>) with options
    /// bound from a configuration section, e.g. <c>Parking:DynamoDb</c>: <c>Table</c> (or <c>TableName</c>), <c>Region</c>, <c>ServiceUrl</c>,
    /// <c>ConsistentReads</c>, <c>EventRetention</c>, <c>MaxConnections</c>, <c>MaxErrorRetry</c>, <c>RequestTimeout</c>. The endpoint falls back to
    /// <c>AWS_ENDPOINT_URL_DYNAMODB</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddVisionDriveParkingDynamoDb(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = ParkingStoreRegistration.SectionPath(configuration);
        services.AddOptions<DynamoDbStoreOptionsOrigin>().Configure(origin => origin.Sections.Add(section));
        return AddCore(services, builder => builder
            .Bind(configuration)
            .Configure(options =>
            {
                var table = configuration["Table"];
                if (!string.IsNullOrWhiteSpace(table))
                {
                    options.TableName = table;
                }
            }));
    }

    private static IServiceCollection AddCore(IServiceCollection services, Action<OptionsBuilder<DynamoDbStoreOptions>> configure)
    {
        ParkingStoreRegistration.AddValidatedOptions<DynamoDbStoreOptions, DynamoDbStoreOptionsStartupValidator>(services, configure);

        services.TryAddKeyedSingleton<IAmazonDynamoDB>(
            ClientServiceKey,
            static (sp, _) => DynamoDbClientFactory.Create(sp.GetRequiredService<IOptions<DynamoDbStoreOptions>>().Value));
        services.TryAddSingleton(static sp => new DynamoDbParkingStore(
            sp.GetRequiredKeyedService<IAmazonDynamoDB>(ClientServiceKey),
            sp.GetRequiredService<IOptions<DynamoDbStoreOptions>>().Value,
            sp.GetService<ILoggerFactory>()?.CreateLogger<DynamoDbParkingStore>(),
            sp.GetService<TimeProvider>()));

        services.TryAddSingleton<IParkingStoreProvisioner>(static sp => new DynamoDbStoreProvisioner(
            sp.GetRequiredKeyedService<IAmazonDynamoDB>(ClientServiceKey),
            sp.GetRequiredService<IOptions<DynamoDbStoreOptions>>().Value,
            sp.GetService<ILoggerFactory>()?.CreateLogger<VisionDrive.Parking.Data.DynamoDb.Provisioning.TableProvisioner>()));
        return ParkingStoreRegistration.TryAddStoreInterfaces<DynamoDbParkingStore>(services);
    }
}
