namespace VisionDrive.Parking.Data.Postgres;

/// <content>The transactional outbox (<see cref="PostgresStoreOptions.Outbox"/>): the keys a write touched, in the write's transaction.</content>
public sealed partial class PostgresParkingStore
{
    /// <summary>The insert into <c>vdp_outbox</c> of one key: <c>$1</c> entity type, <c>$2</c> id, <c>$3</c> event time, <c>$4</c> deleted version, <c>$5</c> now.</summary>
    internal const string OutboxInsertSql =
        "INSERT INTO vdp_outbox (entity_type, entity_id, event_time, deleted_version, created_at) VALUES ($1, $2, $3, $4, $5)";

    /// <summary>
    /// The outbox row of a delete and the key's tombstone (<c>vdp_tombstone</c>, the latest version kept), in one statement: the same
    /// parameters as <see cref="OutboxInsertSql"/>. A late copy of an older state never brings the row back (docs/cutover.md, "Tombstones").
    /// </summary>
    internal const string OutboxAndTombstoneSql =
        "WITH o AS (" + OutboxInsertSql + ") INSERT INTO vdp_tombstone AS t (entity_type, entity_id, version, deleted_at) VALUES ($1, $2, $4, $5) " +
        "ON CONFLICT (entity_type, entity_id) DO UPDATE SET version = GREATEST(t.version, excluded.version), deleted_at = excluded.deleted_at";

    /// <summary>Records that the write in <paramref name="t"/> touched the key (when the outbox is on), and a delete's tombstone; the caller commits.</summary>
    private async Task OutboxAsync(
        NpgsqlConnection c, NpgsqlTransaction t, EntityType type, string id, CancellationToken cancellationToken, DateTimeOffset? eventTime = null, DateTimeOffset? deletedVersion = null)
    {
        if (!_outbox)
        {
            return;
        }

        using var command = new NpgsqlCommand(deletedVersion is null ? OutboxInsertSql : OutboxAndTombstoneSql, c, t);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = type.Name() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        command.Parameters.Add(OptionalTime(eventTime));
        command.Parameters.Add(OptionalTime(deletedVersion));
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Required.ToSource(_clock.GetUtcNow()) });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The outbox rows of a single-statement write: <c>WITH w AS (&lt;write&gt; RETURNING id) INSERT INTO vdp_outbox … SELECT … FROM w</c>, or the write alone.</summary>
    /// <param name="write">The write, ending in <c>RETURNING id</c> when the outbox is on (the caller appends it through this method's result).</param>
    /// <param name="type">The entity type of the rows written.</param>
    /// <param name="nowParameter">The positional parameter (e.g. <c>$3</c>) holding the current time, for <c>created_at</c>.</param>
    private string WithOutbox(string write, EntityType type, string nowParameter) =>
        !_outbox
            ? write
            : $"WITH w AS ({write} RETURNING id) INSERT INTO vdp_outbox (entity_type, entity_id, event_time, deleted_version, created_at) " +
              $"SELECT '{type.Name()}', w.id, NULL, NULL, {nowParameter} FROM w";

    private static NpgsqlParameter OptionalTime(DateTimeOffset? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = value is { } v ? Required.ToSource(v) : DBNull.Value };
}
