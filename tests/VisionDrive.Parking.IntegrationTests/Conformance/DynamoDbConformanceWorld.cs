using System;
using System.IO;
using System.Threading.Tasks;
using VisionDrive.Parking.Data.DynamoDb;
using VisionDrive.Parking.Data.DynamoDb.Provisioning;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.Migration;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Conformance;

/// <summary>The DynamoDB store on a fresh table of DynamoDB Local, loaded from the reference database by <see cref="MigrationEngine"/>.</summary>
public sealed class DynamoDbConformanceWorld : ConformanceWorld
{
    private readonly DynamoDbServer _dynamoDb = new();
    private string? _stateDirectory;

    public MigrationReport Migration { get; private set; } = null!;

    /// <summary>The table the store reads.</summary>
    public string TableName { get; private set; } = "";

    /// <summary>The DynamoDB Local endpoint.</summary>
    public string ServiceUrl => _dynamoDb.ServiceUrl;

    protected override async Task CreateStoreAsync()
    {
        await _dynamoDb.InitializeAsync();
        var table = TableName = _dynamoDb.NewTableName("vdp-conformance");
        await new TableProvisioner(_dynamoDb.Client).EnsureTableAsync(table);
        _stateDirectory = Directory.CreateTempSubdirectory("vdp-conformance-").FullName;
        await using (var source = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = ReferenceConnectionString }))
        {
            Migration = await new MigrationEngine(
                new ParkingSourceReader(source),
                _dynamoDb.Client,
                new MigrationOptions { TableName = table, StateDirectory = _stateDirectory, EventRetention = TestDates.DatasetRetention }).MigrateAsync();
        }

        if (Migration.HasRejectsOrDifferences || !Migration.Verified)
        {
            throw new InvalidOperationException("The guide data did not migrate cleanly: " + Migration.ToJson());
        }

        Store = new DynamoDbParkingStore(_dynamoDb.Client, new DynamoDbStoreOptions { TableName = table, ConsistentReads = true });
    }

    protected override async Task DisposeStoreAsync()
    {
        await _dynamoDb.DisposeAsync();
        if (_stateDirectory is not null)
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }
}
