using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb.Mapping;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.Migration;
using VisionDrive.Parking.Migration.Export;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Import;

/// <summary><c>vdp plan</c> against real PostgreSQL: its figures recomputed here from the source rows, and when its recommendation flips.</summary>
public sealed class PlanCliTests : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    private readonly PostgresServer _pg;
    private readonly DynamoDbServer _ddb;

    public PlanCliTests(PostgresServer pg, DynamoDbServer ddb)
    {
        _pg = pg;
        _ddb = ddb;
    }

    [Fact]
    public async Task Plan_of_scale_100000_gives_the_figures_recomputed_from_the_source_rows()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync(TimeSpan.FromMinutes(8), "seed", "scale:100000")).ExitCode.Should().Be(0);
        var reportPath = Path.Combine(w.Folder, "plan.json");

        var run = await w.VdpAsync(TimeSpan.FromMinutes(5), "plan", "--sample", "0", "--region", "me-central-1", "--report", reportPath);

        run.ExitCode.Should().Be(0, run.All);
        run.StdOut.Should().Contain("Recommendation: BatchWriteItem");

        // Independently: count with SQL, transform every row, and apply the billing rules here.
        await using var dataSource = NpgsqlDataSource.Create(w.Source);
        var reader = new ParkingSourceReader(dataSource);
        var mapping = new ItemMappingOptions { EventRetention = TestDates.DatasetRetention };
        long items = 0, units = 0, bytes = 0;
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(reportPath));
        var root = json.RootElement;
        foreach (var type in EntityTypes.All)
        {
            await using var count = dataSource.CreateCommand($"SELECT count(*) FROM {type.SourceTable()}");
            var rows = (long)(await count.ExecuteScalarAsync())!;
            long typeItems = 0, typeUnits = 0, typeBytes = 0, gsi1 = 0, gsi2 = 0;
            await foreach (var entity in EntitiesAsync(reader, type))
            {
                var item = ParkingItemMapper.ToItem(entity, mapping);
                var kb = (ItemSize.Compute(item) + 1023) / 1024;
                var inGsi1 = item.ContainsKey("GSI1PK");
                var inGsi2 = item.ContainsKey("GSI2PK");
                typeItems++;
                typeUnits += kb + (inGsi1 ? kb : 0) + (inGsi2 ? kb : 0);
                typeBytes += Encoding.UTF8.GetByteCount(DynamoDbJson.ToLine(item)) + 1;
                gsi1 += inGsi1 ? 1 : 0;
                gsi2 += inGsi2 ? 1 : 0;
            }

            var e = root.GetProperty("entities").GetProperty(type.Name());
            e.GetProperty("rows").GetInt64().Should().Be(rows, type.Name());
            e.GetProperty("sampledRows").GetInt64().Should().Be(rows, type.Name());
            e.GetProperty("items").GetInt64().Should().Be(typeItems, type.Name());
            e.GetProperty("gsi1Items").GetInt64().Should().Be(gsi1, type.Name());
            e.GetProperty("gsi2Items").GetInt64().Should().Be(gsi2, type.Name());
            e.GetProperty("writeUnits").GetInt64().Should().Be(typeUnits, type.Name());
            e.GetProperty("uncompressedBytes").GetInt64().Should().Be(typeBytes, type.Name());
            items += typeItems;
            units += typeUnits;
            bytes += typeBytes;
        }

        items.Should().BeGreaterThan(100_000);
        units.Should().BeGreaterThan(items, "events are written to GSI1 as well");
        root.GetProperty("items").GetInt64().Should().Be(items);
        root.GetProperty("writeUnits").GetInt64().Should().Be(units);
        root.GetProperty("uncompressedBytes").GetInt64().Should().Be(bytes);
        var batch = root.GetProperty("batchWrite");
        batch.GetProperty("costUsd").GetDouble().Should().BeApproximately(units / 1e6 * 0.625, 1e-9);
        batch.GetProperty("seconds").GetDouble().Should().BeApproximately(units / 4000.0, 1e-6);
        batch.GetProperty("secondsAtQuota").GetDouble().Should().BeApproximately(units / 40000.0, 1e-6);
        var import = root.GetProperty("import");
        import.GetProperty("costUsd").GetDouble().Should().BeApproximately(bytes / (double)(1L << 30) * 0.15, 1e-9);
        import.GetProperty("objects").GetInt64().Should().Be((items + ExportOptions.DefaultItemsPerObject - 1) / ExportOptions.DefaultItemsPerObject);
        import.GetProperty("maxImportBytes").GetInt64().Should().Be(1_000_000_000_000L, "me-central-1 allows 1 TB per import");
        root.GetProperty("recommendation").GetString().Should().Be("BatchWriteItem");
    }

    [Fact]
    public async Task Recommendation_flips_to_Import_from_S3_above_one_gigabyte_and_back_for_an_existing_table_or_past_the_regional_limit()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);

        var small = await Plan(w);
        small.GetProperty("recommendation").GetString().Should().Be("BatchWriteItem");
        small.GetProperty("reason").GetString().Should().Contain("below the import threshold");
        small.GetProperty("uncompressedBytes").GetInt64().Should().BeLessThan(1L << 30);

        // The guide's events scaled to 10 million (sizes measured on the guide): above the documented 1 GB.
        var large = await Plan(w, "--assume", "EVENT=10000000");
        large.GetProperty("uncompressedBytes").GetInt64().Should().BeGreaterThan(1L << 30);
        large.GetProperty("entities").GetProperty("EVENT").GetProperty("assumed").GetBoolean().Should().BeTrue();
        large.GetProperty("recommendation").GetString().Should().Be("ImportFromS3", large.GetProperty("reason").GetString());
        large.GetProperty("import").GetProperty("costUsd").GetDouble().Should().BeLessThan(large.GetProperty("batchWrite").GetProperty("costUsd").GetDouble());

        var existing = await Plan(w, "--assume", "EVENT=10000000", "--existing-table");
        existing.GetProperty("recommendation").GetString().Should().Be("BatchWriteItem");
        existing.GetProperty("reason").GetString().Should().Contain("table exists");

        // 40 billion events are more than 1 TB of gzip objects: one import in me-central-1 cannot hold them, one in us-east-1 can.
        var huge = await Plan(w, "--assume", "EVENT=40000000000", "--items-per-object", "4000000");
        huge.GetProperty("compressedBytes").GetInt64().Should().BeGreaterThan(1_000_000_000_000L);
        huge.GetProperty("recommendation").GetString().Should().Be("BatchWriteItem");
        huge.GetProperty("reason").GetString().Should().Contain("at most 1 TB");
        var virginia = await Plan(w, "--assume", "EVENT=40000000000", "--items-per-object", "4000000", "--region", "us-east-1");
        virginia.GetProperty("recommendation").GetString().Should().Be("ImportFromS3", virginia.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Plan_refuses_a_malformed_assumption_with_usage_exit_code()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        var run = await w.VdpAsync("plan", "--assume", "EVENTS-many");
        run.ExitCode.Should().Be(2);
        run.StdErr.Should().Contain("--assume").And.Contain("EVENTS-many");
    }

    private static async Task<JsonElement> Plan(MigrationWorld w, params string[] extra)
    {
        var path = Path.Combine(w.Folder, $"plan-{Guid.NewGuid():N}.json");
        var args = new List<string> { "plan", "--sample", "0", "--report", path };
        args.AddRange(extra);
        var run = await w.VdpAsync([.. args]);
        run.ExitCode.Should().Be(0, run.All);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        return json.RootElement.Clone();
    }

    /// <summary>The entities of one table that the reader could read (rows it could not read are not items).</summary>
    private static async IAsyncEnumerable<object> EntitiesAsync(ParkingSourceReader reader, EntityType type)
    {
        switch (type)
        {
            case EntityType.Tenant: await foreach (var r in reader.ReadTenantsAsync()) { if (r.Entity is not null) { yield return r.Entity; } } break;
            case EntityType.Site: await foreach (var r in reader.ReadSitesAsync()) { if (r.Entity is not null) { yield return r.Entity; } } break;
            case EntityType.Zone: await foreach (var r in reader.ReadZonesAsync()) { if (r.Entity is not null) { yield return r.Entity; } } break;
            case EntityType.Bay: await foreach (var r in reader.ReadBaysAsync()) { if (r.Entity is not null) { yield return r.Entity; } } break;
            case EntityType.Sensor: await foreach (var r in reader.ReadSensorsAsync()) { if (r.Entity is not null) { yield return r.Entity; } } break;
            case EntityType.Event: await foreach (var r in reader.ReadEventsAsync()) { if (r.Entity is not null) { yield return r.Entity; } } break;
            case EntityType.Alert: await foreach (var r in reader.ReadAlertsAsync()) { if (r.Entity is not null) { yield return r.Entity; } } break;
            default: throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
    }
}
