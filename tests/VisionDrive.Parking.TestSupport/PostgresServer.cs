using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Testcontainers.PostgreSql;
using Xunit;

namespace VisionDrive.Parking.TestSupport;

/// <summary>
/// The PostgreSQL server of a test run: from <c>VDP_TEST_POSTGRES</c> when set (TLS verify-full against the local CA);
/// otherwise a Testcontainers PostgreSQL where a Docker engine answers; otherwise a failure that says how to start the servers.
/// Each test class gets its own database (<see cref="CreateDatabaseAsync"/>), so classes run in parallel without sharing state.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _sharedConnectionString;
    private static PostgreSqlContainer? _container;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync() => ConnectionString = await GetServerConnectionStringAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static async Task<string> GetServerConnectionStringAsync()
    {
        var fromEnv = TestEnvironment.Get(TestEnvironment.PostgresVariable);
        if (fromEnv is not null)
        {
            return fromEnv;
        }

        await Gate.WaitAsync();
        try
        {
            if (_sharedConnectionString is not null)
            {
                return _sharedConnectionString;
            }

            try
            {
                _container = new PostgreSqlBuilder("postgres:15").Build();
                await _container.StartAsync();
                _sharedConnectionString = _container.GetConnectionString();
                return _sharedConnectionString;
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL is not configured: {TestEnvironment.PostgresVariable} is not set and Testcontainers could not start a container " +
                    $"({ex.GetType().Name}: {ex.Message.Split('\n')[0]}). {TestEnvironment.HowToStart}", ex);
            }
        }
        finally
        {
            Gate.Release();
        }
    }

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
