namespace VisionDrive.Parking.Data;

/// <summary>Alert reads and writes.</summary>
public interface IAlertStore
{
    /// <summary>Reads an alert by id.</summary>
    /// <param name="alertId">The alert id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The alert, or <see langword="null"/> when there is none.</returns>
    ValueTask<Alert?> GetAlertAsync(string alertId, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's alerts in one status (the open alerts: <see cref="AlertStatus.Open"/>), newest first.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="status">The status.</param>
    /// <param name="page">The page to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One page of alerts.</returns>
    Task<Page<Alert>> ListAlertsByStatusAsync(string tenantId, string status, PageRequest page = default, CancellationToken cancellationToken = default);

    /// <summary>Lists the alerts of a zone, newest first.</summary>
    /// <param name="zoneId">The zone id.</param>
    /// <param name="page">The page to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One page of alerts.</returns>
    Task<Page<Alert>> ListAlertsByZoneAsync(string zoneId, PageRequest page = default, CancellationToken cancellationToken = default);

    /// <summary>Lists the alerts of a sensor, newest first.</summary>
    /// <param name="sensorId">The sensor id.</param>
    /// <param name="page">The page to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One page of alerts.</returns>
    Task<Page<Alert>> ListAlertsBySensorAsync(string sensorId, PageRequest page = default, CancellationToken cancellationToken = default);

    /// <summary>Raises an alert, idempotently on its id.</summary>
    /// <param name="alert">The alert; its status is normally <see cref="AlertStatus.Open"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="false"/> when an alert with that id already existed (nothing was written).</returns>
    ValueTask<bool> RaiseAlertAsync(Alert alert, CancellationToken cancellationToken = default);

    /// <summary>Moves an open alert to <see cref="AlertStatus.Acknowledged"/>.</summary>
    /// <param name="alertId">The alert id.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The alert after the change (unchanged when it was not open), or <see langword="null"/> when there is no such alert.</returns>
    ValueTask<Alert?> AcknowledgeAlertAsync(string alertId, CancellationToken cancellationToken = default);

    /// <summary>Moves an alert to <see cref="AlertStatus.Resolved"/> and sets its <c>resolvedAt</c>.</summary>
    /// <param name="alertId">The alert id.</param>
    /// <param name="resolvedAt">When it was resolved.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The alert after the change (unchanged when it was already resolved), or <see langword="null"/> when there is no such alert.</returns>
    ValueTask<Alert?> ResolveAlertAsync(string alertId, DateTimeOffset resolvedAt, CancellationToken cancellationToken = default);
}
