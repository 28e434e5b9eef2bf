using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.Data.Postgres.DependencyInjection;
using VisionDrive.Parking.Shared;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL parking store (as Npgsql's <c>NpgsqlServiceCollectionExtensions</c> registers a data source).</summary>
public static class PostgresParkingServiceCollectionExtensions
{
    /// <summary>
    /// The service key of the store's own <see cref="NpgsqlDataSource"/> (a keyed singleton), so an application's unkeyed
    /// <see cref="NpgsqlDataSource"/> registration is neither used nor replaced. The migration registration
    /// (<c>AddVisionDriveParkingMigration</c>) reads the source through the same data source.
    /// </summary>
    public const string DataSourceServiceKey = "VisionDrive.Parking.Data.Postgres";

    /// <summary>
    /// Registers <see cref="PostgresParkingStore"/> as a singleton behind <see cref="IParkingStore"/> and each aggregate interface
    /// (<see cref="ITenantStore"/>, <see cref="ISiteStore"/>, <see cref="IZoneStore"/>, <see cref="ISensorStore"/>, <see cref="IEventStore"/>,
    /// <see cref="IAlertStore"/>), all resolving to the same instance, and an <see cref="IParkingStoreProvisioner"/> that creates or checks what the store needs, over its own <see cref="NpgsqlDataSource"/> built by
    /// <see cref="ParkingDataSource.Create"/> (TLS verified unless the options allow less) with the container's <see cref="ILoggerFactory"/>.
    /// The options are validated when the host starts, with the messages of <see cref="ParkingDataSource.Create"/>. Registrations use
    /// <c>TryAdd</c>: a second call adds its configuration but registers nothing twice; when another store was registered first, the interfaces
    /// keep resolving to it.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the connection options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddVisionDriveParkingPostgres(this IServiceCollection services, Action<PostgresSourceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return AddCore(services, builder => builder.Configure(configure));
    }

    /// <summary>
    /// Registers the PostgreSQL parking store (see <see cref="AddVisionDriveParkingPostgres(IServiceCollection, Action{PostgresSourceOptions})"/>) with
    /// options bound from a configuration section, e.g. <c>Parking:Postgres</c>: <c>ConnectionString</c>, <c>RootCertificatePath</c>, <c>AllowInsecureTls</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddVisionDriveParkingPostgres(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = ParkingStoreRegistration.SectionPath(configuration);
        services.AddOptions<PostgresSourceOptionsOrigin>().Configure(origin => origin.Sections.Add(section));
        return AddCore(services, builder => builder.Bind(configuration));
    }

    private static IServiceCollection AddCore(IServiceCollection services, Action<OptionsBuilder<PostgresSourceOptions>> configure)
    {
        ParkingStoreRegistration.AddValidatedOptions<PostgresSourceOptions, PostgresSourceOptionsStartupValidator>(services, configure);

        services.TryAddKeyedSingleton<NpgsqlDataSource>(
            DataSourceServiceKey,
            static (sp, _) => ParkingDataSource.Create(sp.GetRequiredService<IOptions<PostgresSourceOptions>>().Value, sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton(static sp => new PostgresParkingStore(sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceServiceKey), sp.GetService<TimeProvider>()));

        services.TryAddSingleton<IParkingStoreProvisioner>(static sp => new PostgresStoreProvisioner(sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceServiceKey)));
        return ParkingStoreRegistration.TryAddStoreInterfaces<PostgresParkingStore>(services);
    }
}
