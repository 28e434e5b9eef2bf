namespace VisionDrive.Parking.Data;

/// <summary>Well-known values of <see cref="SensorEvent.Kind"/>; the set is open and other values are kept as they are.</summary>
public static class EventKinds
{
    /// <summary>A vehicle arrived: the bay becomes occupied.</summary>
    public const string Arrive = "ARRIVE";

    /// <summary>A vehicle left: the bay becomes vacant.</summary>
    public const string Leave = "LEAVE";

    /// <summary>A periodic keep-alive.</summary>
    public const string Heartbeat = "HEARTBEAT";

    /// <summary>A battery report.</summary>
    public const string Battery = "BATTERY";

    /// <summary>Whether <paramref name="kind"/> changes a bay's occupancy (ARRIVE or LEAVE).</summary>
    /// <param name="kind">The event kind.</param>
    /// <returns><see langword="true"/> for ARRIVE and LEAVE.</returns>
    public static bool ChangesOccupancy(string kind) => kind is Arrive or Leave;
}
