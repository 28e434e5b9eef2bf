namespace VisionDrive.Parking.Data;

/// <summary>
/// Creates or checks what the registered store needs: the DynamoDB table (keys, GSI1, GSI2, TTL on <c>ttl</c>) or the PostgreSQL schema
/// (tables <c>tenants</c> … <c>alerts</c>). Registered with the store, so an application provisions through the container and needs nothing internal.
/// </summary>
public interface IParkingStoreProvisioner
{
    /// <summary>Creates what is missing and checks what exists. Idempotent; safe to call at every start.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    /// <exception cref="ParkingDataException">What exists does not match (e.g. a table with other keys); the message says what differs.</exception>
    Task EnsureCreatedAsync(CancellationToken cancellationToken = default);
}
