namespace VisionDrive.Parking.Data;

/// <summary>
/// The base of the exceptions about one entity: a write refused (not found, conflict, stale version) or a value that cannot be stored.
/// Carries which entity; the message says what to do.
/// </summary>
public abstract class EntityException : ParkingDataException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="entityType">The type of the entity.</param>
    /// <param name="entityId">Its id (id and time for events).</param>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="innerException">The cause, if any.</param>
    protected EntityException(EntityType entityType, string entityId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        EntityType = entityType;
        EntityId = entityId;
    }

    /// <summary>The type of the entity (the entity written, or the parent it names).</summary>
    public EntityType EntityType { get; }

    /// <summary>The id of the entity (for events, id and time: <c>id@time</c>).</summary>
    public string EntityId { get; }
}
