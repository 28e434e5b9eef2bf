namespace VisionDrive.Parking.Data.Infrastructure;

/// <summary>The rules of a sensor write both stores apply the same way, and their errors.</summary>
/// <remarks>Public for the two store packages (so mixing package versions cannot fail at run time), hidden from IntelliSense; not a stable API.</remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class SensorPlacement
{
    /// <summary>IsDecommissioned: a write rule both stores share (see the class).</summary>
    public static bool IsDecommissioned(Sensor sensor) => sensor.Status == SensorStatuses.Decommissioned;

    /// <summary>A zone passed with a bay must be the bay's zone.</summary>
    public static void CheckZone(Sensor sensor, string bayZoneId)
    {
        if (sensor.ZoneId is { } zoneId && zoneId != bayZoneId)
        {
            throw new ArgumentException(
                $"Sensor '{sensor.Id}': bay '{sensor.BayId}' is in zone '{bayZoneId}', not in zone '{zoneId}'; pass the bay's zone or no zone.", nameof(sensor));
        }
    }

    /// <summary>DevEuiTaken: a write rule both stores share (see the class).</summary>
    public static EntityConflictException DevEuiTaken(Sensor sensor) =>
        new(EntityType.Sensor, sensor.Id, $"the DevEUI '{Keys.DevEui.Normalize(sensor.DevEui)}' belongs to another sensor that is not decommissioned; decommission that sensor first or check the DevEUI.");

    /// <summary>BayTaken: a write rule both stores share (see the class).</summary>
    public static EntityConflictException BayTaken(Sensor sensor) =>
        new(EntityType.Sensor, sensor.Id, $"bay '{sensor.BayId}' holds another sensor; unassign that sensor first.");
}
