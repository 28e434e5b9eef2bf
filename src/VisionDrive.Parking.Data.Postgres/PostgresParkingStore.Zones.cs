using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VisionDrive.Parking.Data.Postgres.Internal;

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
}
