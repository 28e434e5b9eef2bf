using System;

namespace VisionDrive.Parking.Data;

/// <summary>
/// A value of an entity cannot be stored: an empty id, a key over DynamoDB's size limit, a number DynamoDB cannot hold,
/// an item over 400 KB. Names the entity, its key and the field; retrying does not help, fixing the data does.
/// </summary>
public sealed class InvalidEntityException : ParkingDataException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="entityKey">The entity's primary key in the source (its id, or id and time for events).</param>
    /// <param name="field">The field (source column or item attribute) at fault.</param>
    /// <param name="reason">What is wrong with it and what to do.</param>
    public InvalidEntityException(EntityType entityType, string entityKey, string field, string reason)
        : base($"{entityType.Name()} '{entityKey}', field '{field}': {reason}")
    {
        EntityType = entityType;
        EntityKey = entityKey;
        Field = field;
        Reason = reason;
    }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="entityKey">The entity's primary key in the source.</param>
    /// <param name="field">The field at fault.</param>
    /// <param name="reason">What is wrong with it and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidEntityException(EntityType entityType, string entityKey, string field, string reason, Exception? innerException)
        : base($"{entityType.Name()} '{entityKey}', field '{field}': {reason}", innerException)
    {
        EntityType = entityType;
        EntityKey = entityKey;
        Field = field;
        Reason = reason;
    }

    /// <summary>The entity type.</summary>
    public EntityType EntityType { get; }

    /// <summary>The entity's primary key in the source.</summary>
    public string EntityKey { get; }

    /// <summary>The field (source column or item attribute) at fault.</summary>
    public string Field { get; }

    /// <summary>What is wrong with the field.</summary>
    public string Reason { get; }
}
