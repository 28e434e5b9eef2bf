namespace VisionDrive.Parking.Data;

/// <summary>Values of <see cref="Alert.Status"/>.</summary>
public static class AlertStatus
{
    /// <summary>Raised and not yet handled.</summary>
    public const string Open = "OPEN";

    /// <summary>Seen by an operator, not yet resolved.</summary>
    public const string Acknowledged = "ACKNOWLEDGED";

    /// <summary>Resolved; <see cref="Alert.ResolvedAt"/> is set.</summary>
    public const string Resolved = "RESOLVED";
}
