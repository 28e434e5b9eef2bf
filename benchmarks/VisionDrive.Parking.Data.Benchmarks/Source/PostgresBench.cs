using System;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.Datasets;

namespace VisionDrive.Parking.Data.Benchmarks.Source;

/// <summary>The PostgreSQL server for the read-path benchmarks: <c>VDP_TEST_POSTGRES</c>, a database of its own, seeded once.</summary>
public static class PostgresBench
{
    public const string Variable = "VDP_TEST_POSTGRES";

    public static bool IsConfigured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable));

    /// <summary>Creates <paramref name="database"/> when missing and seeds <paramref name="spec"/> into it when empty; returns its connection string.</summary>
    public static async Task<string> EnsureSeededAsync(string database, string spec)
    {
        var server = Environment.GetEnvironmentVariable(Variable)
                     ?? throw new InvalidOperationException($"{Variable} is not set: `bash scripts/services.sh --with-servers dotnet run ...` starts PostgreSQL and exports it.");
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", admin) { Parameters = { new() { Value = database } } };
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
                await create.ExecuteNonQueryAsync();
            }
        }

        var cs = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        await using var ds = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = cs });
        await ParkingSchema.ApplyAsync(ds);
        await using (var count = ds.CreateCommand("SELECT EXISTS (SELECT 1 FROM tenants)"))
        {
            if ((bool)(await count.ExecuteScalarAsync())!)
            {
                return cs;
            }
        }

        await ParkingDatasets.SeedAsync(ds, spec);
        return cs;
    }
}
