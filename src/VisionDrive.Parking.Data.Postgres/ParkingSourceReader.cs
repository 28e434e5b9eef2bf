using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;

namespace VisionDrive.Parking.Data.Postgres;

/// <summary>
/// Streams every source table for the migration, memory bounded whatever the table size, ordered by a key so that a run can resume after
/// the last key it acknowledged (<see cref="SourceReadOptions.AfterKey"/>), and filterable by key range, segment and event time.
/// A row that cannot become an entity is yielded as a <see cref="RowFailure"/> (table, primary key, column, reason, the row as JSON),
/// never thrown and never skipped. Each stream uses one pooled connection at a time; the reader itself is thread-safe.
/// </summary>
/// <remarks>
/// Keys: the id for tenants, sites, zones, bays, sensors and alerts, compared in byte order (<c>COLLATE "C"</c>); for <c>sensor_events</c>
/// <c>yyyy-MM-ddTHH:mm:ss.ffffffZ|id</c>, ordered by time then id. <c>sensor_events</c> are streamed by one ordered query whose rows are
/// consumed as they arrive; the other tables by keyset pages of <see cref="SourceReadOptions.PageSize"/> rows (see <c>docs/source.md</c> for the measurements).
/// </remarks>
public sealed class ParkingSourceReader
{
    private const string TimeOk = "(isfinite({0}) AND {0} >= '0001-01-01 00:00:00+00' AND {0} < '10000-01-01 00:00:00+00')";

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;

