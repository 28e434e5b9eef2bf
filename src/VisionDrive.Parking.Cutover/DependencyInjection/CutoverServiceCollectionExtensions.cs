using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VisionDrive.Parking.Cutover;
using VisionDrive.Parking.Cutover.DependencyInjection;
using VisionDrive.Parking.Shared;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the parking store of the configured cutover phase (docs/cutover.md).</summary>
public static class CutoverServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store of the cutover phase named by <c>Store</c> in <paramref name="parkingSection"/> (the <c>Parking</c> section):
    /// <c>Postgres</c> or <c>DynamoDb</c> registers that store alone, as <c>AddVisionDriveParkingPostgres</c> (section <c>Postgres</c>) or
    /// <c>AddVisionDriveParkingDynamoDb</c> (section <c>DynamoDb</c>) do; <c>DualWrite</c> registers both, the dual-write store behind
    /// <see cref="IParkingStore"/> and each aggregate interface, the replication of the primary chosen by <c>DualWrite:Primary</c> with its
    /// appliers as hosted services, and an <see cref="IParkingStoreProvisioner"/> for both stores. Every phase registers an
    /// <see cref="ICutoverStatusSource"/> (pending writes 0 in a single-store phase). <see cref="DualWriteOptions"/> (section
    /// <c>DualWrite</c>) are validated when the host starts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="parkingSection">The <c>Parking</c> section: <c>Store</c>, <c>DualWrite</c>, <c>Postgres</c>, <c>DynamoDb</c>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException"><c>Store</c> is missing or not a phase.</exception>
    public static IServiceCollection AddVisionDriveParkingDualWrite(this IServiceCollection services, IConfiguration parkingSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(parkingSection);
        var path = ParkingStoreRegistration.SectionPath(parkingSection);
        var store = parkingSection["Store"];
        if (!Enum.TryParse<ParkingStoreKind>(store, ignoreCase: true, out var phase) || !Enum.IsDefined(phase) || int.TryParse(store, out _))
        {
            throw new InvalidOperationException(
                $"{path}:Store is '{store ?? "(not set)"}': set it to Postgres, DualWrite or DynamoDb (environment variable {path.Replace(":", "__", StringComparison.Ordinal)}__Store).");
        }

        switch (phase)
        {
            case ParkingStoreKind.Postgres:
                services.AddVisionDriveParkingPostgres(parkingSection.GetSection("Postgres"));
                AddStatus(services, phase, static _ => ParkingStoreKind.Postgres);
                break;
            case ParkingStoreKind.DynamoDb:
                services.AddVisionDriveParkingDynamoDb(parkingSection.GetSection("DynamoDb"));
                AddStatus(services, phase, static _ => ParkingStoreKind.DynamoDb);
                break;
            default:
                AddDualWrite(services, parkingSection, path);
                break;
        }

        return services;
    }

    private static void AddDualWrite(IServiceCollection services, IConfiguration parkingSection, string path)
    {
        var section = parkingSection.GetSection("DualWrite");
        services.AddOptions<DualWriteOptionsOrigin>().Configure(origin => origin.Section = path + ":DualWrite");
        ParkingStoreRegistration.AddValidatedOptions<DualWriteOptions, DualWriteOptionsStartupValidator>(services, builder => builder.Bind(section));

        // The replication first: its registrations (the PostgreSQL store with the outbox on, its provisioner) win over the TryAdds below.
        ReplicationRegistration.Add(services);

        services.TryAddSingleton(static sp => new DualWriteParkingStore(
            PrimaryOf(sp),
            SecondaryOf(sp),
            sp.GetRequiredService<IOptions<DualWriteOptions>>().Value.Primary,
            sp.GetService<ISecondaryReplicator>() ?? throw new InvalidOperationException(
                "Parking:Store is DualWrite but no replication is registered: this build of VisionDrive.Parking.Cutover has no replication " +
                "(ISecondaryReplicator). Use Postgres or DynamoDb, or a build with the replication."),
            sp.GetRequiredService<IOptions<DualWriteOptions>>().Value,
            sp.GetRequiredService<CutoverTelemetry>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<DualWriteParkingStore>(),
            sp.GetService<TimeProvider>()));
        ParkingStoreRegistration.TryAddStoreInterfaces<DualWriteParkingStore>(services);
        services.TryAddSingleton<IParkingStoreProvisioner>(static sp => new DualWriteProvisioner(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(PostgresParkingServiceCollectionExtensions.DataSourceServiceKey),
            sp.GetRequiredKeyedService<IAmazonDynamoDB>(DynamoDbParkingServiceCollectionExtensions.ClientServiceKey),
            sp.GetRequiredService<IOptions<DynamoDbStoreOptions>>().Value,
            sp.GetService<ILoggerFactory>()?.CreateLogger<TableProvisioner>()));

        // Both stores; their TryAdds keep the dual-write store behind the interfaces and register each store by its own type.
        services.AddVisionDriveParkingPostgres(parkingSection.GetSection("Postgres"));
        services.AddVisionDriveParkingDynamoDb(parkingSection.GetSection("DynamoDb"));
        AddStatus(services, ParkingStoreKind.DualWrite, static sp => sp.GetRequiredService<IOptions<DualWriteOptions>>().Value.Primary);
    }

    private static void AddStatus(IServiceCollection services, ParkingStoreKind phase, Func<IServiceProvider, ParkingStoreKind> primary)
    {
        services.TryAddSingleton(static sp => new CutoverTelemetry(sp.GetService<ISecondaryReplicator>()));
        services.TryAddSingleton<ICutoverStatusSource>(sp => new CutoverStatusSource(phase, primary(sp), sp.GetRequiredService<CutoverTelemetry>()));
    }

    private static IParkingStore PrimaryOf(IServiceProvider sp) =>
        sp.GetRequiredService<IOptions<DualWriteOptions>>().Value.Primary == ParkingStoreKind.DynamoDb
            ? sp.GetRequiredService<DynamoDbParkingStore>()
            : sp.GetRequiredService<PostgresParkingStore>();

    private static IParkingStore SecondaryOf(IServiceProvider sp) =>
        sp.GetRequiredService<IOptions<DualWriteOptions>>().Value.Primary == ParkingStoreKind.DynamoDb
            ? sp.GetRequiredService<PostgresParkingStore>()
            : sp.GetRequiredService<DynamoDbParkingStore>();
}
