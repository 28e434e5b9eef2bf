namespace VisionDrive.Parking.Data;

/// <summary>An event emitted by a sensor (source hypertable <c>sensor_events</c>).</summary>
/// <param name="Id">The event id; redelivery of the same id is idempotent.</param>
/// <param name="Time">When the event happened, with microsecond precision.</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="SensorId">The sensor that emitted it.</param>
/// <param name="Kind">The kind, an open set: <c>ARRIVE</c>, <c>LEAVE</c>, <c>HEARTBEAT</c>, <c>BATTERY</c>, … (see <see cref="EventKinds"/>).</param>
/// <param name="Decoded">The decoded uplink payload as stored, any JSON shape, or <see langword="null"/>.</param>
public sealed record SensorEvent(string Id, DateTimeOffset Time, string TenantId, string SensorId, string Kind, JsonText? Decoded);
