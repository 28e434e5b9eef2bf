using Microsoft.Extensions.DependencyInjection;

namespace VisionDrive.Parking.Cutover.DependencyInjection;

/// <summary>
/// The seam between the dual-write registration and the replication (src/VisionDrive.Parking.Cutover/Replication/): the replication
/// implements <see cref="AddReplication"/> in a file of its own (<c>Replication/ReplicationRegistration.Replication.cs</c>); until it
/// does, the call compiles to nothing and a dual write fails at resolution with a message saying the replication is missing.
/// </summary>
internal static partial class ReplicationRegistration
{
    /// <summary>
    /// Registers the replication of a dual write, before the two stores are registered (so its <c>TryAdd</c>s win), all resolved from
    /// <c>IOptions&lt;DualWriteOptions&gt;</c> at run time (<see cref="DualWriteOptions.Primary"/> chooses the direction):
    /// <list type="bullet">
    /// <item><see cref="Replication.ISecondaryReplicator"/> (singleton): the outbox replicator for a PostgreSQL primary, the stream replicator for a DynamoDB primary;</item>
    /// <item>the appliers as <c>IHostedService</c> (the outbox applier drains <c>vdp_outbox</c>; the stream applier reads DynamoDB Streams);</item>
    /// <item>the <c>PostgresParkingStore</c> singleton with its outbox on when PostgreSQL is primary (the PostgreSQL registration's <c>TryAdd</c> then keeps it);</item>
    /// <item>its <c>IParkingStoreProvisioner</c> (both stores, the cutover tables, the table's stream), in place of the dual write's default one.</item>
    /// </list>
    /// </summary>
    /// <param name="services">The services.</param>
    static partial void AddReplication(IServiceCollection services);

    /// <summary>Registers the replication (see <see cref="AddReplication"/>); nothing when the replication is not built in.</summary>
    /// <param name="services">The services.</param>
    public static void Add(IServiceCollection services) => AddReplication(services);
}
