namespace VisionDrive.Parking.Data.Postgres;

/// <summary>
/// Every access pattern of <see cref="IParkingStore"/> over the source PostgreSQL/TimescaleDB schema (<see cref="ParkingSchema"/>), with the
/// semantics of the DynamoDB store: byte-order (<c>COLLATE "C"</c>) text ordering, newest-first events by time then id, half-open time
/// ranges, opaque continuation tokens, and a bay status derived from its sensor's latest ARRIVE/LEAVE event. Thread-safe.
/// </summary>
/// <remarks>A row with a NULL in a column its entity needs (possible in a production database without NOT NULL constraints) makes the read
/// that meets it throw <see cref="InvalidEntityException"/> naming the row and column; the streaming readers report such rows instead.</remarks>
public sealed partial class PostgresParkingStore : IParkingStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;
    private readonly bool _outbox;

    /// <summary>Creates the store.</summary>
    /// <param name="dataSource">The source database (see <see cref="ParkingDataSource.Create"/>); not disposed by the store.</param>
    /// <param name="timeProvider">The clock that versions writes (<c>updatedAt</c>); <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="options">How the store writes (the transactional outbox of the online cutover); the defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is <see langword="null"/>.</exception>
    public PostgresParkingStore(NpgsqlDataSource dataSource, TimeProvider? timeProvider = null, PostgresStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _clock = timeProvider ?? TimeProvider.System;
        _outbox = options?.Outbox ?? false;
    }

    private async Task<TRow?> QuerySingleAsync<TRow>(string sql, object args, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.QueryFirstOrDefaultAsync<TRow>(new CommandDefinition(sql, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    private async Task<List<TRow>> QueryListAsync<TRow>(string sql, object args, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<TRow>(new CommandDefinition(sql, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return rows.AsList();
        }
    }

    /// <summary>A page of rows ordered by id (byte order): <paramref name="sql"/> selects from a table with a <c>WHERE</c> and no order.</summary>
    private async Task<Page<TEntity>> ListByIdAsync<TRow, TEntity>(
        string listing, string sql, DynamicParameters args, PageRequest page, Func<TRow, string> idOf, Func<TRow, TEntity> map, CancellationToken cancellationToken)
    {
        var after = PageToken.Decode(page.ContinuationToken, listing, 1);
        if (after is not null)
        {
            sql += " AND id COLLATE \"C\" > @afterId";
            args.Add("afterId", after[0]);
        }

        sql += " ORDER BY id COLLATE \"C\" LIMIT @limitPlusOne";
        args.Add("limitPlusOne", page.Limit + 1);
        var rows = await QueryListAsync<TRow>(sql, args, cancellationToken).ConfigureAwait(false);
        return ToPage(rows, page.Limit, map, last => PageToken.Encode(listing, idOf(last)));
    }

    private static Page<TEntity> ToPage<TRow, TEntity>(List<TRow> rows, int limit, Func<TRow, TEntity> map, Func<TRow, string> tokenOf)
    {
        string? token = null;
        if (rows.Count > limit)
        {
            rows.RemoveRange(limit, rows.Count - limit);
            token = tokenOf(rows[^1]);
        }

        return new Page<TEntity>(rows.Select(map).ToList(), token);
    }

    private static DynamicParameters Args(string name, object? value)
    {
        var args = new DynamicParameters();
        args.Add(name, value);
        return args;
    }
}
