using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.Data.Postgres;

namespace VisionDrive.Parking.IntegrationTests.Conformance;

/// <summary>The PostgreSQL store on its own fresh database seeded like the reference.</summary>
public sealed class PostgresConformanceWorld : ConformanceWorld
{
    private string _connectionString = "";
    private NpgsqlDataSource? _dataSource;

    protected override async Task CreateStoreAsync()
    {
        (_connectionString, _dataSource) = await CreateSeededDatabaseAsync();
        Store = new PostgresParkingStore(_dataSource);
    }

    protected override async Task DisposeStoreAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
            await Postgres.DropDatabaseAsync(_connectionString);
        }
    }
}