    /// <summary>Creates a reader.</summary>
    /// <param name="dataSource">The source database; a read-only role is enough. Not disposed by the reader.</param>
    /// <param name="logger">Receives a warning per row failure (no values, only table, key, column and reason); <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is <see langword="null"/>.</exception>
    public ParkingSourceReader(NpgsqlDataSource dataSource, ILogger<ParkingSourceReader>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Closes the idle pooled connections of the reader's data source: after a server restart or failover they are dead, and the next read
    /// opens new ones. The migration engine calls it before it resumes from its checkpoint after a lost source connection.
    /// </summary>
    public void ClearPool() => _dataSource.Clear();

    /// <summary>How <c>sensor_events</c> are fetched; for measurements and tests.</summary>
    internal SourceReadStrategy EventStrategy { get; set; } = SourceReadStrategy.SingleQuery;

    /// <summary>How the other tables are fetched; for measurements and tests.</summary>
    internal SourceReadStrategy TableStrategy { get; set; } = SourceReadStrategy.Keyset;

    /// <summary>Streams <c>tenants</c> by id.</summary>
    /// <param name="options">Range, segment and page size; <see langword="null"/> for the whole table.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The rows, each an entity or a failure.</returns>
    /// <exception cref="ArgumentException">An option is invalid (thrown when enumeration starts).</exception>
    public IAsyncEnumerable<SourceRow<Tenant>> ReadTenantsAsync(SourceReadOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadAsync(SourceTables.Tenants, options, cancellationToken);

    /// <summary>Streams <c>sites</c> by id.</summary>
    /// <param name="options">Range, segment and page size; <see langword="null"/> for the whole table.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The rows, each an entity or a failure.</returns>
    /// <exception cref="ArgumentException">An option is invalid (thrown when enumeration starts).</exception>
    public IAsyncEnumerable<SourceRow<Site>> ReadSitesAsync(SourceReadOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadAsync(SourceTables.Sites, options, cancellationToken);

    /// <summary>Streams <c>zones</c> by id.</summary>
    /// <param name="options">Range, segment and page size; <see langword="null"/> for the whole table.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The rows, each an entity or a failure.</returns>
    /// <exception cref="ArgumentException">An option is invalid (thrown when enumeration starts).</exception>
    public IAsyncEnumerable<SourceRow<Zone>> ReadZonesAsync(SourceReadOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadAsync(SourceTables.Zones, options, cancellationToken);

    /// <summary>Streams <c>bays</c> by id, each with its derived status (as <see cref="IZoneStore.GetBayAsync"/> gives it).</summary>
    /// <param name="options">Range, segment and page size; <see langword="null"/> for the whole table.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The rows, each an entity or a failure.</returns>
    /// <exception cref="ArgumentException">An option is invalid (thrown when enumeration starts).</exception>
    public IAsyncEnumerable<SourceRow<Bay>> ReadBaysAsync(SourceReadOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadAsync(SourceTables.Bays, options, cancellationToken);

    /// <summary>Streams <c>sensors</c> by id.</summary>
    /// <param name="options">Range, segment and page size; <see langword="null"/> for the whole table.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The rows, each an entity or a failure.</returns>
    /// <exception cref="ArgumentException">An option is invalid (thrown when enumeration starts).</exception>
    public IAsyncEnumerable<SourceRow<Sensor>> ReadSensorsAsync(SourceReadOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadAsync(SourceTables.Sensors, options, cancellationToken);

    /// <summary>Streams <c>sensor_events</c> by time then id.</summary>
    /// <param name="options">Range, segment, event time and page size; <see langword="null"/> for the whole table.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The rows, each an entity or a failure.</returns>
    /// <exception cref="ArgumentException">An option is invalid (thrown when enumeration starts).</exception>
    public IAsyncEnumerable<SourceRow<SensorEvent>> ReadEventsAsync(SourceReadOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadAsync(SourceTables.Events, options, cancellationToken);

    /// <summary>Streams <c>alerts</c> by id.</summary>
    /// <param name="options">Range, segment and page size; <see langword="null"/> for the whole table.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The rows, each an entity or a failure.</returns>
    /// <exception cref="ArgumentException">An option is invalid (thrown when enumeration starts).</exception>
    public IAsyncEnumerable<SourceRow<Alert>> ReadAlertsAsync(SourceReadOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadAsync(SourceTables.Alerts, options, cancellationToken);

    /// <summary>Counts the rows a stream with the same options would yield (failures included).</summary>
    /// <param name="type">The entity type (table).</param>
    /// <param name="options">The same filters as for the stream; <see cref="SourceReadOptions.PageSize"/> is ignored.</param>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>The row count.</returns>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public async Task<long> CountAsync(EntityType type, SourceReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SourceReadOptions();
        options.Validate(type);
        var args = SqlArguments.ForCommand();
        var where = Where(type, options, args);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand($"SELECT count(*) FROM {type.SourceTable()} t WHERE {where}", connection);
            args.Bind(command);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    /// <summary>
    /// The keys deleted since <paramref name="since"/> while the online cutover replicates: the tombstones of <c>vdp_tombstone</c>
    /// (docs/cutover.md, "Ordering and idempotence"), each with the version deleted. None where the cutover tables do not exist. An
    /// online backfill reads them after its writes: a row it read just before the application deleted it must not stay in the table.
    /// </summary>
    /// <param name="since">The earliest deletion time returned.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The deleted keys, in no particular order.</returns>
    /// <exception cref="ParkingDataException">A tombstone names an unknown entity type (the row is named).</exception>
    public async Task<IReadOnlyList<(EntityType Type, string Id, DateTimeOffset Version)>> ReadDeletedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var deleted = new List<(EntityType, string, DateTimeOffset)>();
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using (var exists = new NpgsqlCommand("SELECT to_regclass('vdp_tombstone') IS NOT NULL", connection))
            {
                if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                {
                    return deleted;
                }
            }

            using var command = new NpgsqlCommand("SELECT entity_type, entity_id, version FROM vdp_tombstone WHERE deleted_at >= $1", connection);
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = since.UtcDateTime });
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (!EntityTypes.TryParse(reader.GetString(0), out var type))
                    {
                        throw new ParkingDataException(
                            $"vdp_tombstone row ('{reader.GetString(0)}', '{reader.GetString(1)}') has the unknown entity_type '{reader.GetString(0)}': " +
                            "expected TENANT, SITE, ZONE, BAY or SENSOR. Correct or delete the row, then run the command again.");
                    }

                    deleted.Add((type, reader.GetString(1), new DateTimeOffset(reader.GetFieldValue<DateTime>(2), TimeSpan.Zero)));
                }
            }
        }

        return deleted;
    }

    private IAsyncEnumerable<SourceRow<T>> ReadAsync<T>(SourceTable<T> table, SourceReadOptions? options, CancellationToken cancellationToken)
        where T : class
    {
        options ??= new SourceReadOptions();
        options.Validate(table.Type);
        return Core(cancellationToken);

        async IAsyncEnumerable<SourceRow<T>> Core([EnumeratorCancellation] CancellationToken ct = default)
        {
            var strategy = table.IsEvents ? EventStrategy : TableStrategy;
            await foreach (var raw in ReadRawAsync(table.Type, table.Columns, table.Join, options, strategy, ct).ConfigureAwait(false))
            {
                var row = table.ToSourceRow(raw);
                if (row.Failure is { } failure)
                {
                    Log.RowFailed(_logger, failure.Table, failure.PrimaryKey, failure.Field, failure.Reason);
                }

                yield return row;
            }
        }
    }

    private async IAsyncEnumerable<RawRow> ReadRawAsync(
        EntityType type, SourceColumn[] columns, string? join, SourceReadOptions options, SourceReadStrategy strategy, [EnumeratorCancellation] CancellationToken ct)
    {
        var row = new RawRow(columns);
        var select = SelectList(columns);
        var order = type == EntityType.Event ? "t.time, t.id COLLATE \"C\"" : "t.id COLLATE \"C\"";
        var from = $"{type.SourceTable()} t {join}";
        switch (strategy)
        {
            case SourceReadStrategy.Keyset:
            {
                var first = true;
                while (true)
                {
                    var args = SqlArguments.ForCommand();
                    var where = Where(type, options, args, first ? null : row);
                    var sql = $"SELECT {select} FROM {from} WHERE {where} ORDER BY {order} LIMIT {args.Integer(options.PageSize)}";
                    var count = 0;
                    var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
                    await using (connection.ConfigureAwait(false))
                    {
                        using var command = new NpgsqlCommand(sql, connection);
                        args.Bind(command);
                        var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                        await using (reader.ConfigureAwait(false))
                        {
                            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                            {
                                Fill(row, reader);
                                count++;
                                yield return row;
                            }
                        }
                    }

                    Log.ReaderPage(_logger, count, type.SourceTable(), first ? "(start)" : "the previous page");
                    if (count < options.PageSize)
                    {
                        yield break;
                    }

                    first = false;
                }
            }

            case SourceReadStrategy.SingleQuery:
            case SourceReadStrategy.Cursor:
            {
                var args = SqlArguments.ForCommand();
                var sql = $"SELECT {select} FROM {from} WHERE {Where(type, options, args)} ORDER BY {order}";
                var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    if (strategy == SourceReadStrategy.Cursor)
                    {
                        var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
                        await using (transaction.ConfigureAwait(false))
                        {
                            using (var declare = new NpgsqlCommand("DECLARE vdp_source NO SCROLL CURSOR FOR " + sql, connection, transaction))
                            {
                                args.Bind(declare);
                                await declare.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                            }

                            using var fetch = new NpgsqlCommand("FETCH FORWARD " + options.PageSize.ToString(CultureInfo.InvariantCulture) + " FROM vdp_source", connection, transaction);
                            while (true)
                            {
                                var count = 0;
                                var reader = await fetch.ExecuteReaderAsync(ct).ConfigureAwait(false);
                                await using (reader.ConfigureAwait(false))
                                {
                                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                                    {
                                        Fill(row, reader);
                                        count++;
                                        yield return row;
                                    }
                                }

                                if (count < options.PageSize)
                                {
                                    break;
                                }
                            }

                            await transaction.CommitAsync(ct).ConfigureAwait(false);
                        }

                        yield break;
                    }

                    using var command = new NpgsqlCommand(sql, connection);
                    args.Bind(command);
                    var streamReader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct).ConfigureAwait(false);
                    var completed = false;
                    try
                    {
                        while (await streamReader.ReadAsync(ct).ConfigureAwait(false))
                        {
                            FillSequential(row, streamReader);
                            yield return row;
                        }

                        completed = true;
                    }
                    finally
                    {
                        await CloseEarlyAsync(completed, command, streamReader).ConfigureAwait(false);
                    }
                }

                yield break;
            }

            case SourceReadStrategy.BinaryCopy:
            {
                var args = SqlArguments.ForCopy();
                var sql = $"COPY (SELECT {select} FROM {from} WHERE {Where(type, options, args)} ORDER BY {order}) TO STDOUT (FORMAT BINARY)";
                var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    await args.SetInSessionAsync(connection, ct).ConfigureAwait(false);
                    var exporter = await connection.BeginBinaryExportAsync(sql, ct).ConfigureAwait(false);
                    var completed = false;
                    try
                    {
                        while (await exporter.StartRowAsync(ct).ConfigureAwait(false) >= 0)
                        {
                            await FillAsync(row, exporter, ct).ConfigureAwait(false);
                            yield return row;
                        }

                        completed = true;
                    }
                    finally
                    {
                        if (!completed)
                        {
                            try
                            {
                                await exporter.CancelAsync().ConfigureAwait(false);
                            }
                            catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or InvalidOperationException)
                            {
                                // The export is abandoned; the connection is reset by the pool if it cannot be reused.
                            }
                        }

                        try
                        {
                            await exporter.DisposeAsync().ConfigureAwait(false);
                        }
                        catch (Exception ex) when (!completed && ex is NpgsqlException or OperationCanceledException or InvalidOperationException)
                        {
                            // Cancelling a COPY surfaces as an error on dispose; the consumer stopped early on purpose.
                        }
                    }
                }

                yield break;
            }

