namespace VisionDrive.Parking.Data.Keys;

/// <summary>What an item's primary key says about it.</summary>
/// <param name="Type">The entity type.</param>
/// <param name="Id">The entity id (unescaped).</param>
/// <param name="ParentId">The zone of a bay or the sensor of an event; otherwise <see langword="null"/>.</param>
/// <param name="Time">The event time for events; otherwise <see langword="null"/>.</param>
/// <param name="Code">The bay code for bays; otherwise <see langword="null"/>.</param>
internal sealed record ParsedKey(EntityType Type, string Id, string? ParentId = null, DateTimeOffset? Time = null, string? Code = null);
