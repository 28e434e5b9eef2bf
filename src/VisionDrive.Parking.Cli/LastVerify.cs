using System.Text.Json;
using System.Text.Json.Serialization;

namespace VisionDrive.Parking.Cli;

/// <summary>
/// <c>&lt;state-dir&gt;/last-verify.json</c>: the outcome of the last run that compared the source with the table (<c>vdp verify</c>,
/// <c>vdp migrate</c> with its verification, <c>vdp sync</c>), for <c>vdp cutover status</c> and for an operator's go/no-go. It holds
/// figures and checksums only: no connection string, no endpoint, no key of an item.
/// </summary>
internal sealed record LastVerify
{
    public const string FileName = "last-verify.json";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>When the run finished (UTC).</summary>
    [JsonPropertyName("time")]
    public DateTimeOffset Time { get; init; }

    /// <summary><c>verify</c>, <c>migrate</c> or <c>sync</c>.</summary>
    [JsonPropertyName("command")]
    public string Command { get; init; } = "";

    /// <summary>For sync: whether it was a dry run (the figures are then those before any change).</summary>
    [JsonPropertyName("dryRun")]
    public bool DryRun { get; init; }

    /// <summary>The table compared.</summary>
    [JsonPropertyName("table")]
    public string Table { get; init; } = "";

    /// <summary>Whether every entity type was consistent (source = target + rejected, checksums equal): the report's <c>verified</c>.</summary>
    [JsonPropertyName("verified")]
    public bool Verified { get; init; }

    /// <summary>Whether the run exited 0: verified, no rejected row, no differing key (the go/no-go's "verify clean").</summary>
    [JsonPropertyName("clean")]
    public bool Clean { get; init; }

    /// <summary>The differing keys found (missing + extra + different over every entity type, plus the items no entity type claims).</summary>
    [JsonPropertyName("differences")]
    public long Differences { get; init; }

    /// <summary>Per entity type (TENANT, …, ALERT): counts, differences and the two checksums.</summary>
    [JsonPropertyName("entities")]
    public IReadOnlyDictionary<string, LastVerifyEntity> Entities { get; init; } = new Dictionary<string, LastVerifyEntity>();

    /// <summary>Items of the table no entity type claims.</summary>
    [JsonPropertyName("extraUnclaimed")]
    public long ExtraUnclaimed { get; init; }

    /// <summary>Whether a run of this report compared the source with the table (so that it is a verification worth recording).</summary>
    public static bool Compared(MigrationReport report, MigrationOptions options) => !(report.Online && !report.DryRun) && report.Command switch
    {
        "verify" or "sync" => true,
        "migrate" => options.Verify && options.SegmentCount == 1,
        _ => false,
    };

    /// <summary>The record of a finished run.</summary>
    public static LastVerify From(MigrationReport report, bool clean, DateTimeOffset time)
    {
        var entities = report.Entities.ToDictionary(
            e => e.Key.Name(),
            e => new LastVerifyEntity
            {
                Source = e.Value.Source,
                Rejected = e.Value.Rejected,
                Target = e.Value.Target,
                Missing = e.Value.Missing.Count,
                Extra = e.Value.Extra.Count,
                Different = e.Value.Different.Count,
                ChecksumMatch = e.Value.ChecksumMatch,
                SourceChecksum = e.Value.SourceChecksum,
                TargetChecksum = e.Value.TargetChecksum,
            },
            StringComparer.Ordinal);
        return new LastVerify
        {
            Time = time.ToUniversalTime(),
            Command = report.Command,
            DryRun = report.DryRun,
            Table = report.Table,
            Verified = report.Verified,
            Clean = clean,
            Differences = entities.Values.Sum(e => e.Differences) + report.ExtraUnclaimedCount,
            Entities = entities,
            ExtraUnclaimed = report.ExtraUnclaimedCount,
        };
    }

    /// <summary>Writes the file atomically: a temp file of this process flushed to disk, then renamed over the old one.</summary>
    public async Task WriteAsync(string stateDirectory, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(stateDirectory);
        Directory.CreateDirectory(full);
        var path = Path.Combine(full, FileName);
        var tmp = path + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
        try
        {
            await using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                var json = Secrets.Redact(JsonSerializer.Serialize(this, JsonOptions));
                await fs.WriteAsync(System.Text.Encoding.UTF8.GetBytes(json), cancellationToken);
                fs.Flush(true);
            }

            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp))
            {
                File.Delete(tmp);
            }
        }
    }

    /// <summary>Reads the file of a state directory; <see langword="null"/> when there is none.</summary>
    /// <exception cref="UsageException">The file is not a last-verify record.</exception>
    public static async Task<LastVerify?> ReadAsync(string stateDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetFullPath(stateDirectory), FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var fs = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<LastVerify>(fs, JsonOptions, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{path} is not a last-verify record ({ex.Message}): rerun `vdp verify --state-dir {stateDirectory}` to write it again.");
        }
    }
}

/// <summary>One entity type in <see cref="LastVerify"/>.</summary>
internal sealed record LastVerifyEntity
{
    /// <summary>Rows at the source.</summary>
    [JsonPropertyName("source")]
    public long Source { get; init; }

    /// <summary>Rows that cannot become items.</summary>
    [JsonPropertyName("rejected")]
    public long Rejected { get; init; }

    /// <summary>Items of this type in the table.</summary>
    [JsonPropertyName("target")]
    public long? Target { get; init; }

    /// <summary>Keys at the source, not in the table (listed ones: at most the report's cap per kind).</summary>
    [JsonPropertyName("missing")]
    public long Missing { get; init; }

    /// <summary>Keys in the table, not at the source.</summary>
    [JsonPropertyName("extra")]
    public long Extra { get; init; }

    /// <summary>Keys on both sides whose content differs.</summary>
    [JsonPropertyName("different")]
    public long Different { get; init; }

    /// <summary>Missing + extra + different.</summary>
    [JsonPropertyName("differences")]
    public long Differences => Missing + Extra + Different;

    /// <summary>Whether the two checksums are equal.</summary>
    [JsonPropertyName("checksumMatch")]
    public bool? ChecksumMatch { get; init; }

    /// <summary>The source-side checksum (hex).</summary>
    [JsonPropertyName("sourceChecksum")]
    public string? SourceChecksum { get; init; }

    /// <summary>The target-side checksum (hex).</summary>
    [JsonPropertyName("targetChecksum")]
    public string? TargetChecksum { get; init; }
}
