namespace VisionDrive.Parking.Migration.Pipeline;

/// <summary>
/// The pure mapping of one entity type: the same row always gives the same item (or the same failure). Holds no state; the data-quality
/// checks, which need to remember rows, are the <see cref="IDataQualityInspector{T}"/>'s.
/// </summary>
/// <typeparam name="T">The entity record.</typeparam>
internal sealed class ItemMapping<T>(EntityType type, Func<T, Dictionary<string, AttributeValue>> toItem)
    where T : class
{
    public EntityType Type { get; } = type;

    /// <summary>Maps one row: its item, or the failure the reader or the mapper found.</summary>
    public (Dictionary<string, AttributeValue>? Item, RowFailure? Failure) Map(SourceRow<T> row)
    {
        if (row.Failure is not null)
        {
            return (null, row.Failure);
        }

        var entity = row.Entity!;
        try
        {
            return (toItem(entity), null);
        }
        catch (InvalidEntityException ex)
        {
            return (null, new RowFailure(Type.SourceTable(), ex.EntityId, ex.Field, ex.Reason, EntityJson.Serialize(entity)));
        }
    }
}
