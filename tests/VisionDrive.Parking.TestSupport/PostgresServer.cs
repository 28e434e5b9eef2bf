using System;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace VisionDrive.Parking.TestSupport;

/// <summary>
/// The PostgreSQL server of a test run: from <c>VDP_TEST_POSTGRES</c> when set; otherwise the PostgreSQL 15 this test process starts
/// (<see cref="Servers.LocalPostgres"/>: TLS verify-full against its own CA), or a failure naming the command that installs what is missing.
/// Each test class gets its own database (<see cref="CreateDatabaseAsync"/>), so classes run in parallel without sharing state.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync() => ConnectionString = await GetServerConnectionStringAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The server's connection string (role <c>vdp</c>, TLS verify-full), starting the server of this process when it is not set.</summary>
    public static Task<string> GetServerConnectionStringAsync() =>
        Task.FromResult(TestEnvironment.Require(TestEnvironment.PostgresVariable, "PostgreSQL"));

    /// <summary>Creates a fresh, uniquely named database and returns a connection string to it (same credentials and TLS settings).</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "vdp_t")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)].ToLowerInvariant();
        await using (var conn = new NpgsqlConnection(ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its connections.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