            default:
                throw new InvalidOperationException("Unknown read strategy " + strategy);
        }
    }

    private static async Task CloseEarlyAsync(bool completed, NpgsqlCommand command, NpgsqlDataReader reader)
    {
        if (!completed)
        {
            try
            {
                command.Cancel();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // Best effort: without a cancel the rest of the result is drained on dispose.
            }
        }

        try
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (!completed && ex is NpgsqlException or OperationCanceledException)
        {
            // The cancelled query reports 57014 query_canceled; the consumer stopped early on purpose.
        }
    }

    private static string SelectList(SourceColumn[] columns)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < columns.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            var c = columns[i];
            var alias = "c" + i.ToString(CultureInfo.InvariantCulture);
            switch (c.Kind)
            {
                case ColumnKind.Json:
                    sb.Append(c.Sql).Append("::text AS ").Append(alias);
                    break;
                case ColumnKind.Time:
                    var ok = string.Format(CultureInfo.InvariantCulture, TimeOk, c.Sql);
                    sb.Append("CASE WHEN ").Append(ok).Append(" THEN ").Append(c.Sql).Append(" END AS ").Append(alias)
                        .Append(", CASE WHEN ").Append(c.Sql).Append(" IS NOT NULL AND NOT ").Append(ok).Append(" THEN ").Append(c.Sql).Append("::text END AS ").Append(alias).Append('b');
                    break;
                default:
                    sb.Append(c.Sql).Append(" AS ").Append(alias);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// The WHERE clause (over alias <c>t</c>) for the options, plus "after this row" for keyset paging; every value in it goes through
    /// <paramref name="args"/> (a resume key read from a state file never becomes SQL text).
    /// </summary>
    private static string Where(EntityType type, SourceReadOptions options, SqlArguments args, RawRow? afterRow = null)
    {
        var parts = new List<string> { "true" };
        if (type == EntityType.Event)
        {
            if (options.AfterKey is not null && SourceKey.TryParseEventKey(options.AfterKey, out var at, out var aid))
            {
                parts.Add(EventAfter(args.Time(at), args.Text(aid)));
            }

            if (options.UpToKey is not null && SourceKey.TryParseEventKey(options.UpToKey, out var ut, out var uid))
            {
                var time = args.Time(ut);
                parts.Add($"(t.time < {time} OR (t.time = {time} AND t.id COLLATE \"C\" <= {args.Text(uid)}))");
            }

            if (options.EventTime is { } range)
            {
                parts.Add($"t.time >= {args.Time(Required.ToSource(range.From))} AND t.time < {args.Time(Required.ToSource(range.To))}");
            }
        }
        else
        {
            if (options.AfterKey is not null)
            {
                parts.Add($"t.id COLLATE \"C\" > {args.Text(options.AfterKey)}");
            }

            if (options.UpToKey is not null)
            {
                parts.Add($"t.id COLLATE \"C\" <= {args.Text(options.UpToKey)}");
            }
        }

        if (options.SegmentCount > 1)
        {
            parts.Add($"mod(abs(hashtext(t.id)::bigint), {args.Integer(options.SegmentCount)}) = {args.Integer(options.SegmentIndex)}");
        }

        if (afterRow is not null)
        {
            parts.Add(AfterRow(type, afterRow, args));
        }

        return string.Join(" AND ", parts);
    }

    private static string EventAfter(string time, string id) =>
        $"(t.time > {time} OR (t.time = {time} AND t.id COLLATE \"C\" > {id}))";

    /// <summary>The keyset condition "after the row just read".</summary>
    private static string AfterRow(EntityType type, RawRow last, SqlArguments args)
    {
        var id = args.Text(last.Values[0] as string ?? "");
        if (type != EntityType.Event)
        {
            return $"t.id COLLATE \"C\" > {id}";
        }

        var time = last.BadTimes[1] is { } bad ? args.TimeText(bad) : args.Time((DateTime)last.Values[1]!);
        return EventAfter(time, id);
    }

    private static void Fill(RawRow row, NpgsqlDataReader reader)
    {
        row.Reset();
        var p = 0;
        for (var i = 0; i < row.Columns.Length; i++)
        {
            switch (row.Columns[i].Kind)
            {
                case ColumnKind.Double:
                    row.Values[i] = reader.IsDBNull(p) ? null : reader.GetDouble(p);
                    p++;
                    break;
                case ColumnKind.Time:
                    row.Values[i] = reader.IsDBNull(p) ? null : reader.GetFieldValue<DateTime>(p);
                    row.BadTimes[i] = reader.IsDBNull(p + 1) ? null : reader.GetString(p + 1);
                    p += 2;
                    break;
                default:
                    row.Values[i] = reader.IsDBNull(p) ? null : reader.GetString(p);
                    p++;
                    break;
            }
        }
    }

    /// <summary>As <see cref="Fill"/>, reading each column once, in order (for <see cref="System.Data.CommandBehavior.SequentialAccess"/>).</summary>
    private static void FillSequential(RawRow row, NpgsqlDataReader reader)
    {
        row.Reset();
        var p = 0;
        for (var i = 0; i < row.Columns.Length; i++)
        {
            switch (row.Columns[i].Kind)
            {
                case ColumnKind.Double:
                    row.Values[i] = reader.IsDBNull(p) ? null : reader.GetDouble(p);
                    p++;
                    break;
                case ColumnKind.Time:
                    row.Values[i] = reader.IsDBNull(p) ? null : reader.GetFieldValue<DateTime>(p);
                    p++;
                    row.BadTimes[i] = reader.IsDBNull(p) ? null : reader.GetString(p);
                    p++;
                    break;
                default:
                    row.Values[i] = reader.IsDBNull(p) ? null : reader.GetString(p);
                    p++;
                    break;
            }
        }
    }

    private static async Task FillAsync(RawRow row, NpgsqlBinaryExporter exporter, CancellationToken ct)
    {
        row.Reset();
        for (var i = 0; i < row.Columns.Length; i++)
        {
            switch (row.Columns[i].Kind)
            {
                case ColumnKind.Double:
                    row.Values[i] = exporter.IsNull ? await SkipAsync(exporter, ct).ConfigureAwait(false) : await exporter.ReadAsync<double>(NpgsqlDbType.Double, ct).ConfigureAwait(false);
                    break;
                case ColumnKind.Time:
                    row.Values[i] = exporter.IsNull ? await SkipAsync(exporter, ct).ConfigureAwait(false) : await exporter.ReadAsync<DateTime>(NpgsqlDbType.TimestampTz, ct).ConfigureAwait(false);
                    row.BadTimes[i] = exporter.IsNull ? (string?)await SkipAsync(exporter, ct).ConfigureAwait(false) : await exporter.ReadAsync<string>(NpgsqlDbType.Text, ct).ConfigureAwait(false);
                    break;
                default:
                    row.Values[i] = exporter.IsNull ? await SkipAsync(exporter, ct).ConfigureAwait(false) : await exporter.ReadAsync<string>(NpgsqlDbType.Text, ct).ConfigureAwait(false);
                    break;
            }
        }
    }

    private static async Task<object?> SkipAsync(NpgsqlBinaryExporter exporter, CancellationToken ct)
    {
        await exporter.SkipAsync(ct).ConfigureAwait(false);
        return null;
    }
}
