namespace VisionDrive.Parking.Data;

/// <summary>
/// A write lost the race against other writes to the same items several times in a row (DynamoDB transactions are optimistic): nothing was
/// written. Retrying helps (<see cref="IsTransient"/>).
/// </summary>
public sealed class WriteContentionException : ParkingDataException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="entityType">The type of the entity written.</param>
    /// <param name="entityId">Its id.</param>
    public WriteContentionException(EntityType entityType, string entityId)
        : base($"{entityType.Name()} '{entityId}': other writes to the same items kept winning; nothing was written. Retry the write.")
    {
        EntityType = entityType;
        EntityId = entityId;
    }

    /// <summary>The type of the entity written.</summary>
    public EntityType EntityType { get; }

    /// <summary>The id of the entity written.</summary>
    public string EntityId { get; }

    /// <inheritdoc />
    public override bool IsTransient => true;
}
