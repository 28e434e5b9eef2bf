using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Writes;

/// <summary>
/// An empty PostgreSQL database and an empty DynamoDB Local table, each provisioned through the registered <see cref="IParkingStoreProvisioner"/>
/// of an application-style container (nothing internal), with one fake clock shared by both stores and the model.
/// </summary>
public sealed class WriteModelWorld : IAsyncLifetime
{
    private readonly PostgresServer _postgres = new();
    private readonly DynamoDbServer _dynamoDb = new();
    private ServiceProvider? _postgresServices;
    private ServiceProvider? _dynamoDbServices;
    private string _database = "";

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public IParkingStore Postgres { get; private set; } = null!;

    public IParkingStore DynamoDb { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        await _dynamoDb.InitializeAsync();
        _database = await _postgres.CreateDatabaseAsync("vdp_model");
        var table = _dynamoDb.NewTableName("vdp-model");

        var postgres = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(Clock);
        postgres.AddVisionDriveParkingPostgres(o => o.ConnectionString = _database);
        _postgresServices = postgres.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var dynamoDb = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(Clock);
        dynamoDb.AddVisionDriveParkingDynamoDb(o =>
        {
            o.TableName = table;
            o.ServiceUrl = _dynamoDb.ServiceUrl;
            o.ConsistentReads = true;
        });
        _dynamoDbServices = dynamoDb.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        await _postgresServices.GetRequiredService<IParkingStoreProvisioner>().EnsureCreatedAsync();
        await _dynamoDbServices.GetRequiredService<IParkingStoreProvisioner>().EnsureCreatedAsync();
        Postgres = _postgresServices.GetRequiredService<IParkingStore>();
        DynamoDb = _dynamoDbServices.GetRequiredService<IParkingStore>();
    }

    public async Task DisposeAsync()
    {
        if (_postgresServices is not null)
        {
            await _postgresServices.DisposeAsync();
            await _postgres.DropDatabaseAsync(_database);
        }

        if (_dynamoDbServices is not null)
        {
            await _dynamoDbServices.DisposeAsync();
        }

        await _dynamoDb.DisposeAsync();
    }
}
