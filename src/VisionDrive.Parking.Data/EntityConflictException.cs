namespace VisionDrive.Parking.Data;

/// <summary>
/// A write would break an invariant: the id already exists, the slug or the DevEUI is taken, the bay already holds a sensor, or the entity
/// still has children (a parent is never deleted while sites, zones, bays, sensors or alerts name it). Nothing was written. An HTTP API answers
/// 409. Retrying the same write does not help; change it (or remove the children) first.
/// </summary>
/// <param name="entityType">The type of the entity written.</param>
/// <param name="entityId">Its id.</param>
/// <param name="reason">Which invariant the write would break, and what to do.</param>
public sealed class EntityConflictException(EntityType entityType, string entityId, string reason)
    : EntityException(entityType, entityId, $"{entityType.Name()} '{entityId}': {reason}")
{
    /// <summary>Which invariant the write would break.</summary>
    public string Reason { get; } = reason;
}
