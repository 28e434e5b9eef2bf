namespace VisionDrive.Parking.Data;

/// <summary>Sensor event reads and the event write.</summary>
public interface IEventStore
{
    /// <summary>Lists a sensor's events in a time range, newest first (by time, then id descending).</summary>
    /// <param name="sensorId">The sensor id.</param>
    /// <param name="range">The time range.</param>
    /// <param name="page">The page to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One page of events.</returns>
    Task<Page<SensorEvent>> ListSensorEventsAsync(string sensorId, TimeRange range, PageRequest page = default, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's events in a time range, newest first (by time, then id descending).</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="range">The time range.</param>
    /// <param name="page">The page to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One page of events.</returns>
    Task<Page<SensorEvent>> ListTenantEventsAsync(string tenantId, TimeRange range, PageRequest page = default, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a sensor event, idempotently on its id: a redelivered event writes nothing new. An ARRIVE/LEAVE moves the status of the
    /// sensor's bay only when the event is newer than the status the bay holds, so out-of-order delivery cannot flip a bay back.
    /// </summary>
    /// <param name="sensorEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>What the write did.</returns>
    ValueTask<RecordEventResult> RecordEventAsync(SensorEvent sensorEvent, CancellationToken cancellationToken = default);
}
