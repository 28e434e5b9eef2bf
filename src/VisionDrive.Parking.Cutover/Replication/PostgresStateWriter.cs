using System.Linq;

namespace VisionDrive.Parking.Cutover.Replication;

/// <summary>
/// Writes the primary's (DynamoDB's) state of one key to the PostgreSQL tables, applying only what is newer:
/// <c>INSERT … ON CONFLICT (id) DO UPDATE … WHERE table."updatedAt" &lt; excluded."updatedAt"</c> (sensors also take a newer
/// <c>lastSeenAt</c> at the same version), events insert-if-absent, alerts only move their status forward; a key absent at the
/// primary is deleted when the row is not newer than the version the primary deleted, and leaves a tombstone (<c>vdp_tombstone</c>): an
/// upsert of a state not newer than the key's tombstone changes nothing, so a late copy never brings a deleted row back. Every value is a parameter.
/// </summary>
/// <remarks>
/// A bay's status is not written: PostgreSQL derives it from its sensor and that sensor's events, which are replicated themselves.
/// A row whose parent is not there yet (foreign key, SQLSTATE 23503) or whose unique value another row still holds (23505) throws a
/// <see cref="PostgresException"/>: the caller keeps the key pending and retries, in order, later.
/// </remarks>
internal sealed class PostgresStateWriter
{
    private const string AlertRank = "CASE {0} WHEN 'OPEN' THEN 0 WHEN 'ACKNOWLEDGED' THEN 1 WHEN 'RESOLVED' THEN 2 ELSE 0 END";

    private readonly NpgsqlDataSource _dataSource;

    public PostgresStateWriter(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
    }

