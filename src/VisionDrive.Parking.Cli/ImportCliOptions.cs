namespace VisionDrive.Parking.Cli;

/// <summary>The options of <c>vdp plan</c>, of <c>vdp export</c>'s object layout and merge, and of <c>vdp import</c> (Import from S3).</summary>
internal static class ImportCliOptions
{
    public static readonly Option<bool> ExistingTable = new("--existing-table")
    {
        Description = "The target table exists already (Import from S3 can only create a new table).",
    };

    public static readonly Option<double> WriteRate = new("--write-rate")
    {
        Description = "The write rate of a BatchWriteItem load, WRU/s (a new on-demand table's warm-up throughput).",
        DefaultValueFactory = _ => PlanOptions.DefaultWriteUnitsPerSecond,
    };

    public static readonly Option<double> QuotaRate = new("--quota-rate")
    {
        Description = "The table's write quota, WRU/s (the default on-demand table quota).",
        DefaultValueFactory = _ => PlanOptions.DefaultQuotaWriteUnitsPerSecond,
    };

    public static readonly Option<double> WriteUnitPrice = new("--price-per-million-wru")
    {
        Description = $"USD per million on-demand write request units (us-east-1 list price, looked up {PlanOptions.PricesDate}).",
        DefaultValueFactory = _ => PlanOptions.DefaultPricePerMillionWriteUnits,
    };

    public static readonly Option<double> ImportPrice = new("--import-price-per-gb")
    {
        Description = $"USD per GB of uncompressed data imported from S3 (us-east-1 list price, looked up {PlanOptions.PricesDate}).",
        DefaultValueFactory = _ => PlanOptions.DefaultImportPricePerGb,
    };

    public static readonly Option<double> ImportAboveGb = new("--import-above-gb")
    {
        Description = "Recommend Import from S3 only from this many GB of uncompressed import data on (below it, BatchWriteItem).",
        DefaultValueFactory = _ => PlanOptions.DefaultImportAboveBytes / (double)(1L << 30),
    };

    public static readonly Option<int> ItemsPerObject = new("--items-per-object")
    {
        Description = "Items per export object (Import from S3 reads at most 50,000 objects).",
        DefaultValueFactory = _ => ExportOptions.DefaultItemsPerObject,
    };

    public static readonly Option<int> Sample = new("--sample")
    {
        Description = "Rows per table transformed to measure item sizes; 0 transforms every row.",
        DefaultValueFactory = _ => PlanOptions.DefaultSampleRows,
    };

    public static readonly Option<string?> Assume = new("--assume")
    {
        Description = "Row counts to assume instead of the source's, e.g. EVENT=1000000000,SENSOR=100000 (sizes are still measured on the source).",
    };

    public static readonly Option<bool> Merge = new("--merge")
    {
        Description = "Merge the segment manifests (manifest-segment-*.json) in --out into manifest.json; reads no source.",
    };

    public static readonly Option<string?> Bucket = new("--bucket")
    {
        Description = "The S3 bucket to upload the export to and import from.",
    };

    public static readonly Option<string> Prefix = new("--prefix")
    {
        Description = "The key prefix in the bucket; data files go under <prefix>/data/, which is what the import reads.",
        DefaultValueFactory = _ => "vdp-export",
    };

    public static readonly Option<string?> S3EndpointUrl = new("--s3-endpoint-url")
    {
        Description = "The S3 endpoint (e.g. a local S3-compatible server). Default: $AWS_ENDPOINT_URL_S3, else AWS.",
    };

    public static readonly Option<bool> UploadOnly = new("--upload-only")
    {
        Description = "Upload (resumable: objects already there with the right checksum are skipped) and stop before ImportTable.",
    };

    public static readonly Option<bool> SkipUpload = new("--skip-upload")
    {
        Description = "The objects are in S3 already: start ImportTable directly.",
    };

    public static readonly Option<int> PollSeconds = new("--poll-seconds")
    {
        Description = "Seconds between DescribeImport calls while the import runs.",
        DefaultValueFactory = _ => 30,
    };
}
