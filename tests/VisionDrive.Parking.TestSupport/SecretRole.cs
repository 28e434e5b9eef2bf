using System;
using System.Threading.Tasks;
using Npgsql;
namespace VisionDrive.Parking.TestSupport;

/// <summary>
/// A PostgreSQL role of the test's own with a recognisable password, owning a fresh database (so it can seed it), made over the
/// superuser socket connection (<c>VDP_TEST_POSTGRES_ADMIN</c>); dropped on dispose.
/// </summary>
public sealed class SecretRole : IAsyncDisposable
{
    private SecretRole(string name, string password, string database, string connectionString)
    {
        Name = name;
        Password = password;
        Database = database;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string Password { get; }

    public string Database { get; }

    /// <summary>TLS verify-full to the role's database, as the shared server's connection string (same host, port, CA).</summary>
    public string ConnectionString { get; }

    public static async Task<SecretRole> CreateAsync(PostgresServer pg, bool ownsDatabase = true)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var name = "vdp_sec_" + id;
        var password = "VdpPw/" + id + "+Recognisable-" + Guid.NewGuid().ToString("N")[..8];
        var database = "vdp_secdb_" + id;
        await AdminAsync($"CREATE ROLE {name} LOGIN PASSWORD '{password}'");
        await AdminAsync(ownsDatabase ? $"CREATE DATABASE {database} OWNER {name}" : $"CREATE DATABASE {database}");
        var cs = new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Database = database, Username = name, Password = password }.ConnectionString;
        return new SecretRole(name, password, database, cs);
    }

    public static async Task AdminAsync(string sql, string? database = null)
    {
        var admin = new NpgsqlConnectionStringBuilder(TestEnvironment.Require("VDP_TEST_POSTGRES_ADMIN", "The PostgreSQL superuser connection"));
        if (database is not null)
        {
            admin.Database = database;
        }

        await using var conn = new NpgsqlConnection(admin.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await AdminAsync($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)");
            await AdminAsync($"DROP ROLE IF EXISTS {Name}");
        }
        catch (NpgsqlException)
        {
        }
    }
}
