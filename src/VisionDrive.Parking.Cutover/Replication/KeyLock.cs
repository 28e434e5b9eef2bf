namespace VisionDrive.Parking.Cutover.Replication;

/// <summary>
/// A per-key lock across every process of the cutover (API instances, workers, <c>vdp</c>): a PostgreSQL transaction-scoped advisory lock
/// on a hash of the key, held while a copy reads the primary's state and writes it to the secondary. Two copies of one key then never
/// interleave, so a copy that read an older state cannot write it after a copy that read the newer one (DynamoDB keeps no tombstone: a put
/// after a delete would bring the item back). Released when disposed, or by PostgreSQL when the process dies.
/// </summary>
internal sealed class KeyLock : IAsyncDisposable
{
    /// <summary>How long a copy waits for another copy of the same key; past it, the copy fails and its outbox row stays for the applier.</summary>
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private KeyLock(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>Whether copies of the key are locked: the keys a delete can remove (events are immutable, alerts never deleted).</summary>
    public static bool Needed(ChangedKey key) => key.Type is not (EntityType.Event or EntityType.Alert);

    /// <summary>Waits for the key's lock (at most <see cref="Timeout"/>, then a <see cref="PostgresException"/> 55P03).</summary>
    public static async Task<KeyLock> AcquireAsync(NpgsqlDataSource dataSource, ChangedKey key, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            using (var timeout = new NpgsqlCommand("SELECT set_config('lock_timeout', $1, true)", connection, transaction))
            {
                timeout.Parameters.Add(new NpgsqlParameter<string> { TypedValue = string.Create(CultureInfo.InvariantCulture, $"{(long)Timeout.TotalMilliseconds}ms") });
                await timeout.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction))
            {
                lockCommand.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "vdp-copy:" + key.Type.Name() + ":" + key.Id });
                await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return new KeyLock(connection, transaction);
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }

            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _transaction.DisposeAsync().ConfigureAwait(false); // a rollback: the lock goes with the transaction
        }
        finally
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
