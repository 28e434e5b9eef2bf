using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using VisionDrive.Parking.Data.DynamoDb.Provisioning;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.Data.DynamoDb.Tests;

/// <summary>One provisioned table (unique name, deleted at the end) on DynamoDB Local for a test class.</summary>
public sealed class MappingTableFixture : IAsyncLifetime
{
    private readonly DynamoDbServer _server = new();

    public IAmazonDynamoDB Client => _server.Client;

    public string TableName { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        TableName = _server.NewTableName("vdp-mapping");
        await new TableProvisioner(_server.Client).EnsureTableAsync(TableName);
    }

    public Task DisposeAsync() => _server.DisposeAsync();
}
