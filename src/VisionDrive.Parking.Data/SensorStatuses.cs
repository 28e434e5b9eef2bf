namespace VisionDrive.Parking.Data;

/// <summary>Values of <see cref="Sensor.Status"/> the stores give a meaning to; any other value is kept as it is.</summary>
public static class SensorStatuses
{
    /// <summary>An installed sensor in service.</summary>
    public const string Active = "active";

    /// <summary>A sensor taken out of service for good: it no longer holds its DevEUI (another sensor may be registered with it) and is found by DevEUI only when no other sensor has it.</summary>
    public const string Decommissioned = "decommissioned";
}
