namespace VisionDrive.Parking.Data.Postgres;

/// <content>What every write shares: one transaction, row locks, the version check.</content>
public sealed partial class PostgresParkingStore
{
    /// <summary>Runs <paramref name="work"/> in one READ COMMITTED transaction; rows it checks are locked with <c>FOR UPDATE</c>/<c>FOR SHARE</c>.</summary>
    private async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await work(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }

    private static Task<TRow?> RowAsync<TRow>(NpgsqlConnection c, NpgsqlTransaction t, string sql, object args, CancellationToken cancellationToken) =>
        c.QueryFirstOrDefaultAsync<TRow>(new CommandDefinition(sql, args, t, cancellationToken: cancellationToken))!;

    private static Task<bool> ExistsAsync(NpgsqlConnection c, NpgsqlTransaction t, string sql, object args, CancellationToken cancellationToken) =>
        c.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (" + sql + ")", args, t, cancellationToken: cancellationToken));

    private static Task<int> ExecAsync(NpgsqlConnection c, NpgsqlTransaction t, string sql, object args, CancellationToken cancellationToken) =>
        c.ExecuteAsync(new CommandDefinition(sql, args, t, cancellationToken: cancellationToken));

    /// <summary>Locks the row <paramref name="id"/> of <paramref name="type"/> and <paramref name="tenantId"/> and returns its version, or throws not found.</summary>
    private static async Task<DateTimeOffset> LockOwnAsync(
        NpgsqlConnection c, NpgsqlTransaction t, EntityType type, string tenantId, string id, CancellationToken cancellationToken, bool share = false)
    {
        var idColumn = type == EntityType.Tenant ? "id" : "\"tenantId\"";
        var updatedAt = await c.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            $"SELECT \"updatedAt\" FROM {type.SourceTable()} WHERE id = @id AND {idColumn} = @tenantId FOR {(share ? "SHARE" : "UPDATE")}",
            new { id, tenantId },
            t,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return updatedAt is { } u ? Required.Utc(u) : throw new EntityNotFoundException(type, id, tenantId);
    }

    /// <summary>Locks the row for a versioned write: not found, or stale when its version is not <paramref name="expected"/>; returns the next version.</summary>
    private async Task<DateTime> LockVersionAsync(
        NpgsqlConnection c, NpgsqlTransaction t, EntityType type, string tenantId, string id, DateTimeOffset expected, CancellationToken cancellationToken)
    {
        var current = await LockOwnAsync(c, t, type, tenantId, id, cancellationToken).ConfigureAwait(false);
        if (!EntityVersion.Same(current, expected))
        {
            throw new StaleVersionException(type, id, expected, current);
        }

        return Required.ToSource(EntityVersion.Next(current, _clock));
    }

    private static async Task CheckNoChildrenAsync(NpgsqlConnection c, NpgsqlTransaction t, EntityType type, string id, string column, (string Table, string What)[] children, CancellationToken cancellationToken)
    {
        foreach (var (table, what) in children)
        {
            if (await ExistsAsync(c, t, $"SELECT 1 FROM {table} WHERE \"{column}\" = @id", new { id }, cancellationToken).ConfigureAwait(false))
            {
                throw new EntityConflictException(type, id, $"still has {what}; delete or move them first.");
            }
        }
    }
}
