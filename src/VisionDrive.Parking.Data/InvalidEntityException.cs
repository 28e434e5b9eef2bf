namespace VisionDrive.Parking.Data;

/// <summary>
/// A value of an entity cannot be stored: an empty id, a key over DynamoDB's size limit, a number DynamoDB cannot hold,
/// an item over 400 KB. Names the entity, its key (<see cref="EntityException.EntityId"/>: its id, or id and time for events) and the field;
/// retrying does not help, fixing the data does.
/// </summary>
/// <param name="entityType">The entity type.</param>
/// <param name="entityKey">The entity's primary key in the source (its id, or id and time for events).</param>
/// <param name="field">The field (source column or item attribute) at fault.</param>
/// <param name="reason">What is wrong with it and what to do.</param>
/// <param name="innerException">The cause, if any.</param>
public sealed class InvalidEntityException(EntityType entityType, string entityKey, string field, string reason, Exception? innerException = null)
    : EntityException(entityType, entityKey, $"{entityType.Name()} '{entityKey}', field '{field}': {reason}", innerException)
{
    /// <summary>The field (source column or item attribute) at fault.</summary>
    public string Field { get; } = field;

    /// <summary>What is wrong with the field.</summary>
    public string Reason { get; } = reason;
}
