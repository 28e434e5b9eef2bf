namespace VisionDrive.Parking.Migration.Planning;

/// <summary>
/// The assumptions of a load plan (<c>vdp plan</c>): rates, prices, region, target. Every default is a constant here, stated with its source in
/// <c>docs/scale.md</c>. Prices are the AWS list prices for us-east-1 as found on <see cref="PricesDate"/>; pass your region's prices.
/// </summary>
public sealed class PlanOptions
{
    /// <summary>The date the default prices were looked up.</summary>
    public const string PricesDate = "2026-12-02";

    /// <summary>Default <see cref="PricePerMillionWriteUnits"/>: USD 0.625 per million on-demand write request units (us-east-1, since the price cut of 1 November 2024).</summary>
    public const double DefaultPricePerMillionWriteUnits = 0.625;

    /// <summary>Default <see cref="ImportPricePerGb"/>: USD 0.15 per GB (2^30 bytes) of uncompressed source data imported from S3 (us-east-1).</summary>
    public const double DefaultImportPricePerGb = 0.15;

    /// <summary>Default <see cref="WriteUnitsPerSecond"/>: 4,000 WRU/s, what a new on-demand table sustains before it has scaled (its warm-up throughput).</summary>
    public const double DefaultWriteUnitsPerSecond = 4_000;

    /// <summary>Default <see cref="QuotaWriteUnitsPerSecond"/>: 40,000 WRU/s, the default per-table write quota of an on-demand table.</summary>
    public const double DefaultQuotaWriteUnitsPerSecond = 40_000;

    /// <summary>Default <see cref="ImportAboveBytes"/>: 1 GiB of uncompressed import data.</summary>
    public const long DefaultImportAboveBytes = 1L << 30;

    /// <summary>Default <see cref="MigrateItemsPerSecondPerMachine"/>: 30,000 items/s, measured for <c>vdp migrate</c> on 2 cores into an instant endpoint (issue #18).</summary>
    public const double DefaultMigrateItemsPerSecondPerMachine = 30_000;

    /// <summary>Default <see cref="ExportItemsPerSecondPerMachine"/>: 60,000 items/s, measured for <c>vdp export</c> on 2 cores (issue #18).</summary>
    public const double DefaultExportItemsPerSecondPerMachine = 60_000;

    /// <summary>Default <see cref="SampleRows"/>: the first 10,000 rows of each table.</summary>
    public const int DefaultSampleRows = 10_000;

    /// <summary>The regions where one import may read 15 TB of S3 objects; elsewhere (me-central-1 among them) 1 TB.</summary>
    public static readonly IReadOnlySet<string> LargeImportRegions = new HashSet<string>(StringComparer.Ordinal) { "us-east-1", "us-west-2", "eu-west-1" };

    /// <summary>The target region. Default <c>me-central-1</c>.</summary>
    public string Region { get; init; } = "me-central-1";

    /// <summary>Whether the target table exists already (Import from S3 can only create a new one). Default <see langword="false"/>.</summary>
    public bool ExistingTable { get; init; }

    /// <summary>The write rate of a BatchWriteItem load, WRU/s. Default <see cref="DefaultWriteUnitsPerSecond"/>.</summary>
    public double WriteUnitsPerSecond { get; init; } = DefaultWriteUnitsPerSecond;

    /// <summary>The table's write quota, WRU/s, the fastest a BatchWriteItem load can go. Default <see cref="DefaultQuotaWriteUnitsPerSecond"/>.</summary>
    public double QuotaWriteUnitsPerSecond { get; init; } = DefaultQuotaWriteUnitsPerSecond;

    /// <summary>USD per million on-demand write request units. Default <see cref="DefaultPricePerMillionWriteUnits"/>.</summary>
    public double PricePerMillionWriteUnits { get; init; } = DefaultPricePerMillionWriteUnits;

    /// <summary>USD per GB (2^30 bytes) of uncompressed data imported from S3. Default <see cref="DefaultImportPricePerGb"/>.</summary>
    public double ImportPricePerGb { get; init; } = DefaultImportPricePerGb;

    /// <summary>Below this many uncompressed import bytes BatchWriteItem is recommended even where an import is possible. Default <see cref="DefaultImportAboveBytes"/>.</summary>
    public long ImportAboveBytes { get; init; } = DefaultImportAboveBytes;

    /// <summary>Items per export object. Default <see cref="ExportOptions.DefaultItemsPerObject"/>.</summary>
    public int ItemsPerObject { get; init; } = ExportOptions.DefaultItemsPerObject;

    /// <summary>Items per second one machine migrates (CPU-bound). Default <see cref="DefaultMigrateItemsPerSecondPerMachine"/>.</summary>
    public double MigrateItemsPerSecondPerMachine { get; init; } = DefaultMigrateItemsPerSecondPerMachine;

    /// <summary>Items per second one machine exports. Default <see cref="DefaultExportItemsPerSecondPerMachine"/>.</summary>
    public double ExportItemsPerSecondPerMachine { get; init; } = DefaultExportItemsPerSecondPerMachine;

    /// <summary>Rows per table transformed to measure item sizes; 0 transforms every row. Default <see cref="DefaultSampleRows"/>.</summary>
    public int SampleRows { get; init; } = DefaultSampleRows;

    /// <summary>Row counts to assume instead of the source's (e.g. <c>EVENT = 1,000,000,000</c>); the sizes are still measured on the source.</summary>
    public IReadOnlyDictionary<EntityType, long> AssumedRows { get; init; } = new Dictionary<EntityType, long>();

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Region))
        {
            throw new ArgumentException("The region is empty.", nameof(Region));
        }

        Positive(WriteUnitsPerSecond, nameof(WriteUnitsPerSecond));
        Positive(QuotaWriteUnitsPerSecond, nameof(QuotaWriteUnitsPerSecond));
        Positive(MigrateItemsPerSecondPerMachine, nameof(MigrateItemsPerSecondPerMachine));
        Positive(ExportItemsPerSecondPerMachine, nameof(ExportItemsPerSecondPerMachine));
        if (PricePerMillionWriteUnits < 0 || ImportPricePerGb < 0 || ImportAboveBytes < 0)
        {
            throw new ArgumentException("Prices and the import threshold cannot be negative.", nameof(PricePerMillionWriteUnits));
        }

        if (ItemsPerObject < 1 || SampleRows < 0)
        {
            throw new ArgumentException("The items per object must be positive and the sample rows not negative.", nameof(ItemsPerObject));
        }

        foreach (var (type, rows) in AssumedRows)
        {
            if (rows < 0)
            {
                throw new ArgumentException($"The assumed rows of {type.Name()} are negative.", nameof(AssumedRows));
            }
        }
    }

    private static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentException($"{name} must be a positive number.", name);
        }
    }
}
