namespace VisionDrive.Parking.Migration.Export;

/// <summary>
/// The manifest of an export for DynamoDB's Import from S3: per entity type the count, the canonical checksum (the one <c>vdp verify</c> computes
/// of the source) and the uncompressed bytes, and every file with its item count, sizes and SHA-256. Each <c>--segment i/N</c> export writes
/// <c>manifest-segment-iii-of-NNN.json</c>; <see cref="Merge"/> (<c>vdp export --merge</c>) combines the N of them into <c>manifest.json</c>,
/// and an export of one segment writes <c>manifest.json</c> directly. See <c>docs/scale.md</c>.
/// </summary>
public sealed class ExportManifest
{
    /// <summary>The file name of the merged manifest.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The folder (relative to the export folder and to the S3 prefix) holding the data files; the import reads only this prefix.</summary>
    public const string DataFolder = "data";

    /// <summary>At most this many S3 objects in one import (the Import from S3 quota).</summary>
    public const int MaxImportObjects = 50_000;

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>The target table the export was made for.</summary>
    [JsonPropertyName("table")]
    public string Table { get; init; } = "";

    /// <summary>Always <c>DYNAMODB_JSON</c>.</summary>
    [JsonPropertyName("format")]
    public string Format { get; init; } = "DYNAMODB_JSON";

    /// <summary>Always <c>GZIP</c>.</summary>
    [JsonPropertyName("compression")]
    public string Compression { get; init; } = "GZIP";

    /// <summary>The event retention in days the items' <c>ttl</c> was computed with.</summary>
    [JsonPropertyName("retentionDays")]
    public double RetentionDays { get; init; }

    /// <summary>How many segments the export was split into.</summary>
    [JsonPropertyName("segmentCount")]
    public int SegmentCount { get; init; } = 1;

    /// <summary>The segments this manifest covers (all of 0..N-1 in a merged manifest).</summary>
    [JsonPropertyName("segments")]
    public List<int> Segments { get; init; } = [];

    /// <summary>Per entity type (<c>TENANT</c>, …): count, checksum, uncompressed bytes.</summary>
    [JsonPropertyName("entities")]
    public Dictionary<string, ExportEntitySummary> Entities { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The data files.</summary>
    [JsonPropertyName("files")]
    public List<ExportFile> Files { get; init; } = [];

    /// <summary>The total item count.</summary>
    [JsonPropertyName("items")]
    public long Items => Entities.Values.Sum(e => e.Count);

    /// <summary>The total uncompressed bytes (what Import from S3 bills).</summary>
    [JsonPropertyName("uncompressedBytes")]
    public long UncompressedBytes => Files.Sum(f => f.UncompressedBytes);

    /// <summary>The file name of segment <paramref name="index"/> of <paramref name="count"/>'s manifest.</summary>
    /// <param name="index">The segment, 0-based.</param>
    /// <param name="count">The segment count.</param>
    /// <returns>e.g. <c>manifest-segment-000-of-004.json</c>.</returns>
    public static string SegmentFileName(int index, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"manifest-segment-{index:D3}-of-{count:D3}.json");

    /// <summary>Reads a manifest.</summary>
    /// <param name="path">The manifest file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="MigrationException">The file is not a manifest.</exception>
    public static async Task<ExportManifest> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            var stream = File.OpenRead(path);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync<ExportManifest>(stream, JsonOptions, cancellationToken).ConfigureAwait(false)
                    ?? throw new MigrationException($"{path} is empty; export again.");
            }
        }
        catch (JsonException ex)
        {
            throw new MigrationException($"{path} is not an export manifest ({ex.Message}); export again.", ex);
        }
    }

    /// <summary>Writes the manifest (atomically: a temporary file renamed over the target).</summary>
    /// <param name="path">The manifest file.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(this, JsonOptions), cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// Merges the manifests of the segments of one export into one: every segment 0..N-1 exactly once, the same table, retention and N,
    /// no file listed twice, at most <see cref="MaxImportObjects"/> files; counts and bytes add up, checksums add mod 2^128 (they are sums).
    /// </summary>
    /// <param name="segments">The segment manifests.</param>
    /// <returns>The merged manifest.</returns>
    /// <exception cref="MigrationException">A segment is missing or repeated, or the manifests do not belong to one export.</exception>
    public static ExportManifest Merge(IReadOnlyCollection<ExportManifest> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Count == 0)
        {
            throw new MigrationException("No segment manifests (manifest-segment-*.json) to merge: run `vdp export --segment i/N` first.");
        }

        var first = segments.First();
        foreach (var m in segments)
        {
            if (m.SegmentCount != first.SegmentCount || !string.Equals(m.Table, first.Table, StringComparison.Ordinal) || m.RetentionDays != first.RetentionDays)
            {
                throw new MigrationException(string.Create(CultureInfo.InvariantCulture,
                    $"The segment manifests are from different exports (table '{m.Table}' vs '{first.Table}', segments {m.SegmentCount} vs {first.SegmentCount}, retention {m.RetentionDays} vs {first.RetentionDays} days): export every segment with the same --table, --segment i/N and --retention-days."));
            }
        }

        var covered = segments.SelectMany(m => m.Segments).ToList();
        var repeated = covered.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            throw new MigrationException($"Segment(s) {string.Join(", ", repeated)} appear in more than one manifest: keep one export per segment.");
        }

        var missing = Enumerable.Range(0, first.SegmentCount).Except(covered).ToList();
        if (missing.Count > 0)
        {
            throw new MigrationException($"Segment(s) {string.Join(", ", missing.Select(s => $"{s}/{first.SegmentCount}"))} of the export are missing: run `vdp export --segment i/{first.SegmentCount}` for each into the same folder, then merge again.");
        }

        var files = segments.SelectMany(m => m.Files).ToList();
        var twice = files.GroupBy(f => f.Path, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0)
        {
            throw new MigrationException($"File(s) listed by more than one segment: {string.Join(", ", twice.Take(5))}.");
        }

        if (files.Count > MaxImportObjects)
        {
            throw new MigrationException($"The export has {files.Count} files; one Import from S3 reads at most {MaxImportObjects}: export again with a larger --items-per-object.");
        }

        var merged = new ExportManifest
        {
            Table = first.Table,
            RetentionDays = first.RetentionDays,
            SegmentCount = first.SegmentCount,
            Segments = covered.Order().ToList(),
            Files = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList(),
        };
        foreach (var m in segments)
        {
            foreach (var (type, e) in m.Entities)
            {
                if (!merged.Entities.TryGetValue(type, out var sum))
                {
                    merged.Entities[type] = sum = new ExportEntitySummary();
                }

                sum.Count += e.Count;
                sum.UncompressedBytes += e.UncompressedBytes;
                sum.Checksum = AddChecksums(sum.Checksum, e.Checksum);
            }
        }

        return merged;
    }

    /// <summary>Adds two checksums (32 hexadecimal digits each) modulo 2^128.</summary>
    internal static string AddChecksums(string a, string b) =>
        unchecked(UInt128.Parse(a, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture) + UInt128.Parse(b, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture))
            .ToString("x32", CultureInfo.InvariantCulture);
}
