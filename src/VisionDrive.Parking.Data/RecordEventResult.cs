namespace VisionDrive.Parking.Data;

/// <summary>What recording a sensor event did.</summary>
/// <param name="Created"><see langword="false"/> when an event with the same id was already recorded (a redelivery): nothing was written.</param>
/// <param name="BayStatusChanged"><see langword="true"/> when the event moved its bay's status (an ARRIVE/LEAVE newer than the status the bay held).</param>
public sealed record RecordEventResult(bool Created, bool BayStatusChanged);
