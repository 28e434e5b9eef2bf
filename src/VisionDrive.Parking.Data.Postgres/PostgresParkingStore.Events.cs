namespace VisionDrive.Parking.Data.Postgres;

public sealed partial class PostgresParkingStore
{
    /// <inheritdoc />
    public Task<Page<SensorEvent>> ListSensorEventsAsync(string sensorId, TimeRange range, PageRequest page = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        return ListEventsAsync("events-of-sensor", "\"sensorId\" = @owner", sensorId, range, page, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Page<SensorEvent>> ListTenantEventsAsync(string tenantId, TimeRange range, PageRequest page = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return ListEventsAsync("events-of-tenant", "\"tenantId\" = @owner", tenantId, range, page, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<RecordEventResult> RecordEventAsync(SensorEvent sensorEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sensorEvent);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // Idempotent on the event's key (id, time), the source's primary key, as on DynamoDB (docs/access-patterns.md): serialise its deliveries.
                var time = Required.ToSource(sensorEvent.Time);
                await LockAsync(connection, transaction, "vdp-event:" + sensorEvent.Id + "@" + KeyTime.ToKey(sensorEvent.Time), cancellationToken).ConfigureAwait(false);
                var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "SELECT EXISTS (SELECT 1 FROM sensor_events WHERE id = @id AND time = @time)", new { id = sensorEvent.Id, time }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (exists)
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return new RecordEventResult(Created: false, BayStatusChanged: false);
                }

                string? bayId = null;
                BayStatusRow? before = null;
                if (EventKinds.ChangesOccupancy(sensorEvent.Kind))
                {
                    bayId = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                        "SELECT \"bayId\" FROM sensors WHERE id = @id", new { id = sensorEvent.SensorId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                    if (bayId is not null)
                    {
                        await LockAsync(connection, transaction, "vdp-bay:" + bayId, cancellationToken).ConfigureAwait(false);
                        before = await ReadBayStatusAsync(connection, transaction, bayId, cancellationToken).ConfigureAwait(false);
                    }
                }

                using (var insert = new NpgsqlCommand(
                    "INSERT INTO sensor_events (id, time, \"tenantId\", \"sensorId\", kind, decoded) VALUES ($1, $2, $3, $4, $5, $6)", connection, transaction))
                {
                    insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sensorEvent.Id });
                    insert.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Required.ToSource(sensorEvent.Time) });
                    insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sensorEvent.TenantId });
                    insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sensorEvent.SensorId });
                    insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sensorEvent.Kind });
                    insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = (object?)sensorEvent.Decoded?.Raw ?? DBNull.Value });
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await OutboxAsync(connection, transaction, EntityType.Event, sensorEvent.Id, cancellationToken, eventTime: sensorEvent.Time).ConfigureAwait(false);
                if (bayId is not null)
                {
                    await OutboxAsync(connection, transaction, EntityType.Bay, bayId, cancellationToken).ConfigureAwait(false);
                }

                var changed = false;
                if (bayId is not null && before is not null)
                {
                    var after = await ReadBayStatusAsync(connection, transaction, bayId, cancellationToken).ConfigureAwait(false);
                    changed = after is not null
                        && after.StatusEventId == sensorEvent.Id
                        && (before.StatusKind == EventKinds.Arrive) != (after.StatusKind == EventKinds.Arrive);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new RecordEventResult(Created: true, BayStatusChanged: changed);
            }
        }
    }

    private async Task<Page<SensorEvent>> ListEventsAsync(string listing, string ownerCondition, string owner, TimeRange range, PageRequest page, CancellationToken cancellationToken)
    {
        var after = PageToken.Decode(page.ContinuationToken, listing, 2);
        var args = new DynamicParameters();
        args.Add("owner", owner);
        args.Add("from", Required.ToSource(range.From));
        args.Add("to", Required.ToSource(range.To));
        args.Add("limitPlusOne", page.Limit + 1);
        var sql = $"SELECT {EventRow.Columns} FROM sensor_events WHERE {ownerCondition} AND time >= @from AND time < @to";
        if (after is not null)
        {
            args.Add("afterTime", PageToken.DecodeTime(after[0]));
            args.Add("afterId", after[1]);
            sql += " AND time <= @afterTime AND (time < @afterTime OR id COLLATE \"C\" < @afterId)";
        }

        sql += " ORDER BY time DESC, id COLLATE \"C\" DESC LIMIT @limitPlusOne";
        var rows = await QueryListAsync<EventRow>(sql, args, cancellationToken).ConfigureAwait(false);
        return ToPage(rows, page.Limit, r => r.ToEntity(), last => PageToken.Encode(listing, KeyTime.ToKey(Required.Utc(last.Time)), last.Id));
    }

    private static async Task<BayStatusRow?> ReadBayStatusAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string bayId, CancellationToken cancellationToken) =>
        await connection.QueryFirstOrDefaultAsync<BayStatusRow>(new CommandDefinition(
            $"SELECT b.id, {BayStatusSql.Columns} FROM (SELECT @bayId::text AS id) b {BayStatusSql.Join}",
            new { bayId },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string key, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext($1))", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
