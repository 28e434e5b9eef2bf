namespace VisionDrive.Parking.Data.Postgres.DependencyInjection;

/// <summary>The registered <see cref="IParkingStoreProvisioner"/> of the PostgreSQL store: <see cref="ParkingSchema.ApplyAsync"/> on the store's data source.</summary>
internal sealed class PostgresStoreProvisioner : IParkingStoreProvisioner
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresStoreProvisioner(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
    }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default) => ParkingSchema.ApplyAsync(_dataSource, cancellationToken);
}
