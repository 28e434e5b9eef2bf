namespace VisionDrive.Parking.Data;

/// <summary>A zone with all its bays and their live status.</summary>
/// <param name="Zone">The zone.</param>
/// <param name="Bays">Its bays, ordered by code then id.</param>
public sealed record ZoneWithBays(Zone Zone, IReadOnlyList<Bay> Bays);
