using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace VisionDrive.Parking.Data.Postgres;

/// <summary>The source schema (tables <c>tenants</c> … <c>alerts</c>) as this library expects it, and a way to create it.</summary>
public static class ParkingSchema
{
    private const long ApplyLockKey = 0x5644505343484D41; // "VDPSCHMA": serialises concurrent ApplyAsync calls on one database.

    private static readonly Lazy<string> SqlText = new(Load);

    /// <summary>The schema script (embedded resource <c>schema.sql</c>): <c>CREATE TABLE IF NOT EXISTS</c> for every table, and a hypertable where TimescaleDB is available.</summary>
    public static string Sql => SqlText.Value;

    /// <summary>Creates the tables that do not exist yet. Idempotent; concurrent calls on one database are serialised by an advisory lock.</summary>
    /// <param name="dataSource">The database; its role needs CREATE on the schema.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the schema exists.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is <see langword="null"/>.</exception>
    public static async Task ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
                {
                    lockCommand.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ApplyLockKey });
                    await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                using (var command = new NpgsqlCommand(Sql, connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string Load()
    {
        using var stream = typeof(ParkingSchema).Assembly.GetManifestResourceStream("schema.sql")
            ?? throw new InvalidOperationException("The embedded resource 'schema.sql' is missing from VisionDrive.Parking.Data.Postgres.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
