namespace VisionDrive.Parking.Cutover;

/// <content>
/// The writes: the primary's, then a copy of the keys each one touched (the same keys the PostgreSQL store records in its outbox):
/// an entity's own key; a sensor write also the bays it leaves and joins (their sensor and status derive from it); an ARRIVE/LEAVE also
/// the bay of its sensor (its status); a bay's update the bay (a move to another zone included).
/// </content>
internal sealed partial class DualWriteParkingStore
{
    /// <inheritdoc />
    public ValueTask<Tenant> CreateTenantAsync(Tenant tenant, CancellationToken cancellationToken = default) =>
        WriteAsync("CreateTenant", _primary.CreateTenantAsync(tenant, cancellationToken), t => [Key(EntityType.Tenant, t.Id)], cancellationToken);

    /// <inheritdoc />
    public ValueTask<Tenant> UpdateTenantAsync(Tenant tenant, CancellationToken cancellationToken = default) =>
        WriteAsync("UpdateTenant", _primary.UpdateTenantAsync(tenant, cancellationToken), t => [Key(EntityType.Tenant, t.Id)], cancellationToken);

    /// <inheritdoc />
    public ValueTask DeleteTenantAsync(string tenantId, DateTimeOffset version, CancellationToken cancellationToken = default) =>
        WriteAsync("DeleteTenant", _primary.DeleteTenantAsync(tenantId, version, cancellationToken), [Key(EntityType.Tenant, tenantId)], cancellationToken);

    /// <inheritdoc />
    public ValueTask<Site> CreateSiteAsync(Site site, CancellationToken cancellationToken = default) =>
        WriteAsync("CreateSite", _primary.CreateSiteAsync(site, cancellationToken), s => [Key(EntityType.Site, s.Id)], cancellationToken);

    /// <inheritdoc />
    public ValueTask<Site> UpdateSiteAsync(Site site, CancellationToken cancellationToken = default) =>
        WriteAsync("UpdateSite", _primary.UpdateSiteAsync(site, cancellationToken), s => [Key(EntityType.Site, s.Id)], cancellationToken);

    /// <inheritdoc />
    public ValueTask DeleteSiteAsync(string tenantId, string siteId, DateTimeOffset version, CancellationToken cancellationToken = default) =>
        WriteAsync("DeleteSite", _primary.DeleteSiteAsync(tenantId, siteId, version, cancellationToken), [Key(EntityType.Site, siteId)], cancellationToken);

    /// <inheritdoc />
    public ValueTask<Zone> CreateZoneAsync(Zone zone, CancellationToken cancellationToken = default) =>
        WriteAsync("CreateZone", _primary.CreateZoneAsync(zone, cancellationToken), z => [Key(EntityType.Zone, z.Id)], cancellationToken);

    /// <inheritdoc />
    public ValueTask<Zone> UpdateZoneAsync(Zone zone, CancellationToken cancellationToken = default) =>
        WriteAsync("UpdateZone", _primary.UpdateZoneAsync(zone, cancellationToken), z => [Key(EntityType.Zone, z.Id)], cancellationToken);

    /// <inheritdoc />
    public ValueTask DeleteZoneAsync(string tenantId, string zoneId, DateTimeOffset version, CancellationToken cancellationToken = default) =>
        WriteAsync("DeleteZone", _primary.DeleteZoneAsync(tenantId, zoneId, version, cancellationToken), [Key(EntityType.Zone, zoneId)], cancellationToken);

    /// <inheritdoc />
    public ValueTask<Bay> CreateBayAsync(Bay bay, CancellationToken cancellationToken = default) =>
        WriteAsync("CreateBay", _primary.CreateBayAsync(bay, cancellationToken), b => [Key(EntityType.Bay, b.Id)], cancellationToken);

    /// <inheritdoc />
    public ValueTask<Bay> UpdateBayAsync(Bay bay, CancellationToken cancellationToken = default) =>
        WriteAsync("UpdateBay", _primary.UpdateBayAsync(bay, cancellationToken), b => [Key(EntityType.Bay, b.Id)], cancellationToken);

