using System;
using System.Threading;
using System.Threading.Tasks;

namespace VisionDrive.Parking.Data;

/// <summary>Sensor reads and the <c>lastSeenAt</c> write.</summary>
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
}