    /// <summary>Whether the exception means "retry later" (a parent not replicated yet, a unique value not released yet) rather than a bug.</summary>
    public static bool IsOrdering(Exception ex) => ex is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation or PostgresErrorCodes.UniqueViolation };

    /// <summary>Applies the state; <see langword="true"/> when a row changed.</summary>
    /// <param name="key">The key.</param>
    /// <param name="entity">The primary's entity, or <see langword="null"/> when it is absent there.</param>
    /// <param name="deletedVersion">For an absent key, the version of the item the primary deleted, when known (else the row is deleted whatever its version).</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    public async Task<bool> ApplyAsync(ChangedKey key, object? entity, DateTimeOffset? deletedVersion, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = entity is null ? Delete(key, deletedVersion) : Upsert(entity);
            if (command is null)
            {
                return false;
            }

            command.Connection = connection;
            return entity is null
                ? (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0 // the rows deleted
                : await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }
    }

    private static NpgsqlCommand Upsert(object entity)
    {
        switch (entity)
        {
            case Tenant t:
                return Command(
                    VersionedUpsert(EntityType.Tenant, "id", "name", "slug", "status", "createdAt", "updatedAt"),
                    Text(t.Id), Text(t.Name), Text(t.Slug), Text(t.Status), Time(t.CreatedAt), Time(t.UpdatedAt));
            case Site s:
                return Command(
                    VersionedUpsert(EntityType.Site, "id", "tenantId", "name", "address", "lat", "lng", "timezone", "createdAt", "updatedAt"),
                    Text(s.Id), Text(s.TenantId), Text(s.Name), Text(s.Address), Double(s.Lat), Double(s.Lng), Text(s.Timezone), Time(s.CreatedAt), Time(s.UpdatedAt));
            case Zone z:
                return Command(
                    VersionedUpsert(EntityType.Zone, "id", "tenantId", "siteId", "name", "kind", "tariff", "createdAt", "updatedAt"),
                    Text(z.Id), Text(z.TenantId), Text(z.SiteId), Text(z.Name), Text(z.Kind), Json(z.Tariff?.Raw), Time(z.CreatedAt), Time(z.UpdatedAt));
            case Bay b:
                return Command(
                    VersionedUpsert(EntityType.Bay, "id", "tenantId", "siteId", "zoneId", "code", "lat", "lng", "createdAt", "updatedAt"),
                    Text(b.Id), Text(b.TenantId), Text(b.SiteId), Text(b.ZoneId), Text(b.Code), Double(b.Lat), Double(b.Lng), Time(b.CreatedAt), Time(b.UpdatedAt));
            case Sensor s:
                return Command(
                    "INSERT INTO sensors AS r (id, \"tenantId\", \"siteId\", \"zoneId\", \"bayId\", \"devEui\", type, status, \"lastSeenAt\", \"createdAt\", \"updatedAt\") " +
                    $"SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 WHERE {NotDeleted(EntityType.Sensor, 11)} " +
                    "ON CONFLICT (id) DO UPDATE SET \"tenantId\" = excluded.\"tenantId\", \"siteId\" = excluded.\"siteId\", \"zoneId\" = excluded.\"zoneId\", \"bayId\" = excluded.\"bayId\", " +
                    "\"devEui\" = excluded.\"devEui\", type = excluded.type, status = excluded.status, \"lastSeenAt\" = GREATEST(r.\"lastSeenAt\", excluded.\"lastSeenAt\"), " +
                    "\"createdAt\" = excluded.\"createdAt\", \"updatedAt\" = excluded.\"updatedAt\" " +
                    "WHERE r.\"updatedAt\" < excluded.\"updatedAt\" OR (r.\"updatedAt\" = excluded.\"updatedAt\" AND excluded.\"lastSeenAt\" IS NOT NULL " +
                    "AND (r.\"lastSeenAt\" IS NULL OR r.\"lastSeenAt\" < excluded.\"lastSeenAt\"))",
                    Text(s.Id), Text(s.TenantId), Text(s.SiteId), Text(s.ZoneId), Text(s.BayId), Text(s.DevEui), Text(s.Type), Text(s.Status), Time(s.LastSeenAt), Time(s.CreatedAt), Time(s.UpdatedAt));
            case SensorEvent e:
                return Command(
                    "INSERT INTO sensor_events (id, time, \"tenantId\", \"sensorId\", kind, decoded) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id, time) DO NOTHING",
                    Text(e.Id), Time(e.Time), Text(e.TenantId), Text(e.SensorId), Text(e.Kind), Json(e.Decoded?.Raw));
            case Alert a:
                return Command(
                    "INSERT INTO alerts AS r (id, \"tenantId\", \"siteId\", \"zoneId\", \"bayId\", \"sensorId\", type, severity, status, message, \"createdAt\", \"resolvedAt\") " +
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) " +
                    "ON CONFLICT (id) DO UPDATE SET status = excluded.status, \"resolvedAt\" = excluded.\"resolvedAt\" " +
                    $"WHERE {string.Format(System.Globalization.CultureInfo.InvariantCulture, AlertRank, "r.status")} < {string.Format(System.Globalization.CultureInfo.InvariantCulture, AlertRank, "excluded.status")}",
                    Text(a.Id), Text(a.TenantId), Text(a.SiteId), Text(a.ZoneId), Text(a.BayId), Text(a.SensorId), Text(a.Type), Text(a.Severity), Text(a.Status), Text(a.Message),
                    Time(a.CreatedAt), Time(a.ResolvedAt));
            default:
                throw new ArgumentException($"{entity.GetType().FullName} is not an entity of the parking model.", nameof(entity));
        }
    }

    private static NpgsqlCommand? Delete(ChangedKey key, DateTimeOffset? deletedVersion)
    {
        if (key.Type is EntityType.Event or EntityType.Alert)
        {
            // Events are immutable (an absent one expired by TTL on DynamoDB: PostgreSQL keeps its history); alerts are never deleted.
            return null;
        }

        // The row goes when it is not newer than the version deleted, and the key's tombstone keeps the later of that version and the
        // deleted row's, so an older state copied late is not inserted again; with neither known (a direct copy of a key that PostgreSQL
        // never held), there is nothing to record.
        return Command(
            $"WITH d AS (DELETE FROM {key.Type.SourceTable()} WHERE id = $1 AND ($2::timestamptz IS NULL OR \"updatedAt\" <= $2::timestamptz) RETURNING \"updatedAt\"), " +
            "v AS (SELECT GREATEST((SELECT max(\"updatedAt\") FROM d), $2::timestamptz) AS version), " +
            "s AS (INSERT INTO vdp_tombstone AS t (entity_type, entity_id, version, deleted_at) SELECT $3, $1, v.version, now() FROM v WHERE v.version IS NOT NULL " +
            "ON CONFLICT (entity_type, entity_id) DO UPDATE SET version = GREATEST(t.version, excluded.version), deleted_at = excluded.deleted_at) " +
            "SELECT count(*) FROM d",
            Text(key.Id),
            Time(deletedVersion),
            Text(key.Type.Name()));
    }

    /// <summary>
    /// The apply-if-newer upsert of a versioned entity whose parameters are its <paramref name="columns"/> in order (<c>id</c> first,
    /// <c>updatedAt</c> last): inserted unless a tombstone refuses it, updated only by a newer <c>updatedAt</c>.
    /// </summary>
    private static string VersionedUpsert(EntityType type, params string[] columns)
    {
        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var values = string.Join(", ", columns.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"${i + 1}")));
        var updates = string.Join(", ", columns.Skip(1).Select(c => $"\"{c}\" = excluded.\"{c}\""));
        return $"INSERT INTO {type.SourceTable()} AS r ({names}) SELECT {values} WHERE {NotDeleted(type, columns.Length)} " +
               $"ON CONFLICT (id) DO UPDATE SET {updates} WHERE r.\"updatedAt\" < excluded.\"updatedAt\"";
    }

    /// <summary>
    /// The guard of an upsert: no tombstone of the key at the state's version (parameter <paramref name="versionParameter"/>) or later.
    /// </summary>
    private static string NotDeleted(EntityType type, int versionParameter) => string.Create(
        CultureInfo.InvariantCulture,
        $"NOT EXISTS (SELECT 1 FROM vdp_tombstone t WHERE t.entity_type = '{type.Name()}' AND t.entity_id = $1 AND t.version >= ${versionParameter}::timestamptz)");

    private static NpgsqlCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Double(double? value) => new() { NpgsqlDbType = NpgsqlDbType.Double, Value = value is { } v ? v : DBNull.Value };

    private static NpgsqlParameter Json(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Time(DateTimeOffset? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = value is { } v ? KeyTime.TruncateToMicroseconds(v).UtcDateTime : DBNull.Value };
}
