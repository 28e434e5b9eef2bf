namespace VisionDrive.Parking.Migration.Planning;

/// <summary>The plan's arithmetic, pure: measurements and assumptions in, figures and a recommendation out (formulas in <c>docs/scale.md</c>).</summary>
internal static class LoadPlanner
{
    public const double BytesPerGb = 1L << 30;

    /// <summary>1 TB, counted as 10^12 bytes (the smaller reading).</summary>
    public const long Terabyte = 1_000_000_000_000L;

    public static LoadPlan Compute(IReadOnlyDictionary<EntityType, EntityMeasurement> measured, PlanOptions options)
    {
        options.Validate();
        var entities = new Dictionary<string, PlanEntity>(StringComparer.Ordinal);
        foreach (var (type, m) in measured)
        {
            var assumed = options.AssumedRows.TryGetValue(type, out var assumedRows);
            var rows = assumed ? assumedRows : m.Rows;
            // Scale the sample's sums to the row count; a full scan has factor 1 and is exact.
            var factor = m.SampledRows == 0 ? 0.0 : (double)rows / m.SampledRows;
            entities[type.Name()] = new PlanEntity
            {
                Rows = rows,
                Assumed = assumed,
                SampledRows = m.SampledRows,
                Items = Scale(m.Items, factor),
                Gsi1Items = Scale(m.Gsi1Items, factor),
                Gsi2Items = Scale(m.Gsi2Items, factor),
                ItemBytes = Scale(m.ItemBytes, factor),
                WriteUnits = Scale(m.WriteUnits, factor),
                UncompressedBytes = Scale(m.UncompressedBytes, factor),
                CompressedBytes = Scale(m.CompressedBytes, factor),
            };
        }

        var items = entities.Values.Sum(e => e.Items);
        var units = entities.Values.Sum(e => e.WriteUnits);
        var uncompressed = entities.Values.Sum(e => e.UncompressedBytes);
        var compressed = entities.Values.Sum(e => e.CompressedBytes);
        var unitsPerItem = items == 0 ? 0 : (double)units / items;

        var batch = new BatchWritePlan
        {
            CostUsd = units / 1e6 * options.PricePerMillionWriteUnits,
            WriteUnitsPerSecond = options.WriteUnitsPerSecond,
            Seconds = units / options.WriteUnitsPerSecond,
            Machines = Machines(options.WriteUnitsPerSecond, unitsPerItem, options.MigrateItemsPerSecondPerMachine),
            QuotaWriteUnitsPerSecond = options.QuotaWriteUnitsPerSecond,
            SecondsAtQuota = units / options.QuotaWriteUnitsPerSecond,
            MachinesAtQuota = Machines(options.QuotaWriteUnitsPerSecond, unitsPerItem, options.MigrateItemsPerSecondPerMachine),
        };

        var objects = Math.Max(1, (items + options.ItemsPerObject - 1) / options.ItemsPerObject);
        var segments = (int)Math.Max(1, (objects + ImportObjectWriter.MaxObjectsPerSegment - 1) / ImportObjectWriter.MaxObjectsPerSegment);
        // Each segment rounds its own object count up: at most one object more per extra segment.
        objects += segments - 1;
        var maxBytes = PlanOptions.LargeImportRegions.Contains(options.Region) ? 15 * Terabyte : Terabyte;
        var checks = new List<PlanCheck>
        {
            new("new-table", !options.ExistingTable, options.ExistingTable
                ? "the target table exists; Import from S3 only creates a new table"
                : "the target table is new; Import from S3 creates it"),
            new("size", compressed <= maxBytes, string.Create(CultureInfo.InvariantCulture,
                $"{Human(compressed)} of gzip objects ({Human(uncompressed)} uncompressed); one import in {options.Region} reads at most {maxBytes / Terabyte} TB")),
            new("objects", objects <= ExportManifest.MaxImportObjects, string.Create(CultureInfo.InvariantCulture,
                $"{objects} objects of about {options.ItemsPerObject} items; one import reads at most {ExportManifest.MaxImportObjects}")),
        };
        var import = new ImportPlan
        {
            CostUsd = uncompressed / BytesPerGb * options.ImportPricePerGb,
            Objects = objects,
            Segments = segments,
            ExportSeconds = items / (options.ExportItemsPerSecondPerMachine * segments),
            MaxImportBytes = maxBytes,
            Checks = checks,
        };

        string recommendation;
        string reason;
        var failed = checks.Where(c => !c.Passed).ToList();
        if (failed.Count > 0)
        {
            recommendation = LoadPlan.BatchWriteItem;
            reason = "Import from S3 is not possible: " + string.Join("; ", failed.Select(c => c.Detail)) + ".";
        }
        else if (uncompressed < options.ImportAboveBytes)
        {
            recommendation = LoadPlan.BatchWriteItem;
            reason = string.Create(CultureInfo.InvariantCulture,
                $"{Human(uncompressed)} is below the import threshold of {Human(options.ImportAboveBytes)}: BatchWriteItem takes {Duration(batch.Seconds)} at {options.WriteUnitsPerSecond:N0} WRU/s for ${batch.CostUsd:N2} and needs no bucket, export or new table.");
        }
        else
        {
            recommendation = LoadPlan.ImportFromS3;
            reason = string.Create(CultureInfo.InvariantCulture,
                $"A new table and {Human(uncompressed)} (at least {Human(options.ImportAboveBytes)}): Import from S3 costs ${import.CostUsd:N2} instead of ${batch.CostUsd:N2} and consumes no write capacity, where BatchWriteItem would take {Duration(batch.Seconds)} at {options.WriteUnitsPerSecond:N0} WRU/s.");
        }

        return new LoadPlan
        {
            Region = options.Region,
            ExistingTable = options.ExistingTable,
            PricePerMillionWriteUnits = options.PricePerMillionWriteUnits,
            ImportPricePerGb = options.ImportPricePerGb,
            Entities = entities,
            Items = items,
            WriteUnits = units,
            UncompressedBytes = uncompressed,
            CompressedBytes = compressed,
            BatchWrite = batch,
            Import = import,
            Recommendation = recommendation,
            Reason = reason,
        };
    }

    private static long Scale(long value, double factor) => (long)Math.Round(value * factor, MidpointRounding.AwayFromZero);

    private static int Machines(double unitsPerSecond, double unitsPerItem, double itemsPerSecondPerMachine) =>
        unitsPerItem == 0 ? 1 : (int)Math.Max(1, Math.Ceiling(unitsPerSecond / unitsPerItem / itemsPerSecondPerMachine));

    public static string Human(long bytes) => bytes switch
    {
        >= Terabyte => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)Terabyte:0.##} TB"),
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / BytesPerGb:0.##} GB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.##} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.##} KB"),
    };

    public static string Duration(double seconds) => seconds switch
    {
        >= 86400 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86400:0.#} days"),
        >= 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.#} h"),
        >= 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0.#} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.#} s"),
    };
}
