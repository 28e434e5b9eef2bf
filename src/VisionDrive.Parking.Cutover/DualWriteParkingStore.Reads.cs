namespace VisionDrive.Parking.Cutover;

/// <content>The reads: the primary's answer, shadowed on the secondary at the configured rate. Access pattern names as in docs/cutover.md.</content>
internal sealed partial class DualWriteParkingStore
{
    /// <inheritdoc />
    public ValueTask<Tenant?> GetTenantAsync(string tenantId, CancellationToken cancellationToken = default) =>
        ReadAsync("tenant-by-id", "tenantId=" + tenantId, s => s.GetTenantAsync(tenantId, cancellationToken), true, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Tenant?> GetTenantBySlugAsync(string slug, CancellationToken cancellationToken = default) =>
        ReadAsync("tenant-by-slug", "slug=" + slug, s => s.GetTenantBySlugAsync(slug, cancellationToken), true, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Site?> GetSiteAsync(string siteId, CancellationToken cancellationToken = default) =>
        ReadAsync("site-by-id", "siteId=" + siteId, s => s.GetSiteAsync(siteId, cancellationToken), true, cancellationToken);

    /// <inheritdoc />
    public Task<Page<Site>> ListSitesByTenantAsync(string tenantId, PageRequest page = default, CancellationToken cancellationToken = default) =>
        ReadPageAsync("sites-of-tenant", Arguments("tenantId=" + tenantId, page), page, s => s.ListSitesByTenantAsync(tenantId, page, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public ValueTask<Zone?> GetZoneAsync(string zoneId, CancellationToken cancellationToken = default) =>
        ReadAsync("zone-by-id", "zoneId=" + zoneId, s => s.GetZoneAsync(zoneId, cancellationToken), true, cancellationToken);

    /// <inheritdoc />
    public Task<Page<Zone>> ListZonesByTenantAsync(string tenantId, PageRequest page = default, CancellationToken cancellationToken = default) =>
        ReadPageAsync("zones-of-tenant", Arguments("tenantId=" + tenantId, page), page, s => s.ListZonesByTenantAsync(tenantId, page, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<Page<Zone>> ListZonesBySiteAsync(string siteId, PageRequest page = default, CancellationToken cancellationToken = default) =>
        ReadPageAsync("zones-of-site", Arguments("siteId=" + siteId, page), page, s => s.ListZonesBySiteAsync(siteId, page, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public ValueTask<ZoneWithBays?> GetZoneWithBaysAsync(string zoneId, CancellationToken cancellationToken = default) =>
        ReadAsync("zone-with-bays", "zoneId=" + zoneId, s => s.GetZoneWithBaysAsync(zoneId, cancellationToken), true, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Bay?> GetBayAsync(string bayId, CancellationToken cancellationToken = default) =>
        ReadAsync("bay-by-id", "bayId=" + bayId, s => s.GetBayAsync(bayId, cancellationToken), true, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Sensor?> GetSensorAsync(string sensorId, CancellationToken cancellationToken = default) =>
        ReadAsync("sensor-by-id", "sensorId=" + sensorId, s => s.GetSensorAsync(sensorId, cancellationToken), true, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Sensor?> GetSensorByDevEuiAsync(string devEui, CancellationToken cancellationToken = default) =>
        ReadAsync("sensor-by-deveui", "devEui=" + devEui, s => s.GetSensorByDevEuiAsync(devEui, cancellationToken), true, cancellationToken);

    /// <inheritdoc />
    public Task<Page<Sensor>> ListSensorsByZoneAsync(string zoneId, PageRequest page = default, CancellationToken cancellationToken = default) =>
        ReadPageAsync("sensors-of-zone", Arguments("zoneId=" + zoneId, page), page, s => s.ListSensorsByZoneAsync(zoneId, page, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<Page<SensorEvent>> ListSensorEventsAsync(string sensorId, TimeRange range, PageRequest page = default, CancellationToken cancellationToken = default) =>
        ReadPageAsync("events-of-sensor", Arguments("sensorId=" + sensorId, page, range), page, s => s.ListSensorEventsAsync(sensorId, range, page, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<Page<SensorEvent>> ListTenantEventsAsync(string tenantId, TimeRange range, PageRequest page = default, CancellationToken cancellationToken = default) =>
        ReadPageAsync("events-of-tenant", Arguments("tenantId=" + tenantId, page, range), page, s => s.ListTenantEventsAsync(tenantId, range, page, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public ValueTask<Alert?> GetAlertAsync(string alertId, CancellationToken cancellationToken = default) =>
        ReadAsync("alert-by-id", "alertId=" + alertId, s => s.GetAlertAsync(alertId, cancellationToken), true, cancellationToken);

    /// <inheritdoc />
    public Task<Page<Alert>> ListAlertsByStatusAsync(string tenantId, string status, PageRequest page = default, CancellationToken cancellationToken = default) =>
        ReadPageAsync("alerts-by-status", Arguments("tenantId=" + tenantId + " status=" + status, page), page, s => s.ListAlertsByStatusAsync(tenantId, status, page, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<Page<Alert>> ListAlertsByZoneAsync(string zoneId, PageRequest page = default, CancellationToken cancellationToken = default) =>
        ReadPageAsync("alerts-of-zone", Arguments("zoneId=" + zoneId, page), page, s => s.ListAlertsByZoneAsync(zoneId, page, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<Page<Alert>> ListAlertsBySensorAsync(string sensorId, PageRequest page = default, CancellationToken cancellationToken = default) =>
        ReadPageAsync("alerts-of-sensor", Arguments("sensorId=" + sensorId, page), page, s => s.ListAlertsBySensorAsync(sensorId, page, cancellationToken), cancellationToken);

    private static string Arguments(string keys, PageRequest page, TimeRange? range = null) =>
        range is { } r
            ? string.Create(CultureInfo.InvariantCulture, $"{keys} from={r.From:O} to={r.To:O} limit={page.Limit}")
            : string.Create(CultureInfo.InvariantCulture, $"{keys} limit={page.Limit}");
}
