using System.Threading.Tasks;
using VisionDrive.Parking.Samples.Tests.Support;

namespace VisionDrive.Parking.Samples.Tests.Api;

/// <summary>One seeded world and the API running twice on it: on DynamoDB Local and on PostgreSQL.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public ParkingWorld World { get; private set; } = null!;

    public RunningApi DynamoDb { get; private set; } = null!;

    public RunningApi Postgres { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        World = await ParkingWorld.CreateAsync();
        DynamoDb = await RunningApi.StartAsync(World.DynamoDbArgs());
        Postgres = await RunningApi.StartAsync(World.PostgresArgs());
    }

    public async Task DisposeAsync()
    {
        if (DynamoDb is not null)
        {
            await DynamoDb.DisposeAsync();
        }

        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }

        if (World is not null)
        {
            await World.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
