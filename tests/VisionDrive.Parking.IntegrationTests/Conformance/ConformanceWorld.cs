using System;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.Datasets;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Conformance;

/// <summary>
/// The data a conformance run works on: a pristine PostgreSQL database seeded with <c>guide</c> (plus a small write-only tenant, see
/// <see cref="WriteTenant"/>) read through <see cref="Reference"/> and never written, and the store under test over the same data.
/// Read tests compare the store's answers with the reference's; write tests only touch the write tenant, so they cannot change a read answer.
/// </summary>
public abstract class ConformanceWorld : IAsyncLifetime
{
    public const int Seed = 42;

    private NpgsqlDataSource? _referenceSource;

    protected PostgresServer Postgres { get; } = new();

    /// <summary>The pristine database.</summary>
    public string ReferenceConnectionString { get; private set; } = "";

    /// <summary>The PostgreSQL store over the pristine database: the expected answer of every read.</summary>
    public IParkingStore Reference { get; private set; } = null!;

    /// <summary>The store under test.</summary>
    public IParkingStore Store { get; protected set; } = null!;

    public async Task InitializeAsync()
    {
        await Postgres.InitializeAsync();
        (ReferenceConnectionString, _referenceSource) = await CreateSeededDatabaseAsync();
        Reference = new PostgresParkingStore(_referenceSource);
        await CreateStoreAsync();
    }

    public async Task DisposeAsync()
    {
        await DisposeStoreAsync();
        if (_referenceSource is not null)
        {
            await _referenceSource.DisposeAsync();
            await Postgres.DropDatabaseAsync(ReferenceConnectionString);
        }
    }

    protected abstract Task CreateStoreAsync();

    protected abstract Task DisposeStoreAsync();

    /// <summary>A fresh database with <c>guide</c> and the write tenant.</summary>
    protected async Task<(string ConnectionString, NpgsqlDataSource DataSource)> CreateSeededDatabaseAsync()
    {
        var connectionString = await Postgres.CreateDatabaseAsync("vdp_conf");
        var dataSource = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = connectionString });
        await ParkingDatasets.SeedAsync(dataSource, "guide", Seed);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(WriteTenant.Sql, connection);
        await command.ExecuteNonQueryAsync();
        return (connectionString, dataSource);
    }
}
