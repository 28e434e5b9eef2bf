using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace VisionDrive.Parking.Cutover.DependencyInjection;

/// <content>The replication's side of the seam (see <c>DependencyInjection/ReplicationRegistration.cs</c>).</content>
internal static partial class ReplicationRegistration
{
    static partial void AddReplication(IServiceCollection services)
    {
        // The PostgreSQL store writes its outbox while it is primary (the PostgreSQL registration's TryAdd keeps this one).
        services.TryAddSingleton(static sp => new PostgresParkingStore(
            DataSource(sp),
            sp.GetService<TimeProvider>(),
            new PostgresStoreOptions { Outbox = Options(sp).Primary == ParkingStoreKind.Postgres }));

        services.TryAddSingleton(static sp => new PostgresToDynamoDbReplicator(DataSource(sp), Client(sp), DynamoDbOptions(sp)));
        services.TryAddSingleton(static sp => new DynamoDbToPostgresReplicator(Client(sp), DynamoDbOptions(sp), DataSource(sp)));
        services.TryAddSingleton<ISecondaryReplicator>(static sp => Options(sp).Primary == ParkingStoreKind.Postgres
            ? sp.GetRequiredService<PostgresToDynamoDbReplicator>()
            : sp.GetRequiredService<DynamoDbToPostgresReplicator>());

        // Both stores, the cutover tables and the table's stream (on in both directions, so the primary can switch to DynamoDB).
        services.TryAddSingleton<IParkingStoreProvisioner>(static sp => new CutoverProvisioner(
            DataSource(sp), Client(sp), DynamoDbOptions(sp).TableName, enableStream: true, sp.GetService<ILoggerFactory>()?.CreateLogger<TableProvisioner>()));

        // The applier of the current direction only.
        services.AddSingleton<IHostedService>(static sp =>
        {
            var options = Options(sp);
            var loggers = sp.GetService<ILoggerFactory>();
            return options.Primary == ParkingStoreKind.Postgres
                ? new OutboxApplier(
                    sp.GetRequiredService<PostgresToDynamoDbReplicator>(), loggers?.CreateLogger<OutboxApplier>(), sp.GetService<TimeProvider>(),
                    options.OutboxBatchSize, options.StreamPollInterval)
                : new StreamApplier(
                    DynamoDbStreamsClient.Create(DynamoDbOptions(sp), timeProvider: sp.GetService<TimeProvider>()), Client(sp), DynamoDbOptions(sp), DataSource(sp),
                    sp.GetRequiredService<DynamoDbToPostgresReplicator>(), loggers?.CreateLogger<StreamApplier>(), sp.GetService<TimeProvider>(), options.StreamPollInterval);
        });
    }

    private static DualWriteOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<DualWriteOptions>>().Value;

    private static DynamoDbStoreOptions DynamoDbOptions(IServiceProvider sp) => sp.GetRequiredService<IOptions<DynamoDbStoreOptions>>().Value;

    private static NpgsqlDataSource DataSource(IServiceProvider sp) =>
        sp.GetRequiredKeyedService<NpgsqlDataSource>(PostgresParkingServiceCollectionExtensions.DataSourceServiceKey);

    private static IAmazonDynamoDB Client(IServiceProvider sp) =>
        sp.GetRequiredKeyedService<IAmazonDynamoDB>(DynamoDbParkingServiceCollectionExtensions.ClientServiceKey);
}
