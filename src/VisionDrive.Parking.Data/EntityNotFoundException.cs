namespace VisionDrive.Parking.Data;

/// <summary>
/// A write names an entity (or the parent it needs) that does not exist for the tenant the write names: it was never created, was deleted, or
/// belongs to another tenant (whose entities are never touched and never revealed). An HTTP API answers 404. Retrying does not help.
/// </summary>
/// <param name="entityType">The type of the missing entity.</param>
/// <param name="entityId">Its id.</param>
/// <param name="tenantId">The tenant the write named.</param>
public sealed class EntityNotFoundException(EntityType entityType, string entityId, string tenantId)
    : EntityException(entityType, entityId, $"{entityType.Name()} '{entityId}' does not exist for tenant '{tenantId}'. Create it first, or check the id and the tenant.")
{
    /// <summary>The tenant the write named.</summary>
    public string TenantId { get; } = tenantId;
}
