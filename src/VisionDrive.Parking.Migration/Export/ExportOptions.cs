namespace VisionDrive.Parking.Migration.Export;

/// <summary>How an export lays out its objects for Import from S3.</summary>
public sealed class ExportOptions
{
    /// <summary>The default of <see cref="ItemsPerObject"/>: 100,000 items (about 60 MB uncompressed for this table's items), so a billion items make 10,000 objects.</summary>
    public const int DefaultItemsPerObject = 100_000;

    /// <summary>
    /// The target number of items per object. Default <see cref="DefaultItemsPerObject"/>. A segment of <c>n</c> items is hash-partitioned into
    /// <c>ceil(n / ItemsPerObject)</c> objects (at most 1,000 per segment: use more segments beyond), so objects hold this many items on average;
    /// pass 2 of the export holds one object's lines in memory. All segments together must stay within Import from S3's 50,000 objects.
    /// </summary>
    public int ItemsPerObject { get; init; } = DefaultItemsPerObject;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (ItemsPerObject is < 1 or > 10_000_000)
        {
            throw new ArgumentException("The items per object must be between 1 and 10000000.", nameof(ItemsPerObject));
        }
    }
}