    /// <inheritdoc />
    public ValueTask DeleteBayAsync(string tenantId, string bayId, DateTimeOffset version, CancellationToken cancellationToken = default) =>
        WriteAsync("DeleteBay", _primary.DeleteBayAsync(tenantId, bayId, version, cancellationToken), [Key(EntityType.Bay, bayId)], cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> TouchLastSeenAsync(string sensorId, DateTimeOffset seenAt, CancellationToken cancellationToken = default)
    {
        var moved = await _primary.TouchLastSeenAsync(sensorId, seenAt, cancellationToken).ConfigureAwait(false);

        // Nothing moved, nothing to copy (an earlier copy that failed is the replication's: its durable record stays).
        await CopyAsync("TouchLastSeen", moved ? [Key(EntityType.Sensor, sensorId)] : [], cancellationToken).ConfigureAwait(false);
        return moved;
    }

    /// <inheritdoc />
    public ValueTask<Sensor> RegisterSensorAsync(Sensor sensor, CancellationToken cancellationToken = default) =>
        WriteAsync("RegisterSensor", _primary.RegisterSensorAsync(sensor, cancellationToken), s => SensorKeys(s.Id, null, s.BayId), cancellationToken);

    /// <inheritdoc />
    public async ValueTask<Sensor> UpdateSensorAsync(Sensor sensor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        var left = await BayOfSensorAsync("UpdateSensor", sensor.Id, cancellationToken).ConfigureAwait(false);
        var stored = await _primary.UpdateSensorAsync(sensor, cancellationToken).ConfigureAwait(false);
        await CopyAsync("UpdateSensor", SensorKeys(stored.Id, left, stored.BayId), cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <inheritdoc />
    public async ValueTask DeleteSensorAsync(string tenantId, string sensorId, DateTimeOffset version, CancellationToken cancellationToken = default)
    {
        var left = await BayOfSensorAsync("DeleteSensor", sensorId, cancellationToken).ConfigureAwait(false);
        await _primary.DeleteSensorAsync(tenantId, sensorId, version, cancellationToken).ConfigureAwait(false);
        await CopyAsync("DeleteSensor", SensorKeys(sensorId, left, null), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<RecordEventResult> RecordEventAsync(SensorEvent sensorEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sensorEvent);
        var result = await _primary.RecordEventAsync(sensorEvent, cancellationToken).ConfigureAwait(false);

        // The event (immutable: put if absent), and for an ARRIVE/LEAVE the bay of its sensor, whose status it may have moved (on DynamoDB
        // a redelivery repairs the bay too, so the bay is copied whether or not the event was new).
        var keys = new List<ChangedKey>(2) { new(EntityType.Event, sensorEvent.Id, sensorEvent.Time) { SensorId = sensorEvent.SensorId } };
        if (EventKinds.ChangesOccupancy(sensorEvent.Kind)
            && await BayOfSensorAsync("RecordEvent", sensorEvent.SensorId, cancellationToken).ConfigureAwait(false) is { } bayId)
        {
            keys.Add(Key(EntityType.Bay, bayId));
        }

        await CopyAsync("RecordEvent", keys, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc />
    public ValueTask<bool> RaiseAlertAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return WriteAsync("RaiseAlert", _primary.RaiseAlertAsync(alert, cancellationToken), _ => [Key(EntityType.Alert, alert.Id)], cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<Alert?> AcknowledgeAlertAsync(string alertId, CancellationToken cancellationToken = default) =>
        WriteAsync("AcknowledgeAlert", _primary.AcknowledgeAlertAsync(alertId, cancellationToken), a => a is null ? [] : [Key(EntityType.Alert, alertId)], cancellationToken);

    /// <inheritdoc />
    public ValueTask<Alert?> ResolveAlertAsync(string alertId, DateTimeOffset resolvedAt, CancellationToken cancellationToken = default) =>
        WriteAsync("ResolveAlert", _primary.ResolveAlertAsync(alertId, resolvedAt, cancellationToken), a => a is null ? [] : [Key(EntityType.Alert, alertId)], cancellationToken);

    private static IReadOnlyList<ChangedKey> SensorKeys(string sensorId, string? left, string? joined)
    {
        var keys = new List<ChangedKey>(3) { Key(EntityType.Sensor, sensorId) };
        if (left is not null)
        {
            keys.Add(Key(EntityType.Bay, left));
        }

        if (joined is not null && joined != left)
        {
            keys.Add(Key(EntityType.Bay, joined));
        }

        return keys;
    }

    /// <summary>
    /// The bay a sensor watches, read from the primary (never shadowed): for the keys a write touches. A failure here never fails the write:
    /// the bay is then left to the replication's durable record.
    /// </summary>
    private async ValueTask<string?> BayOfSensorAsync(string operation, string sensorId, CancellationToken cancellationToken)
    {
        try
        {
            return (await _primary.GetSensorAsync(sensorId, cancellationToken).ConfigureAwait(false))?.BayId;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.KeysUnknown(_logger, e, operation, "sensor " + sensorId);
            return null;
        }
    }
}
