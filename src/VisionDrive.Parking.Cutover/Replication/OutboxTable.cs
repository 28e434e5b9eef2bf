namespace VisionDrive.Parking.Cutover.Replication;

/// <summary>One row of <c>vdp_outbox</c>: a key a committed PostgreSQL write touched.</summary>
internal readonly record struct OutboxRow(long Id, ChangedKey Key, DateTimeOffset? DeletedVersion);

/// <summary>The reads and deletes of <c>vdp_outbox</c> (created by <c>ParkingSchema.ApplyCutoverAsync</c>; the store inserts its rows).</summary>
internal sealed class OutboxTable
{
    private readonly NpgsqlDataSource _dataSource;

    public OutboxTable(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
    }

    /// <summary>The oldest rows, in id order.</summary>
    public async Task<List<OutboxRow>> ReadAsync(int limit, CancellationToken cancellationToken)
    {
        var rows = new List<OutboxRow>();
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                "SELECT id, entity_type, entity_id, event_time, deleted_version FROM vdp_outbox ORDER BY id LIMIT $1", connection);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (!EntityTypes.TryParse(reader.GetString(1), out var type))
                    {
                        throw new ParkingDataException($"vdp_outbox row {reader.GetInt64(0)} has the unknown entity type '{reader.GetString(1)}'.");
                    }

                    rows.Add(new OutboxRow(
                        reader.GetInt64(0),
                        new ChangedKey(type, reader.GetString(2), Time(reader, 3)),
                        Time(reader, 4)));
                }
            }
        }

        return rows;
    }

    /// <summary>For each key, its outbox rows' highest id and the latest deleted version among them (or none when the key has no row).</summary>
    public async Task<Dictionary<ChangedKey, (long MaxId, DateTimeOffset? DeletedVersion)>> SeenAsync(IReadOnlyCollection<ChangedKey> keys, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<ChangedKey, (long, DateTimeOffset?)>();
        if (keys.Count == 0)
        {
            return seen;
        }

        var (types, ids, times) = Arrays(keys);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                "SELECT o.entity_type, o.entity_id, o.event_time, max(o.id), max(o.deleted_version) FROM vdp_outbox o " +
                "JOIN unnest($1::text[], $2::text[], $3::timestamptz[]) AS k(t, i, e) " +
                "ON o.entity_type = k.t AND o.entity_id = k.i AND o.event_time IS NOT DISTINCT FROM k.e " +
                "GROUP BY o.entity_type, o.entity_id, o.event_time",
                connection);
            AddArrays(command, types, ids, times);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    EntityTypes.TryParse(reader.GetString(0), out var type);
                    seen[new ChangedKey(type, reader.GetString(1), Time(reader, 2))] = (reader.GetInt64(3), Time(reader, 4));
                }
            }
        }

        return seen;
    }

    /// <summary>Deletes the rows of <paramref name="key"/> with an id up to <paramref name="maxId"/> (rows added after the copy read its state stay).</summary>
    public async Task<int> DeleteAsync(ChangedKey key, long maxId, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                "DELETE FROM vdp_outbox WHERE entity_type = $1 AND entity_id = $2 AND event_time IS NOT DISTINCT FROM $3 AND id <= $4", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Type.Name() });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Id });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = key.Time is { } t ? KeyTime.TruncateToMicroseconds(t).UtcDateTime : DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = maxId });
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The number of rows: the secondary writes recorded and not yet applied.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand("SELECT count(*) FROM vdp_outbox", connection);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));

    private static (string[] Types, string[] Ids, DateTime?[] Times) Arrays(IReadOnlyCollection<ChangedKey> keys)
    {
        var types = new string[keys.Count];
        var ids = new string[keys.Count];
        var times = new DateTime?[keys.Count];
        var i = 0;
        foreach (var k in keys)
        {
            types[i] = k.Type.Name();
            ids[i] = k.Id;
            times[i] = k.Time is { } t ? KeyTime.TruncateToMicroseconds(t).UtcDateTime : null;
            i++;
        }

        return (types, ids, times);
    }

    private static void AddArrays(NpgsqlCommand command, string[] types, string[] ids, DateTime?[] times)
    {
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = types });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = ids });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = times });
    }
}
