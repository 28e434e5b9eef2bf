namespace VisionDrive.Parking.Cutover.Replication;

/// <summary>The checkpoints of the stream applier in PostgreSQL (<c>vdp_stream_checkpoint</c>): per shard, the last sequence number applied.</summary>
internal sealed class StreamCheckpoints
{
    private readonly NpgsqlDataSource _dataSource;

    public StreamCheckpoints(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
    }

    public async Task<Dictionary<string, (string SequenceNumber, bool Closed)>> LoadAsync(string streamArn, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand("SELECT shard_id, sequence_number, closed FROM vdp_stream_checkpoint WHERE stream_arn = $1", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamArn });
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    result[reader.GetString(0)] = (reader.GetString(1), reader.GetBoolean(2));
                }
            }
        }

        return result;
    }

    /// <summary>Moves the shard's checkpoint forward (never back: sequence numbers compare as numbers, so two appliers cannot rewind it).</summary>
    public async Task SaveAsync(string streamArn, string shardId, string sequenceNumber, bool closed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                "INSERT INTO vdp_stream_checkpoint AS c (stream_arn, shard_id, sequence_number, closed, updated_at) VALUES ($1, $2, $3, $4, $5) " +
                "ON CONFLICT (stream_arn, shard_id) DO UPDATE SET sequence_number = CASE WHEN c.sequence_number::numeric < excluded.sequence_number::numeric THEN excluded.sequence_number ELSE c.sequence_number END, closed = c.closed OR excluded.closed, updated_at = excluded.updated_at " +
                "WHERE c.sequence_number::numeric < excluded.sequence_number::numeric OR (excluded.closed AND NOT c.closed)",
                connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamArn });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = shardId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sequenceNumber });
            command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = closed });
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now.UtcDateTime });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
