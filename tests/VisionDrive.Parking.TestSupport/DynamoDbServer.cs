using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Xunit;

namespace VisionDrive.Parking.TestSupport;

/// <summary>
/// DynamoDB Local from <c>VDP_TEST_DYNAMODB_URL</c> when set; otherwise the one this test process starts (<see cref="Servers.LocalDynamoDb"/>),
/// or a failure naming the command that installs what is missing. Tables made through <see cref="NewTableName"/> are deleted at the end.
/// </summary>
public sealed class DynamoDbServer : IAsyncLifetime
{
    private readonly ConcurrentBag<string> _tables = [];

    public string ServiceUrl { get; private set; } = "";

    public IAmazonDynamoDB Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        ServiceUrl = TestEnvironment.Require(TestEnvironment.DynamoDbVariable, "DynamoDB Local");
        Client = CreateClient(ServiceUrl);
        return Task.CompletedTask;
    }

    public static AmazonDynamoDBClient CreateClient(string serviceUrl) =>
        new(new BasicAWSCredentials("vdplocal", "vdplocalsecret"), new AmazonDynamoDBConfig
        {
            ServiceURL = serviceUrl,
            AuthenticationRegion = "me-central-1",
            MaxErrorRetry = 2,
        });

    /// <summary>A unique table name for this test run; the table (if created) is deleted on dispose.</summary>
    public string NewTableName(string prefix = "vdp-test")
    {
        var name = $"{prefix}-{Guid.NewGuid():N}";
        _tables.Add(name);
        return name;
    }

    public async Task DisposeAsync()
    {
        foreach (var table in _tables)
        {
            try
            {
                await Client.DeleteTableAsync(table);
            }
            catch (Amazon.DynamoDBv2.Model.ResourceNotFoundException)
            {
            }
        }

        Client?.Dispose();
    }
}
