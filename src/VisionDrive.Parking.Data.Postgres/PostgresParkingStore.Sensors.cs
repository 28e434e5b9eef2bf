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
            $"SELECT {SensorRow.Columns} FROM sensors WHERE {NormalizedDevEuiSql} = @devEui ORDER BY (status IS NOT DISTINCT FROM 'decommissioned'), id COLLATE \"C\" LIMIT 1",
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
            // With the outbox on, one statement writes the sensor and its outbox row (WITH … UPDATE … RETURNING): atomic without a transaction.
            using var command = new NpgsqlCommand(
                WithOutbox("UPDATE sensors SET \"lastSeenAt\" = $2 WHERE id = $1 AND (\"lastSeenAt\" IS NULL OR \"lastSeenAt\" < $2)", EntityType.Sensor, "$3"), connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sensorId });
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Required.ToSource(seenAt) });
            if (_outbox)
            {
                command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Required.ToSource(_clock.GetUtcNow()) });
            }

            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// One transaction: the id checked; the bay (<c>FOR UPDATE</c>), zone or site of the tenant locked; an advisory lock on the normalised DevEUI
    /// and no other sensor that is not decommissioned with it; no other sensor on the bay; <c>INSERT INTO sensors</c>.
    /// </remarks>
    public ValueTask<Sensor> RegisterSensorAsync(Sensor sensor, CancellationToken cancellationToken = default)
    {
        WriteValidation.Check(sensor);
        return new(InTransactionAsync(async (c, t) =>
        {
            if (await ExistsAsync(c, t, "SELECT 1 FROM sensors WHERE id = @id", new { id = sensor.Id }, cancellationToken).ConfigureAwait(false))
            {
                throw new EntityConflictException(EntityType.Sensor, sensor.Id, "a sensor with this id exists; choose another id.");
            }

            var placed = await PlaceSensorAsync(c, t, sensor, cancellationToken).ConfigureAwait(false);
            var now = Required.ToSource(EntityVersion.First(_clock));
            var row = await RowAsync<SensorRow>(
                c,
                t,
                $"INSERT INTO sensors (id, \"tenantId\", \"siteId\", \"zoneId\", \"bayId\", \"devEui\", type, status, \"lastSeenAt\", \"createdAt\", \"updatedAt\") " +
                $"VALUES (@Id, @TenantId, @SiteId, @ZoneId, @BayId, @DevEui, @Type, @Status, NULL, @now, @now) RETURNING {SensorRow.Columns}",
                new { placed.Id, placed.TenantId, placed.SiteId, placed.ZoneId, placed.BayId, placed.DevEui, placed.Type, placed.Status, now },
                cancellationToken).ConfigureAwait(false);
            await OutboxAsync(c, t, EntityType.Sensor, placed.Id, cancellationToken).ConfigureAwait(false);
            if (placed.BayId is { } joined)
            {
                await OutboxAsync(c, t, EntityType.Bay, joined, cancellationToken).ConfigureAwait(false);
            }

            return row!.ToEntity();
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>
    /// One transaction: the sensor locked and its version checked, then as <see cref="RegisterSensorAsync"/>; <c>UPDATE sensors</c> (not
    /// <c>"lastSeenAt"</c>). The bays it leaves and joins derive their status from <c>sensors."bayId"</c>, so nothing else is written.
    /// </remarks>
    public ValueTask<Sensor> UpdateSensorAsync(Sensor sensor, CancellationToken cancellationToken = default)
    {
        WriteValidation.Check(sensor);
        return new(InTransactionAsync(async (c, t) =>
        {
            var next = await LockVersionAsync(c, t, EntityType.Sensor, sensor.TenantId, sensor.Id, sensor.UpdatedAt, cancellationToken).ConfigureAwait(false);
            var left = await BayOfSensorAsync(c, t, sensor.Id, cancellationToken).ConfigureAwait(false);
            var placed = await PlaceSensorAsync(c, t, sensor, cancellationToken).ConfigureAwait(false);
            var row = await RowAsync<SensorRow>(
                c,
                t,
                $"UPDATE sensors SET \"siteId\" = @SiteId, \"zoneId\" = @ZoneId, \"bayId\" = @BayId, \"devEui\" = @DevEui, type = @Type, status = @Status, \"updatedAt\" = @next " +
                $"WHERE id = @Id RETURNING {SensorRow.Columns}",
                new { placed.Id, placed.SiteId, placed.ZoneId, placed.BayId, placed.DevEui, placed.Type, placed.Status, next },
                cancellationToken).ConfigureAwait(false);

            // The bays it leaves and joins derive their sensor and status from it: their state changes too.
            await OutboxAsync(c, t, EntityType.Sensor, placed.Id, cancellationToken).ConfigureAwait(false);
            if (left is not null)
            {
                await OutboxAsync(c, t, EntityType.Bay, left, cancellationToken).ConfigureAwait(false);
            }

            if (placed.BayId is { } joined && joined != left)
            {
                await OutboxAsync(c, t, EntityType.Bay, joined, cancellationToken).ConfigureAwait(false);
            }

            return row!.ToEntity();
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>One transaction: the sensor locked, version checked, no alert naming it, <c>DELETE FROM sensors</c> (its events stay).</remarks>
    public ValueTask DeleteSensorAsync(string tenantId, string sensorId, DateTimeOffset version, CancellationToken cancellationToken = default)
    {
        WriteValidation.Id(tenantId, nameof(tenantId));
        WriteValidation.Id(sensorId, nameof(sensorId));
        return new(InTransactionAsync(async (c, t) =>
        {
            await LockVersionAsync(c, t, EntityType.Sensor, tenantId, sensorId, version, cancellationToken).ConfigureAwait(false);
            await CheckNoChildrenAsync(c, t, EntityType.Sensor, sensorId, "sensorId", [("alerts", "alerts")], cancellationToken).ConfigureAwait(false);
            var left = await BayOfSensorAsync(c, t, sensorId, cancellationToken).ConfigureAwait(false);
            await ExecAsync(c, t, "DELETE FROM sensors WHERE id = @sensorId", new { sensorId }, cancellationToken).ConfigureAwait(false);
            await OutboxAsync(c, t, EntityType.Sensor, sensorId, cancellationToken, deletedVersion: version).ConfigureAwait(false);
            if (left is not null)
            {
                await OutboxAsync(c, t, EntityType.Bay, left, cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken));
    }

    private static Task<string?> BayOfSensorAsync(NpgsqlConnection c, NpgsqlTransaction t, string sensorId, CancellationToken cancellationToken) =>
        c.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT \"bayId\" FROM sensors WHERE id = @sensorId", new { sensorId }, t, cancellationToken: cancellationToken));

    /// <summary>Resolves the sensor's site/zone from its bay or zone (locked) and checks the DevEUI and the bay are free.</summary>
    private static async Task<Sensor> PlaceSensorAsync(NpgsqlConnection c, NpgsqlTransaction t, Sensor sensor, CancellationToken cancellationToken)
    {
        var placed = sensor;
        if (sensor.BayId is { } bayId)
        {
            var bay = await RowAsync<BayPlacementRow>(
                c, t, "SELECT b.id, b.\"siteId\", b.\"zoneId\" FROM bays b WHERE b.id = @bayId AND b.\"tenantId\" = @tenantId FOR UPDATE", new { bayId, tenantId = sensor.TenantId }, cancellationToken).ConfigureAwait(false)
                ?? throw new EntityNotFoundException(EntityType.Bay, bayId, sensor.TenantId);
            SensorPlacement.CheckZone(sensor, bay.ZoneId!);
            placed = sensor with { ZoneId = bay.ZoneId, SiteId = bay.SiteId! };
        }
        else if (sensor.ZoneId is { } zoneId)
        {
            placed = sensor with { SiteId = await ZoneSiteAsync(c, t, sensor.TenantId, zoneId, cancellationToken).ConfigureAwait(false) };
        }
        else
        {
            await LockOwnAsync(c, t, EntityType.Site, sensor.TenantId, sensor.SiteId, cancellationToken, share: true).ConfigureAwait(false);
        }

        if (!SensorPlacement.IsDecommissioned(sensor))
        {
            var devEui = DevEui.Normalize(sensor.DevEui);
            await LockAsync(c, t, "vdp-deveui:" + devEui, cancellationToken).ConfigureAwait(false);
            if (await ExistsAsync(
                c, t, $"SELECT 1 FROM sensors WHERE {NormalizedDevEuiSql} = @devEui AND status IS DISTINCT FROM 'decommissioned' AND id <> @id", new { devEui, id = sensor.Id }, cancellationToken).ConfigureAwait(false))
            {
                throw SensorPlacement.DevEuiTaken(sensor);
            }
        }

        if (placed.BayId is { } b
            && await ExistsAsync(c, t, "SELECT 1 FROM sensors WHERE \"bayId\" = @b AND id <> @id", new { b, id = sensor.Id }, cancellationToken).ConfigureAwait(false))
        {
            throw SensorPlacement.BayTaken(sensor);
        }

        return placed;
    }
}
