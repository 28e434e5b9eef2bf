using VisionDrive.Parking.Data.DynamoDb.Provisioning;

namespace VisionDrive.Parking.Data.DynamoDb.DependencyInjection;

/// <summary>The registered <see cref="IParkingStoreProvisioner"/> of the DynamoDB store: <see cref="TableProvisioner.EnsureTableAsync"/> on the store's table with the store's client.</summary>
internal sealed class DynamoDbStoreProvisioner : IParkingStoreProvisioner
{
    private readonly TableProvisioner _provisioner;
    private readonly string _table;

    public DynamoDbStoreProvisioner(IAmazonDynamoDB client, DynamoDbStoreOptions options, ILogger<TableProvisioner>? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _provisioner = new TableProvisioner(client, logger);
        _table = options.TableName;
    }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default) => _provisioner.EnsureTableAsync(_table, cancellationToken);
}
