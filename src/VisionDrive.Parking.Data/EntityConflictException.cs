namespace VisionDrive.Parking.Data;

/// <summary>
/// A write would break an invariant: the id already exists, the slug or the DevEUI is taken, the bay already holds a sensor, or the entity
/// still has children (a parent is never deleted while sites, zones, bays, sensors or alerts name it). Nothing was written. An HTTP API answers
/// 409. Retrying the same write does not help; change it (or remove the children) first.
/// </summary>
public sealed class EntityConflictException : ParkingDataException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="entityType">The type of the entity written.</param>
    /// <param name="entityId">Its id.</param>
    /// <param name="reason">Which invariant the write would break, and what to do.</param>
    public EntityConflictException(EntityType entityType, string entityId, string reason)
        : base($"{entityType.Name()} '{entityId}': {reason}")
    {
        EntityType = entityType;
        EntityId = entityId;
        Reason = reason;
    }

    /// <summary>The type of the entity written.</summary>
    public EntityType EntityType { get; }

    /// <summary>The id of the entity written.</summary>
    public string EntityId { get; }

    /// <summary>Which invariant the write would break.</summary>
    public string Reason { get; }
}
