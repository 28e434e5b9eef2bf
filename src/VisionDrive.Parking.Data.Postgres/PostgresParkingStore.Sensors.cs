using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.Data.Keys;
using VisionDrive.Parking.Data.Postgres.Internal;

namespace VisionDrive.Parking.Data.Postgres;

public sealed partial class PostgresParkingStore
{
    /// <summary>SQL for <see cref="DevEui.Normalize"/>: drop <c>: - .</c> and white space, upper-case ASCII letters only.</summary>
    internal const string NormalizedDevEuiSql =
        "translate(regexp_replace(\"devEui\", '[:.[:space:]-]', '', 'g'), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')";

    /// <inheritdoc />
    public async ValueTask<Sensor?> GetSensorAsync(string sensorId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        var row = await QuerySingleAsync<SensorRow>($"SELECT {SensorRow.Columns} FROM sensors WHERE id = @id", new { id = sensorId }, cancellationToken).ConfigureAwait(false);
        return row?.ToEntity();
    }

    /// <inheritdoc />
    public async ValueTask<Sensor?> GetSensorByDevEuiAsync(string devEui, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(devEui);
        var row = await QuerySingleAsync<SensorRow>(
            $"SELECT {SensorRow.Columns} FROM sensors WHERE {NormalizedDevEuiSql} = @devEui ORDER BY id COLLATE \"C\" LIMIT 1",
            new { devEui = DevEui.Normalize(devEui) },
            cancellationToken).ConfigureAwait(false);
        return row?.ToEntity();
    }

    /// <inheritdoc />
    public Task<Page<Sensor>> ListSensorsByZoneAsync(string zoneId, PageRequest page = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zoneId);
        return ListByIdAsync<SensorRow, Sensor>(
            "sensors-of-zone", $"SELECT {SensorRow.Columns} FROM sensors WHERE \"zoneId\" = @zoneId", Args("zoneId", zoneId), page, r => r.Id, r => r.ToEntity(), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<bool> TouchLastSeenAsync(string sensorId, DateTimeOffset seenAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                "UPDATE sensors SET \"lastSeenAt\" = $2 WHERE id = $1 AND (\"lastSeenAt\" IS NULL OR \"lastSeenAt\" < $2)", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sensorId });
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Required.ToSource(seenAt) });
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }
    }
}
