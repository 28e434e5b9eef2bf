using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using VisionDrive.Parking.Migration;
using VisionDrive.Parking.Migration.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the migration engine (as the store packages register their stores).</summary>
public static class MigrationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MigrationEngine"/> as a singleton with its <see cref="MigrationOptions"/>, validated when the host starts. The engine
    /// reads the source through the data source of <c>AddVisionDriveParkingPostgres</c> and writes through the client of
    /// <c>AddVisionDriveParkingDynamoDb</c> (register both; the engine says so when one is missing), and takes the container's
    /// <see cref="ILoggerFactory"/> and <see cref="TimeProvider"/> when there are. <see cref="MigrationOptions.TableName"/> and
    /// <see cref="MigrationOptions.EventRetention"/> start from the store's <see cref="DynamoDbStoreOptions"/>, so store and migration use one
    /// table unless <paramref name="configure"/> says otherwise. Registrations use <c>TryAdd</c>: a second call adds its configuration but
    /// registers nothing twice.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options (state directory, segment, parallelism, retention, …).</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddVisionDriveParkingMigration(this IServiceCollection services, Action<MigrationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return AddCore(services, builder => builder.Configure(configure));
    }

    /// <summary>
    /// Registers the migration engine (see <see cref="AddVisionDriveParkingMigration(IServiceCollection, Action{MigrationOptions})"/>) with options
    /// bound from a configuration section, e.g. <c>Parking:Migration</c>: <c>TableName</c>, <c>StateDirectory</c>, <c>SegmentIndex</c>,
    /// <c>SegmentCount</c>, <c>EventRetention</c>, <c>Parallelism</c>, <c>SourceReconnectAttempts</c>, ….
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddVisionDriveParkingMigration(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return AddCore(services, builder => builder.Bind(configuration));
    }

    private static IServiceCollection AddCore(IServiceCollection services, Action<OptionsBuilder<MigrationOptions>> configure)
    {
        var builder = services.AddOptions<MigrationOptions>();
        if (!services.Any(d => d.ServiceType == typeof(IValidateOptions<MigrationOptions>)))
        {
            // First call only: start from the store's table and retention, before any configuration of the caller.
            builder.Configure<IOptions<DynamoDbStoreOptions>>(static (options, store) =>
            {
                options.TableName = store.Value.TableName;
                options.EventRetention = store.Value.EventRetention;
            });
        }

        configure(builder);
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MigrationOptions>, MigrationOptionsValidator>());
        services.TryAddSingleton(static sp =>
        {
            var dataSource = sp.GetKeyedService<NpgsqlDataSource>(PostgresParkingServiceCollectionExtensions.DataSourceServiceKey);
            var client = sp.GetKeyedService<IAmazonDynamoDB>(DynamoDbParkingServiceCollectionExtensions.ClientServiceKey);
            if (dataSource is null || client is null)
            {
                throw new InvalidOperationException(
                    "AddVisionDriveParkingMigration needs the source and the target: call services.AddVisionDriveParkingPostgres(…) " +
                    $"{(dataSource is null ? "(missing) " : "")}and services.AddVisionDriveParkingDynamoDb(…){(client is null ? " (missing)" : "")} too.");
            }

            var loggerFactory = sp.GetService<ILoggerFactory>();
            return new MigrationEngine(
                new ParkingSourceReader(dataSource, loggerFactory?.CreateLogger<ParkingSourceReader>()),
                client,
                sp.GetRequiredService<IOptions<MigrationOptions>>().Value,
                loggerFactory,
                sp.GetService<TimeProvider>());
        });
        return services;
    }
}
