namespace VisionDrive.Parking.Data;

/// <summary>Sensor reads and writes (optimistic and tenant-scoped as described on <see cref="ITenantStore"/>), and the <c>lastSeenAt</c> write.</summary>
public interface ISensorStore
{
    /// <summary>Reads a sensor by id.</summary>
    /// <param name="sensorId">The sensor id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The sensor, or <see langword="null"/> when there is none.</returns>
    ValueTask<Sensor?> GetSensorAsync(string sensorId, CancellationToken cancellationToken = default);

    /// <summary>Reads a sensor by DevEUI (the ingestion hot path). The DevEUI is normalised first, so case and separators do not matter.</summary>
    /// <param name="devEui">The DevEUI.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The sensor, or <see langword="null"/> when none has this DevEUI. When several share it (bad data), the one with the smallest id.</returns>
    ValueTask<Sensor?> GetSensorByDevEuiAsync(string devEui, CancellationToken cancellationToken = default);

    /// <summary>Lists the sensors of a zone, ordered by id.</summary>
    /// <param name="zoneId">The zone id.</param>
    /// <param name="page">The page to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One page of sensors.</returns>
    Task<Page<Sensor>> ListSensorsByZoneAsync(string zoneId, PageRequest page = default, CancellationToken cancellationToken = default);

    /// <summary>Moves a sensor's <c>lastSeenAt</c> forward to <paramref name="seenAt"/>; never backwards.</summary>
    /// <param name="sensorId">The sensor id.</param>
    /// <param name="seenAt">When the sensor was heard from.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when the value moved; <see langword="false"/> when it already held a later (or equal) time or the sensor does not exist.</returns>
    ValueTask<bool> TouchLastSeenAsync(string sensorId, DateTimeOffset seenAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Registers a sensor. Where it is placed follows from the ids it names: with a <c>BayId</c>, the bay's zone and site (a <c>ZoneId</c> passed
    /// must be the bay's); with only a <c>ZoneId</c>, the zone's site; with neither (in stock), the <c>SiteId</c> passed. <c>LastSeenAt</c> starts
    /// empty; <c>CreatedAt</c> and <c>UpdatedAt</c> are set by the store.
    /// </summary>
    /// <param name="sensor">The sensor.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The sensor as stored.</returns>
    /// <exception cref="EntityNotFoundException">The tenant has no such bay, zone or site.</exception>
    /// <exception cref="EntityConflictException">A sensor with this id exists; another sensor that is not <see cref="SensorStatuses.Decommissioned"/> has this DevEUI; the bay holds another sensor.</exception>
    /// <exception cref="System.ArgumentException">The <c>ZoneId</c> is not the bay's zone.</exception>
    ValueTask<Sensor> RegisterSensorAsync(Sensor sensor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Updates a sensor: assign it to a bay or a zone, unassign it (no bay, no zone: in stock at its site), change its type or DevEUI, decommission
    /// it (status <see cref="SensorStatuses.Decommissioned"/>, which frees its DevEUI). Placement follows the ids as in
    /// <see cref="RegisterSensorAsync"/>. <c>LastSeenAt</c> is the store's and is kept. The bays it leaves and joins get their live status from the
    /// sensor's latest ARRIVE/LEAVE event, in the same atomic write.
    /// </summary>
    /// <param name="sensor">The sensor as read, changed; its <c>UpdatedAt</c> is the version expected.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The sensor as stored, with its new version.</returns>
    /// <exception cref="EntityNotFoundException">The tenant has no such sensor, or no such bay, zone or site.</exception>
    /// <exception cref="EntityConflictException">Another active sensor has the DevEUI, or the bay holds another sensor.</exception>
    /// <exception cref="System.ArgumentException">The <c>ZoneId</c> is not the bay's zone.</exception>
    /// <exception cref="StaleVersionException"><paramref name="sensor"/>'s <c>UpdatedAt</c> is not the stored version: it changed since it was read; nothing was written.</exception>
    ValueTask<Sensor> UpdateSensorAsync(Sensor sensor, CancellationToken cancellationToken = default);

    /// <summary>Deletes a sensor that no alert names; it leaves its bay (vacant, no sensor). Its events stay (history, removed by retention).</summary>
    /// <param name="tenantId">The tenant the sensor belongs to.</param>
    /// <param name="sensorId">The sensor id.</param>
    /// <param name="version">The version read (<c>UpdatedAt</c>).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the sensor is gone.</returns>
    /// <exception cref="EntityNotFoundException">The tenant has no such sensor.</exception>
    /// <exception cref="EntityConflictException">An alert names the sensor.</exception>
    /// <exception cref="StaleVersionException"><paramref name="version"/>'s <c>UpdatedAt</c> is not the stored version: it changed since it was read; nothing was written.</exception>
    ValueTask DeleteSensorAsync(string tenantId, string sensorId, DateTimeOffset version, CancellationToken cancellationToken = default);
}
