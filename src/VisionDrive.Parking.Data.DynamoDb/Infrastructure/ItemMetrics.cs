using System.ComponentModel;

namespace VisionDrive.Parking.Data.DynamoDb.Infrastructure;

/// <summary>
/// Item measurements for the sibling packages (the migration's load plan): public so that mixing package versions cannot fail at run time,
/// hidden from IntelliSense because applications have no use for it. Not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ItemMetrics
{
    /// <summary>The size of an item as DynamoDB bills it: attribute names plus values, by DynamoDB's item size rules (the size the 400 KB limit and the 1 KB write unit apply to).</summary>
    /// <param name="item">The item.</param>
    /// <returns>Bytes.</returns>
    public static int Size(IReadOnlyDictionary<string, AttributeValue> item) => ItemSize.Compute(item);
}
