using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.Datasets;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.Data.Postgres.Tests;

public sealed class DatasetTests(GuideDatabase db) : IClassFixture<GuideDatabase>
{
    [Fact]
    public async Task The_same_seed_gives_the_same_rows()
    {
        var server = new PostgresServer();
        await server.InitializeAsync();
        var cs = await server.CreateDatabaseAsync("vdp_pg");
        try
        {
            await using var ds = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = cs });
            var summary = await ParkingDatasets.SeedAsync(ds, "guide", 42);
            summary.Should().BeEquivalentTo(db.Summary, o => o.Excluding(s => s.Elapsed));
            var mine = await EventsAsync(new ParkingSourceReader(ds));
            var theirs = await EventsAsync(db.Reader);
            mine.Should().Equal(theirs);
            (await ParkingSchema.ApplyAsync(ds).ContinueWith(t => t.IsCompletedSuccessfully)).Should().BeTrue("the schema is idempotent");
        }
        finally
        {
            await server.DropDatabaseAsync(cs);
        }
    }

    [Fact]
    public async Task A_database_with_rows_is_not_seeded_again()
    {
        var act = () => ParkingDatasets.SeedAsync(db.DataSource, "guide");
        (await act.Should().ThrowAsync<ParkingDataException>()).WithMessage("*already holds*");
    }

    [Theory]
    [InlineData("")]
    [InlineData("scale:")]
    [InlineData("scale:0")]
    [InlineData("scale:-5")]
    [InlineData("huge")]
    public async Task Unknown_dataset_specs_are_refused(string spec)
    {
        var act = () => ParkingDatasets.SeedAsync(db.DataSource, spec);
        (await act.Should().ThrowAsync<ArgumentException>()).WithMessage("*guide | scale:N | dirty*");
    }

    [Fact]
    public void Specs_parse()
    {
        ParkingDatasets.ParseSpec("scale:1_000_000").Should().Be(("scale", 1_000_000L));
        ParkingDatasets.ParseSpec("GUIDE").Should().Be(("guide", 192L));
        ParkingDatasets.ParseSpec("dirty").Kind.Should().Be("dirty");
    }

    [Fact]
    public void The_embedded_schema_is_the_source_contract()
    {
        ParkingSchema.Sql.Should().Contain("CREATE TABLE IF NOT EXISTS sensor_events").And.Contain("PRIMARY KEY (id, time)");
        var shared = System.IO.Path.Combine(TestEnvironment.RepositoryRoot, "..", "shared", "source-schema.sql");
        if (System.IO.File.Exists(shared))
        {
            ParkingSchema.Sql.Should().EndWith(System.IO.File.ReadAllText(shared));
        }
    }

    private static async Task<List<SensorEvent?>> EventsAsync(ParkingSourceReader reader)
    {
        var list = new List<SensorEvent?>();
        await foreach (var r in reader.ReadEventsAsync())
        {
            list.Add(r.Entity);
        }

        return list;
    }
}
