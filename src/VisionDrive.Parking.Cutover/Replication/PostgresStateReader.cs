using VisionDrive.Parking.Data.Infrastructure;

namespace VisionDrive.Parking.Cutover.Replication;

/// <summary>Reads the PostgreSQL state of a key: the store's own reads (a bay with its derived status), and events by their key (id, time).</summary>
internal sealed class PostgresStateReader
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresParkingStore _store;

    public PostgresStateReader(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _store = new PostgresParkingStore(dataSource);
    }

    /// <summary>The entity of the key, or <see langword="null"/> when PostgreSQL has none.</summary>
    public async Task<object?> ReadAsync(ChangedKey key, CancellationToken cancellationToken) => key.Type switch
    {
        EntityType.Tenant => await _store.GetTenantAsync(key.Id, cancellationToken).ConfigureAwait(false),
        EntityType.Site => await _store.GetSiteAsync(key.Id, cancellationToken).ConfigureAwait(false),
        EntityType.Zone => await _store.GetZoneAsync(key.Id, cancellationToken).ConfigureAwait(false),
        EntityType.Bay => await _store.GetBayAsync(key.Id, cancellationToken).ConfigureAwait(false),
        EntityType.Sensor => await _store.GetSensorAsync(key.Id, cancellationToken).ConfigureAwait(false),
        EntityType.Alert => await _store.GetAlertAsync(key.Id, cancellationToken).ConfigureAwait(false),
        EntityType.Event => await ReadEventAsync(key, cancellationToken).ConfigureAwait(false),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key.Type, "Unknown entity type."),
    };

    private async Task<SensorEvent?> ReadEventAsync(ChangedKey key, CancellationToken cancellationToken)
    {
        var time = key.Time ?? throw new ArgumentException($"The event key '{key.Id}' has no time; an event's key is (id, time).", nameof(key));
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                "SELECT id, time, \"tenantId\", \"sensorId\", kind, decoded::text FROM sensor_events WHERE id = $1 AND time = $2", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Id });
            command.Parameters.Add(new NpgsqlParameter<DateTime> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = KeyTime.TruncateToMicroseconds(time).UtcDateTime });
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                var at = new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc));
                var tenant = reader.IsDBNull(2) ? throw Null(key, "tenantId") : reader.GetString(2);
                var sensor = reader.IsDBNull(3) ? throw Null(key, "sensorId") : reader.GetString(3);
                var kind = reader.IsDBNull(4) ? throw Null(key, "kind") : reader.GetString(4);
                var decoded = reader.IsDBNull(5) ? null : TrustedJson.Wrap(reader.GetString(5));
                return new SensorEvent(reader.GetString(0), at, tenant, sensor, kind, decoded);
            }
        }
    }

    private static InvalidEntityException Null(ChangedKey key, string column) =>
        new(EntityType.Event, key.Id + "@" + KeyTime.ToKey(key.Time!.Value), column, "is NULL in the source, but the entity needs it; fix the row.");
}
