using System;
using System.Globalization;
using VisionDrive.Parking.Data;

namespace VisionDrive.Parking.Ingestion.Uplinks;

/// <summary>
/// One parsed uplink (the payload contract is in docs/samples.md).
/// </summary>
/// <param name="TopicTenant">The <c>{tenant}</c> segment of the topic (a tenant id or slug).</param>
/// <param name="DevEui">The device EUI, normalised (16 upper-case hex digits).</param>
/// <param name="ReceivedAt">When the network server received it, UTC, truncated to microseconds (the stores' precision).</param>
/// <param name="FCnt">The LoRaWAN uplink frame counter.</param>
/// <param name="EventId">The payload's <c>eventId</c>, when it gives one.</param>
/// <param name="Occupied">The decoded occupancy, when the uplink carries one.</param>
/// <param name="Battery">The decoded battery voltage, when given.</param>
/// <param name="Decoded">The <c>decoded</c> object as sent, stored with the event.</param>
internal sealed record Uplink(string TopicTenant, string DevEui, DateTimeOffset ReceivedAt, long FCnt, string? EventId, bool? Occupied, double? Battery, JsonText? Decoded)
{
    /// <summary>ARRIVE for occupied, LEAVE for vacant, HEARTBEAT when the uplink says nothing about occupancy.</summary>
    public string Kind => Occupied switch
    {
        true => EventKinds.Arrive,
        false => EventKinds.Leave,
        null => EventKinds.Heartbeat,
    };

    /// <summary>
    /// The event id: the payload's <c>eventId</c>, else <c>up-{DEVEUI}-{fCnt}-{receivedAt as yyyyMMddTHHmmssffffffZ}</c>. A redelivered
    /// message has the same id and time, so recording it again writes nothing; a frame counter reset after a device rejoin still
    /// gives new ids because the time differs.
    /// </summary>
    public string DeterministicEventId => EventId ?? string.Create(
        CultureInfo.InvariantCulture, $"up-{DevEui}-{FCnt}-{ReceivedAt.UtcDateTime:yyyyMMdd'T'HHmmssffffff'Z'}");
}
