using System;
using System.IO;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.Data.DynamoDb;
using VisionDrive.Parking.Data.DynamoDb.Provisioning;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.Datasets;
using VisionDrive.Parking.IntegrationTests.Conformance;
using VisionDrive.Parking.Migration;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Cutover;

/// <summary>
/// Both stores over the same data, as after the backfill of a cutover: a PostgreSQL database seeded with <c>guide</c> and the write tenant
/// (<see cref="WriteTenant"/>), migrated by <see cref="MigrationEngine"/> (verified) to a fresh table of DynamoDB Local.
/// </summary>
public sealed class DualWriteWorld : IAsyncLifetime
{
    private readonly PostgresServer _postgres = new();
    private readonly DynamoDbServer _dynamoDb = new();
    private string? _stateDirectory;

    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public string TableName { get; private set; } = "";

    public string ServiceUrl => _dynamoDb.ServiceUrl;

    public Amazon.DynamoDBv2.IAmazonDynamoDB Client => _dynamoDb.Client;

    public PostgresParkingStore Postgres { get; private set; } = null!;

    public DynamoDbParkingStore DynamoDb { get; private set; } = null!;

    public DynamoDbStoreOptions DynamoDbOptions => new() { TableName = TableName, ServiceUrl = ServiceUrl, ConsistentReads = true, EventRetention = TestDates.DatasetRetention };

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        await _dynamoDb.InitializeAsync();
        ConnectionString = await _postgres.CreateDatabaseAsync("vdp_cut");
        DataSource = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = ConnectionString });
        await ParkingDatasets.SeedAsync(DataSource, "guide", ConformanceWorld.Seed);
        await using (var connection = await DataSource.OpenConnectionAsync())
        await using (var command = new NpgsqlCommand(WriteTenant.Sql, connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        TableName = _dynamoDb.NewTableName("vdp-cutover");
        await new TableProvisioner(_dynamoDb.Client).EnsureTableAsync(TableName);
        _stateDirectory = Directory.CreateTempSubdirectory("vdp-cutover-").FullName;
        var report = await new MigrationEngine(
            new ParkingSourceReader(DataSource),
            _dynamoDb.Client,
            new MigrationOptions { TableName = TableName, StateDirectory = _stateDirectory, EventRetention = TestDates.DatasetRetention }).MigrateAsync();
        if (report.HasRejectsOrDifferences || !report.Verified)
        {
            throw new InvalidOperationException("The guide data did not migrate cleanly: " + report.ToJson());
        }

        Postgres = new PostgresParkingStore(DataSource);
        DynamoDb = new DynamoDbParkingStore(_dynamoDb.Client, DynamoDbOptions);
    }

    public async Task DisposeAsync()
    {
        await _dynamoDb.DisposeAsync();
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
            await _postgres.DropDatabaseAsync(ConnectionString);
        }

        if (_stateDirectory is not null)
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }
}
