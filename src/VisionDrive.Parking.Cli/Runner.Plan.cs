using Amazon;
using Amazon.DynamoDBv2;

namespace VisionDrive.Parking.Cli;

internal sealed partial class Runner
{
    public async Task<int> PlanAsync(CancellationToken cancellationToken)
    {
        var options = new MigrationOptions
        {
            TableName = _parse.GetValue(CliOptions.Table) ?? "VisionDrive-Parking",
            EntityTypes = ParseTables(_parse.GetResult(CliOptions.Tables) is null ? null : _parse.GetValue(CliOptions.Tables)),
            EventRetention = TimeSpan.FromDays(Math.Max(1, RetentionDays())),
        };
        var importAboveGb = _parse.GetValue(ImportCliOptions.ImportAboveGb);
        if (importAboveGb < 0)
        {
            throw new UsageException("--import-above-gb cannot be negative.");
        }

        PlanOptions planOptions;
        try
        {
            planOptions = new PlanOptions
            {
                Region = _parse.GetValue(CliOptions.Region) ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? "me-central-1",
                ExistingTable = _parse.GetValue(ImportCliOptions.ExistingTable),
                WriteUnitsPerSecond = _parse.GetValue(ImportCliOptions.WriteRate),
                QuotaWriteUnitsPerSecond = _parse.GetValue(ImportCliOptions.QuotaRate),
                PricePerMillionWriteUnits = _parse.GetValue(ImportCliOptions.WriteUnitPrice),
                ImportPricePerGb = _parse.GetValue(ImportCliOptions.ImportPrice),
                ImportAboveBytes = (long)(importAboveGb * (1L << 30)),
                ItemsPerObject = _parse.GetValue(ImportCliOptions.ItemsPerObject),
                SampleRows = _parse.GetValue(ImportCliOptions.Sample),
                AssumedRows = ParseAssume(_parse.GetValue(ImportCliOptions.Assume)),
            };
            planOptions.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }

        var engine = new MigrationEngine(SourceReader(), NoDynamoDb(), options, _loggers, _time);
        var plan = await engine.PlanAsync(planOptions, cancellationToken);
        Console.WriteLine(PlanSummary.Render(plan));
        var path = _parse.GetValue(CliOptions.Report);
        if (!string.IsNullOrWhiteSpace(path))
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null)
            {
                Directory.CreateDirectory(dir);
            }

            await File.WriteAllTextAsync(path, plan.ToJson(), cancellationToken);
        }

        return ExitCodes.Success;
    }

    /// <summary><c>vdp export --merge</c>: the segment manifests in --out become one manifest.json.</summary>
    private async Task<int> MergeExportAsync(CancellationToken cancellationToken)
    {
        var folder = _parse.GetValue(CliOptions.Out)!;
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"--out '{folder}' does not exist: export the segments into it first.");
        }

        var manifests = new List<ExportManifest>();
        foreach (var file in Directory.GetFiles(folder, "manifest-segment-*.json").Order(StringComparer.Ordinal))
        {
            manifests.Add(await ExportManifest.LoadAsync(file, cancellationToken));
        }

        var merged = ExportManifest.Merge(manifests);
        await merged.SaveAsync(Path.Combine(folder, ExportManifest.FileName), cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Merged {manifests.Count} segment manifests into {Path.Combine(Path.GetFullPath(folder), ExportManifest.FileName)}: {merged.Items} items in {merged.Files.Count} files, {merged.UncompressedBytes} bytes uncompressed."));
        return ExitCodes.Success;
    }

    private ExportOptions ExportLayout()
    {
        var items = _parse.GetValue(ImportCliOptions.ItemsPerObject);
        if (items is < 1 or > 10_000_000)
        {
            throw new UsageException("--items-per-object must be between 1 and 10000000.");
        }

        return new ExportOptions { ItemsPerObject = items };
    }

    /// <summary>A client for the commands that never call DynamoDB (the engine takes one).</summary>
    private static AmazonDynamoDBClient NoDynamoDb() =>
        new(new AnonymousAWSCredentials(), new AmazonDynamoDBConfig { RegionEndpoint = RegionEndpoint.MECentral1 });

    internal static Dictionary<EntityType, long> ParseAssume(string? value)
    {
        var result = new Dictionary<EntityType, long>();
        if (string.IsNullOrWhiteSpace(value))
        {
            return result;
        }

        foreach (var pair in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !EntityTypes.TryParse(parts[0], out var type)
                || !long.TryParse(parts[1].Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var rows))
            {
                throw new UsageException($"--assume: '{pair}' is not TYPE=ROWS (e.g. EVENT=1000000000; types: TENANT, SITE, ZONE, BAY, SENSOR, EVENT, ALERT or their tables).");
            }

            result[type] = rows;
        }

        return result;
    }
}
