using VisionDrive.Parking.Data.Keys;

namespace VisionDrive.Parking.Data;

/// <summary>
/// An update or delete named a version (the entity's <c>UpdatedAt</c> as read) that is no longer the stored one: someone else wrote the entity
/// in between. Nothing was written. Read the entity again, reapply the change and retry. An HTTP API answers 412 (a stale <c>If-Match</c>).
/// </summary>
/// <param name="entityType">The type of the entity written.</param>
/// <param name="entityId">Its id.</param>
/// <param name="expectedVersion">The version the write named.</param>
/// <param name="currentVersion">The stored version.</param>
public sealed class StaleVersionException(EntityType entityType, string entityId, DateTimeOffset expectedVersion, DateTimeOffset currentVersion)
    : EntityException(entityType, entityId,
        $"{entityType.Name()} '{entityId}' is at version {KeyTime.ToKey(currentVersion)}, not {KeyTime.ToKey(expectedVersion)}: it changed since it was read. Read it again, reapply the change and retry.")
{
    /// <summary>The version the write named.</summary>
    public DateTimeOffset ExpectedVersion { get; } = expectedVersion;

    /// <summary>The stored version (the entity's current <c>UpdatedAt</c>).</summary>
    public DateTimeOffset CurrentVersion { get; } = currentVersion;
}
