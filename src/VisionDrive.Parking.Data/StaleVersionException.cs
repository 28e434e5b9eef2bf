using System;

namespace VisionDrive.Parking.Data;

/// <summary>
/// An update or delete named a version (the entity's <c>UpdatedAt</c> as read) that is no longer the stored one: someone else wrote the entity
/// in between. Nothing was written. Read the entity again, reapply the change and retry. An HTTP API answers 412 (a stale <c>If-Match</c>).
/// </summary>
public sealed class StaleVersionException : ParkingDataException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="entityType">The type of the entity written.</param>
    /// <param name="entityId">Its id.</param>
    /// <param name="expectedVersion">The version the write named.</param>
    /// <param name="currentVersion">The stored version.</param>
    public StaleVersionException(EntityType entityType, string entityId, DateTimeOffset expectedVersion, DateTimeOffset currentVersion)
        : base($"{entityType.Name()} '{entityId}' is at version {Keys.KeyTime.ToKey(currentVersion)}, not {Keys.KeyTime.ToKey(expectedVersion)}: it changed since it was read. Read it again, reapply the change and retry.")
    {
        EntityType = entityType;
        EntityId = entityId;
        ExpectedVersion = expectedVersion;
        CurrentVersion = currentVersion;
    }

    /// <summary>The type of the entity written.</summary>
    public EntityType EntityType { get; }

    /// <summary>The id of the entity written.</summary>
    public string EntityId { get; }

    /// <summary>The version the write named.</summary>
    public DateTimeOffset ExpectedVersion { get; }

    /// <summary>The stored version (the entity's current <c>UpdatedAt</c>).</summary>
    public DateTimeOffset CurrentVersion { get; }
}
