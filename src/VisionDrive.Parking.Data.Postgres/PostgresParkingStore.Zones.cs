namespace VisionDrive.Parking.Data.Postgres;

public sealed partial class PostgresParkingStore
{
    /// <inheritdoc />
    public async ValueTask<Zone?> GetZoneAsync(string zoneId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zoneId);
        var row = await QuerySingleAsync<ZoneRow>($"SELECT {ZoneRow.Columns} FROM zones WHERE id = @id", new { id = zoneId }, cancellationToken).ConfigureAwait(false);
        return row?.ToEntity();
    }

    /// <inheritdoc />
    public Task<Page<Zone>> ListZonesByTenantAsync(string tenantId, PageRequest page = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return ListByIdAsync<ZoneRow, Zone>(
            "zones-of-tenant", $"SELECT {ZoneRow.Columns} FROM zones WHERE \"tenantId\" = @tenantId", Args("tenantId", tenantId), page, r => r.Id, r => r.ToEntity(), cancellationToken);
    }

    /// <inheritdoc />
    public Task<Page<Zone>> ListZonesBySiteAsync(string siteId, PageRequest page = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(siteId);
        return ListByIdAsync<ZoneRow, Zone>(
            "zones-of-site", $"SELECT {ZoneRow.Columns} FROM zones WHERE \"siteId\" = @siteId", Args("siteId", siteId), page, r => r.Id, r => r.ToEntity(), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<ZoneWithBays?> GetZoneWithBaysAsync(string zoneId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zoneId);
        var zone = await GetZoneAsync(zoneId, cancellationToken).ConfigureAwait(false);
        if (zone is null)
        {
            return null;
        }

        var bays = await QueryListAsync<BayRow>(
            $"SELECT {BayRow.Columns} FROM bays b {BayStatusSql.Join} WHERE b.\"zoneId\" = @zoneId ORDER BY b.code COLLATE \"C\", b.id COLLATE \"C\"",
            new { zoneId },
            cancellationToken).ConfigureAwait(false);
        return new ZoneWithBays(zone, bays.Select(b => b.ToEntity()).ToList());
    }

    /// <inheritdoc />
    public async ValueTask<Bay?> GetBayAsync(string bayId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bayId);
        var row = await QuerySingleAsync<BayRow>(
            $"SELECT {BayRow.Columns} FROM bays b {BayStatusSql.Join} WHERE b.id = @id", new { id = bayId }, cancellationToken).ConfigureAwait(false);
        return row?.ToEntity();
    }

    /// <inheritdoc />
    /// <remarks>One transaction: the site of the tenant locked (<c>FOR SHARE</c>), the id checked, <c>INSERT INTO zones</c> (tariff as jsonb).</remarks>
    public ValueTask<Zone> CreateZoneAsync(Zone zone, CancellationToken cancellationToken = default)
    {
        WriteValidation.Check(zone);
        return new(InTransactionAsync(async (c, t) =>
        {
            await LockOwnAsync(c, t, EntityType.Site, zone.TenantId, zone.SiteId, cancellationToken, share: true).ConfigureAwait(false);
            if (await ExistsAsync(c, t, "SELECT 1 FROM zones WHERE id = @id", new { id = zone.Id }, cancellationToken).ConfigureAwait(false))
            {
                throw new EntityConflictException(EntityType.Zone, zone.Id, "a zone with this id exists; choose another id.");
            }

            var now = Required.ToSource(EntityVersion.First(_clock));
            var row = await RowAsync<ZoneRow>(
                c,
                t,
                $"INSERT INTO zones (id, \"tenantId\", \"siteId\", name, kind, tariff, \"createdAt\", \"updatedAt\") VALUES (@Id, @TenantId, @SiteId, @Name, @Kind, @tariff::jsonb, @now, @now) RETURNING {ZoneRow.Columns}",
                new { zone.Id, zone.TenantId, zone.SiteId, zone.Name, zone.Kind, tariff = zone.Tariff?.Raw, now },
                cancellationToken).ConfigureAwait(false);
            await OutboxAsync(c, t, EntityType.Zone, zone.Id, cancellationToken).ConfigureAwait(false);
            return row!.ToEntity();
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>One transaction: the row locked, version checked, <c>UPDATE zones</c>.</remarks>
    public ValueTask<Zone> UpdateZoneAsync(Zone zone, CancellationToken cancellationToken = default)
    {
        WriteValidation.Check(zone);
        return new(InTransactionAsync(async (c, t) =>
        {
            var next = await LockVersionAsync(c, t, EntityType.Zone, zone.TenantId, zone.Id, zone.UpdatedAt, cancellationToken).ConfigureAwait(false);
            var site = await c.ExecuteScalarAsync<string>(new CommandDefinition("SELECT \"siteId\" FROM zones WHERE id = @id", new { id = zone.Id }, t, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (site != zone.SiteId)
            {
                throw new EntityConflictException(EntityType.Zone, zone.Id, $"the zone belongs to site '{site}' and zones do not move between sites; create a zone in the other site instead.");
            }

            var row = await RowAsync<ZoneRow>(
                c,
                t,
                $"UPDATE zones SET name = @Name, kind = @Kind, tariff = @tariff::jsonb, \"updatedAt\" = @next WHERE id = @Id RETURNING {ZoneRow.Columns}",
                new { zone.Id, zone.Name, zone.Kind, tariff = zone.Tariff?.Raw, next },
                cancellationToken).ConfigureAwait(false);
            await OutboxAsync(c, t, EntityType.Zone, zone.Id, cancellationToken).ConfigureAwait(false);
            return row!.ToEntity();
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>One transaction: the row locked, version checked, no bay, sensor or alert of the zone, <c>DELETE FROM zones</c>.</remarks>
    public ValueTask DeleteZoneAsync(string tenantId, string zoneId, DateTimeOffset version, CancellationToken cancellationToken = default)
    {
        WriteValidation.Id(tenantId, nameof(tenantId));
        WriteValidation.Id(zoneId, nameof(zoneId));
        return new(InTransactionAsync(async (c, t) =>
        {
            await LockVersionAsync(c, t, EntityType.Zone, tenantId, zoneId, version, cancellationToken).ConfigureAwait(false);
            await CheckNoChildrenAsync(c, t, EntityType.Zone, zoneId, "zoneId", [("bays", "bays"), ("sensors", "sensors"), ("alerts", "alerts")], cancellationToken).ConfigureAwait(false);
            await ExecAsync(c, t, "DELETE FROM zones WHERE id = @zoneId", new { zoneId }, cancellationToken).ConfigureAwait(false);
            await OutboxAsync(c, t, EntityType.Zone, zoneId, cancellationToken, deletedVersion: version).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>One transaction: the zone of the tenant locked (<c>FOR SHARE</c>), the id checked, <c>INSERT INTO bays</c> with the zone's site.</remarks>
    public ValueTask<Bay> CreateBayAsync(Bay bay, CancellationToken cancellationToken = default)
    {
        WriteValidation.Check(bay);
        return new(InTransactionAsync(async (c, t) =>
        {
            var siteId = await ZoneSiteAsync(c, t, bay.TenantId, bay.ZoneId, cancellationToken).ConfigureAwait(false);
            if (await ExistsAsync(c, t, "SELECT 1 FROM bays WHERE id = @id", new { id = bay.Id }, cancellationToken).ConfigureAwait(false))
            {
                throw new EntityConflictException(EntityType.Bay, bay.Id, "a bay with this id exists; choose another id.");
            }

            var now = Required.ToSource(EntityVersion.First(_clock));
            await ExecAsync(
                c,
                t,
                "INSERT INTO bays (id, \"tenantId\", \"siteId\", \"zoneId\", code, lat, lng, \"createdAt\", \"updatedAt\") VALUES (@Id, @TenantId, @siteId, @ZoneId, @Code, @Lat, @Lng, @now, @now)",
                new { bay.Id, bay.TenantId, siteId, bay.ZoneId, bay.Code, bay.Lat, bay.Lng, now },
                cancellationToken).ConfigureAwait(false);
            await OutboxAsync(c, t, EntityType.Bay, bay.Id, cancellationToken).ConfigureAwait(false);
            return await ReadBayAsync(c, t, bay.Id, cancellationToken).ConfigureAwait(false);
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>
    /// One transaction: the bay locked, version checked; for a move, the target zone of the tenant locked (<c>FOR SHARE</c>) and no sensor on the
    /// bay; <c>UPDATE bays SET code, lat, lng, "zoneId", "siteId", "updatedAt"</c>. The status is derived from the bay's sensor, so it survives.
    /// </remarks>
    public ValueTask<Bay> UpdateBayAsync(Bay bay, CancellationToken cancellationToken = default)
    {
        WriteValidation.Check(bay);
        return new(InTransactionAsync(async (c, t) =>
        {
            var next = await LockVersionAsync(c, t, EntityType.Bay, bay.TenantId, bay.Id, bay.UpdatedAt, cancellationToken).ConfigureAwait(false);
            var currentZone = await c.ExecuteScalarAsync<string>(new CommandDefinition("SELECT \"zoneId\" FROM bays WHERE id = @id", new { id = bay.Id }, t, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var siteId = await ZoneSiteAsync(c, t, bay.TenantId, bay.ZoneId, cancellationToken).ConfigureAwait(false);
            if (currentZone != bay.ZoneId
                && await ExistsAsync(c, t, "SELECT 1 FROM sensors WHERE \"bayId\" = @id", new { id = bay.Id }, cancellationToken).ConfigureAwait(false))
            {
                throw new EntityConflictException(EntityType.Bay, bay.Id, "the bay holds a sensor and cannot move to another zone; unassign the sensor first.");
            }

            await ExecAsync(
                c,
                t,
                "UPDATE bays SET code = @Code, lat = @Lat, lng = @Lng, \"zoneId\" = @ZoneId, \"siteId\" = @siteId, \"updatedAt\" = @next WHERE id = @Id",
                new { bay.Id, bay.Code, bay.Lat, bay.Lng, bay.ZoneId, siteId, next },
                cancellationToken).ConfigureAwait(false);
            await OutboxAsync(c, t, EntityType.Bay, bay.Id, cancellationToken).ConfigureAwait(false);
            return await ReadBayAsync(c, t, bay.Id, cancellationToken).ConfigureAwait(false);
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>One transaction: the bay locked, version checked, no sensor on it and no alert naming it, <c>DELETE FROM bays</c>.</remarks>
    public ValueTask DeleteBayAsync(string tenantId, string bayId, DateTimeOffset version, CancellationToken cancellationToken = default)
    {
        WriteValidation.Id(tenantId, nameof(tenantId));
        WriteValidation.Id(bayId, nameof(bayId));
        return new(InTransactionAsync(async (c, t) =>
        {
            await LockVersionAsync(c, t, EntityType.Bay, tenantId, bayId, version, cancellationToken).ConfigureAwait(false);
            await CheckNoChildrenAsync(c, t, EntityType.Bay, bayId, "bayId", [("sensors", "a sensor"), ("alerts", "alerts")], cancellationToken).ConfigureAwait(false);
            await ExecAsync(c, t, "DELETE FROM bays WHERE id = @bayId", new { bayId }, cancellationToken).ConfigureAwait(false);
            await OutboxAsync(c, t, EntityType.Bay, bayId, cancellationToken, deletedVersion: version).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
    }

    /// <summary>The site of the tenant's zone, the zone row locked <c>FOR SHARE</c>; not found otherwise.</summary>
    private static async Task<string> ZoneSiteAsync(NpgsqlConnection c, NpgsqlTransaction t, string tenantId, string zoneId, CancellationToken cancellationToken) =>
        await c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT \"siteId\" FROM zones WHERE id = @zoneId AND \"tenantId\" = @tenantId FOR SHARE", new { zoneId, tenantId }, t, cancellationToken: cancellationToken)).ConfigureAwait(false)
        ?? throw new EntityNotFoundException(EntityType.Zone, zoneId, tenantId);

    private static async Task<Bay> ReadBayAsync(NpgsqlConnection c, NpgsqlTransaction t, string bayId, CancellationToken cancellationToken)
    {
        var row = await RowAsync<BayRow>(c, t, $"SELECT {BayRow.Columns} FROM bays b {BayStatusSql.Join} WHERE b.id = @id", new { id = bayId }, cancellationToken).ConfigureAwait(false);
        return row!.ToEntity();
    }
}
