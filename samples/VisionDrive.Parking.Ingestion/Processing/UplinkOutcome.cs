namespace VisionDrive.Parking.Ingestion.Processing;

/// <summary>What processing one uplink did: recorded (possibly as a redelivery) or rejected with a reason (then dead-lettered).</summary>
internal sealed record UplinkOutcome(string? SensorId, string? EventId, bool Created, bool BayStatusChanged, string? RejectReason)
{
    public bool Rejected => RejectReason is not null;

    public static UplinkOutcome Reject(string reason) => new(null, null, false, false, reason);
}
