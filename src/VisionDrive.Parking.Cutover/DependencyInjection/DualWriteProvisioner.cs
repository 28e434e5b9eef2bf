namespace VisionDrive.Parking.Cutover.DependencyInjection;

/// <summary>
/// The <see cref="IParkingStoreProvisioner"/> of a dual write when the replication registers none of its own: both stores (the PostgreSQL
/// schema, the DynamoDB table). The replication's provisioner (which adds the cutover tables and the table's stream) takes its place.
/// </summary>
internal sealed class DualWriteProvisioner(
    NpgsqlDataSource dataSource,
    IAmazonDynamoDB client,
    DynamoDbStoreOptions dynamoDbOptions,
    ILogger<TableProvisioner>? logger) : IParkingStoreProvisioner
{
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await ParkingSchema.ApplyAsync(dataSource, cancellationToken).ConfigureAwait(false);
        await new TableProvisioner(client, logger).EnsureTableAsync(dynamoDbOptions.TableName, cancellationToken).ConfigureAwait(false);
    }
}
