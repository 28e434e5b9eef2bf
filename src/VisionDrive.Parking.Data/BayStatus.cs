namespace VisionDrive.Parking.Data;

/// <summary>Values of <see cref="Bay.Status"/>.</summary>
public static class BayStatus
{
    /// <summary>No vehicle: the latest ARRIVE/LEAVE event is a LEAVE, or there is none.</summary>
    public const string Vacant = "vacant";

    /// <summary>A vehicle is parked: the latest ARRIVE/LEAVE event is an ARRIVE.</summary>
    public const string Occupied = "occupied";
}
