namespace VisionDrive.Parking.Data.Postgres;

/// <summary>The source schema (tables <c>tenants</c> … <c>alerts</c>) as this library expects it, and a way to create it.</summary>
public static class ParkingSchema
{
    private const long ApplyLockKey = 0x5644505343484D41; // "VDPSCHMA": serialises concurrent ApplyAsync calls on one database.

    private static readonly Lazy<string> SqlText = new(() => Load("schema.sql"));
    private static readonly Lazy<string> CutoverSqlText = new(() => Load("cutover.sql"));

    /// <summary>The schema script (embedded resource <c>schema.sql</c>): <c>CREATE TABLE IF NOT EXISTS</c> for every table, and a hypertable where TimescaleDB is available.</summary>
    public static string Sql => SqlText.Value;

    /// <summary>Creates the tables that do not exist yet. Idempotent; concurrent calls on one database are serialised by an advisory lock.</summary>
    /// <param name="dataSource">The database; its role needs CREATE on the schema.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the schema exists.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is <see langword="null"/>.</exception>
    public static Task ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default) => ApplyScriptAsync(dataSource, Sql, cancellationToken);

    /// <summary>
    /// The cutover script (embedded resource <c>cutover.sql</c>): <c>vdp_outbox</c>, the transactional outbox of a store with
    /// <see cref="PostgresStoreOptions.Outbox"/> on, and <c>vdp_stream_checkpoint</c>, the DynamoDB Streams checkpoints (docs/cutover.md).
    /// </summary>
    public static string CutoverSql => CutoverSqlText.Value;

    /// <summary>Creates the cutover tables (<see cref="CutoverSql"/>) that do not exist yet. Idempotent; serialised like <see cref="ApplyAsync"/>.</summary>
    /// <param name="dataSource">The database; its role needs CREATE on the schema.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the tables exist.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is <see langword="null"/>.</exception>
    public static Task ApplyCutoverAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default) => ApplyScriptAsync(dataSource, CutoverSql, cancellationToken);

    private static async Task ApplyScriptAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
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

                using (var command = new NpgsqlCommand(sql, connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string Load(string name)
    {
        using var stream = typeof(ParkingSchema).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource '{name}' is missing from VisionDrive.Parking.Data.Postgres.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
