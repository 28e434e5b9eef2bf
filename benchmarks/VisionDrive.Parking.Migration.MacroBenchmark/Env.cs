using System;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Npgsql;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.Datasets;

namespace VisionDrive.Parking.Migration.MacroBenchmark;

/// <summary>Servers from <c>scripts/services.sh --with-servers</c>: <c>VDP_TEST_POSTGRES</c>, <c>VDP_TEST_DYNAMODB_URL</c>, <c>VDP_DYNAMODB_PID</c>.</summary>
internal static class Env
{
    public static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v
            ? v
            : throw new InvalidOperationException($"{name} is not set: run it under `VDP_DYNAMODB_XMX=5g bash scripts/services.sh --with-servers dotnet run ...` (which starts PostgreSQL and DynamoDB Local and exports it).");

    public static AmazonDynamoDBClient DynamoDb() => new(
        new BasicAWSCredentials("bench", "bench"),
        new AmazonDynamoDBConfig { ServiceURL = Required("VDP_TEST_DYNAMODB_URL"), AuthenticationRegion = "me-central-1", MaxErrorRetry = 3 });

    public static NpgsqlDataSource Source(string database) =>
        ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = new NpgsqlConnectionStringBuilder(Required("VDP_TEST_POSTGRES")) { Database = database }.ConnectionString });

    /// <summary>Creates the database when missing and seeds it when empty; returns the seeding time (zero when it was already seeded).</summary>
    public static async Task<TimeSpan> EnsureSeededAsync(string database, string spec)
    {
        await using (var admin = new NpgsqlConnection(Required("VDP_TEST_POSTGRES")))
        {
            await admin.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", admin) { Parameters = { new() { Value = database } } };
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
                await create.ExecuteNonQueryAsync();
            }
        }

        await using var ds = Source(database);
        await ParkingSchema.ApplyAsync(ds);
        await using (var any = ds.CreateCommand("SELECT EXISTS (SELECT 1 FROM tenants)"))
        {
            if ((bool)(await any.ExecuteScalarAsync())!)
            {
                return TimeSpan.Zero;
            }
        }

        var summary = await ParkingDatasets.SeedAsync(ds, spec);
        return summary.Elapsed;
    }
}
