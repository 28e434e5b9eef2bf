namespace VisionDrive.Parking.Data.Postgres;

public sealed partial class PostgresParkingStore
{
    /// <inheritdoc />
    public async ValueTask<Alert?> GetAlertAsync(string alertId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alertId);
        var row = await QuerySingleAsync<AlertRow>($"SELECT {AlertRow.Columns} FROM alerts WHERE id = @id", new { id = alertId }, cancellationToken).ConfigureAwait(false);
        return row?.ToEntity();
    }

    /// <inheritdoc />
    public Task<Page<Alert>> ListAlertsByStatusAsync(string tenantId, string status, PageRequest page = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(status);
        var args = new DynamicParameters();
        args.Add("tenantId", tenantId);
        args.Add("status", status);
        return ListAlertsAsync("alerts-by-status", "\"tenantId\" = @tenantId AND status = @status", args, page, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Page<Alert>> ListAlertsByZoneAsync(string zoneId, PageRequest page = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zoneId);
        return ListAlertsAsync("alerts-of-zone", "\"zoneId\" = @zoneId", Args("zoneId", zoneId), page, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Page<Alert>> ListAlertsBySensorAsync(string sensorId, PageRequest page = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        return ListAlertsAsync("alerts-of-sensor", "\"sensorId\" = @sensorId", Args("sensorId", sensorId), page, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<bool> RaiseAlertAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                WithOutbox(
                    "INSERT INTO alerts (id, \"tenantId\", \"siteId\", \"zoneId\", \"bayId\", \"sensorId\", type, severity, status, message, \"createdAt\", \"resolvedAt\") " +
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (id) DO NOTHING",
                    EntityType.Alert,
                    "$13"),
                connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.Id });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.TenantId });
            command.Parameters.Add(Text(alert.SiteId));
            command.Parameters.Add(Text(alert.ZoneId));
            command.Parameters.Add(Text(alert.BayId));
            command.Parameters.Add(Text(alert.SensorId));
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.Type });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.Severity });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.Status });
            command.Parameters.Add(Text(alert.Message));
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Required.ToSource(alert.CreatedAt) });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz, Value = alert.ResolvedAt is { } r ? Required.ToSource(r) : DBNull.Value });
            if (_outbox)
            {
                command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Required.ToSource(_clock.GetUtcNow()) });
            }

            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }
    }

    /// <inheritdoc />
    public ValueTask<Alert?> AcknowledgeAlertAsync(string alertId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alertId);
        return UpdateAlertAsync(
            "UPDATE alerts SET status = 'ACKNOWLEDGED' WHERE id = @id AND status = 'OPEN'", new { id = alertId }, alertId, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<Alert?> ResolveAlertAsync(string alertId, DateTimeOffset resolvedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alertId);
        return UpdateAlertAsync(
            "UPDATE alerts SET status = 'RESOLVED', \"resolvedAt\" = @resolvedAt WHERE id = @id AND status IS DISTINCT FROM 'RESOLVED'",
            new { id = alertId, resolvedAt = Required.ToSource(resolvedAt) },
            alertId,
            cancellationToken);
    }

    private async ValueTask<Alert?> UpdateAlertAsync(string update, object args, string alertId, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var parameters = new DynamicParameters(args);
            if (_outbox)
            {
                parameters.Add("outboxNow", Required.ToSource(_clock.GetUtcNow()));
            }

            await connection.ExecuteAsync(new CommandDefinition(WithOutbox(update, EntityType.Alert, "@outboxNow"), parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var row = await connection.QueryFirstOrDefaultAsync<AlertRow>(new CommandDefinition(
                $"SELECT {AlertRow.Columns} FROM alerts WHERE id = @id", new { id = alertId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return row?.ToEntity();
        }
    }

    private async Task<Page<Alert>> ListAlertsAsync(string listing, string condition, DynamicParameters args, PageRequest page, CancellationToken cancellationToken)
    {
        var after = PageToken.Decode(page.ContinuationToken, listing, 2);
        var sql = $"SELECT {AlertRow.Columns} FROM alerts WHERE {condition}";
        if (after is not null)
        {
            args.Add("afterTime", PageToken.DecodeTime(after[0]));
            args.Add("afterId", after[1]);
            sql += " AND \"createdAt\" <= @afterTime AND (\"createdAt\" < @afterTime OR id COLLATE \"C\" < @afterId)";
        }

        sql += " ORDER BY \"createdAt\" DESC, id COLLATE \"C\" DESC LIMIT @limitPlusOne";
        args.Add("limitPlusOne", page.Limit + 1);
        var rows = await QueryListAsync<AlertRow>(sql, args, cancellationToken).ConfigureAwait(false);
        return ToPage(rows, page.Limit, r => r.ToEntity(), last => PageToken.Encode(listing, KeyTime.ToKey(Required.Utc(last.CreatedAt ?? DateTime.MinValue)), last.Id));
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };
}
