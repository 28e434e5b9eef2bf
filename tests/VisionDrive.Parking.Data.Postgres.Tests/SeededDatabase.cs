using System;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.Datasets;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.Data.Postgres.Tests;

/// <summary>A fresh database on the test server (verified TLS), loaded with one dataset, dropped at the end.</summary>
public abstract class SeededDatabase : IAsyncLifetime
{
    private readonly string _dataset;
    private readonly PostgresServer _server = new();

    protected SeededDatabase(string dataset) => _dataset = dataset;

    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public DatasetSummary Summary { get; private set; } = null!;

    public PostgresParkingStore Store => new(DataSource);

    public ParkingSourceReader Reader => new(DataSource);

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        ConnectionString = await _server.CreateDatabaseAsync("vdp_pg");
        DataSource = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = ConnectionString });
        Summary = await ParkingDatasets.SeedAsync(DataSource, _dataset, 42);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _server.DropDatabaseAsync(ConnectionString);
    }
}

public sealed class GuideDatabase : SeededDatabase
{
    public GuideDatabase() : base("guide") { }
}

public sealed class WritableGuideDatabase : SeededDatabase
{
    public WritableGuideDatabase() : base("guide") { }
}

public sealed class DirtyDatabase : SeededDatabase
{
    public DirtyDatabase() : base("dirty") { }
}

public sealed class ScaleDatabase : SeededDatabase
{
    public const int Events = 200_000;

    public ScaleDatabase() : base("scale:" + Events) { }
}
