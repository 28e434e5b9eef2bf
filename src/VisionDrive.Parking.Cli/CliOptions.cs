using System.CommandLine.Parsing;
using VisionDrive.Parking.Data.DynamoDb;

namespace VisionDrive.Parking.Cli;

/// <summary>The options of <c>vdp</c>, shared by the commands that take them.</summary>
internal static class CliOptions
{
    public static readonly Option<string?> Source = new("--source")
    {
        Description = "The source PostgreSQL/TimescaleDB: an Npgsql connection string or a postgres:// URL. Default: $VDP_SOURCE. " +
            "Prefer putting the password in PGPASSWORD or ~/.pgpass rather than on the command line.",
    };

    public static readonly Option<string?> CaFile = new("--ca-file")
    {
        Description = "A CA certificate file (PEM) that signs the source's server certificate. Default: $VDP_SOURCE_CA, else the system trust store.",
    };

    public static readonly Option<bool> InsecureTls = new("--insecure-tls")
    {
        Description = "Connect to the source without verifying its certificate. Unsafe: warns on every run. " +
            "Not needed for a Unix-domain socket (Host=/var/run/postgresql), where TLS does not apply.",
    };

    public static readonly Option<string?> EndpointUrl = new("--endpoint-url")
    {
        Description = "The DynamoDB endpoint, e.g. http://127.0.0.1:8000 for DynamoDB Local. Default: $AWS_ENDPOINT_URL_DYNAMODB, else AWS.",
    };

    public static readonly Option<string?> Region = new("--region")
    {
        Description = "The AWS region. Default: $AWS_REGION, else " + ParkingDefaults.Region + ".",
    };

    public static readonly Option<string> Table = new("--table")
    {
        Description = "The DynamoDB table.",
        DefaultValueFactory = _ => ParkingDefaults.TableName,
    };

    public static readonly Option<string> StateDir = new("--state-dir")
    {
        Description = "The state directory: checkpoint, lock, rejects.jsonl, warnings.jsonl, and last-verify.json (the last comparison of source and table, read by `vdp cutover status`).",
        DefaultValueFactory = _ => MigrationOptions.DefaultStateDirectory,
    };

    public static readonly Option<string?> Report = new("--report")
    {
        Description = "Write the machine-readable report (JSON) to this file.",
    };

    public static readonly Option<string?> Tables = new("--tables")
    {
        Description = "Comma-separated entity types or source tables to process (e.g. tenants,zones or TENANT,ZONE). Default: all.",
    };

    public static readonly Option<bool> DryRun = new("--dry-run")
    {
        Description = "Print the plan and change nothing.",
    };

    public static readonly Option<string?> Segment = new("--segment")
    {
        Description = "This process's share of the work, i/N (e.g. 0/2): N processes with 0..N-1 together migrate everything. Use one --state-dir per segment.",
    };

    /// <summary>The retention when neither --retention-days nor $VDP_RETENTION_DAYS is given.</summary>
    public const int BuiltInRetentionDays = ParkingDefaults.EventRetentionDays;

    /// <summary>The environment variable that sets the default of --retention-days.</summary>
    public const string RetentionVariable = "VDP_RETENTION_DAYS";

    public static readonly Option<int> RetentionDays = WholeNumber(
        "--retention-days",
        "Event retention: an event's ttl is its time plus this many days. " + RetentionDefaultText(),
        EffectiveDefaultRetentionDays());

    public static readonly Option<bool> AllowExpiredTtl = new("--allow-expired-ttl")
    {
        Description = "Write events whose ttl is already past (DynamoDB deletes them within days).",
    };

    public static readonly Option<int> Parallelism = WholeNumber(
        "--parallelism",
        "BatchWriteItem calls in flight at once (1-" + MigrationOptions.MaxParallelism.ToString(CultureInfo.InvariantCulture) + ").",
        MigrationOptions.DefaultParallelism);

    public static readonly Option<int> MaxWriteUnits = WholeNumber(
        "--max-write-units",
        "Cap the write units per second of all writes of this process (1-10000000; by DynamoDB's consumed capacity). Split a table's budget across --segment processes: give each cap/N.",
        0);

    public static readonly Option<int> SourceRetries = WholeNumber(
        "--source-retries",
        "Times to resume from the checkpoint in the same run after the source connection is lost (0-" +
            MigrationOptions.MaxSourceReconnectAttempts.ToString(CultureInfo.InvariantCulture) + "; 0 stops at once).",
        MigrationOptions.DefaultSourceReconnectAttempts);

    /// <summary>The default of --request-timeout, in seconds.</summary>
    public const int DefaultRequestTimeoutSeconds = 30;

    public static readonly Option<int> RequestTimeout = WholeNumber(
        "--request-timeout",
        "Seconds one DynamoDB request may take (1-600); a silent endpoint fails after the retry layer's attempts, naming the endpoint.",
        DefaultRequestTimeoutSeconds);

    public static readonly Option<bool> Online = new("--online")
    {
        Description = "Backfill while the application dual-writes (cutover phase 2): never overwrite a newer item, delete only items older than the run; no verify at the end.",
    };

    public static readonly Option<bool> NoVerify = new("--no-verify")
    {
        Description = "Skip the verification after migrating (run `vdp verify` later).",
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print JSON instead of text.",
    };

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Debug logs and stack traces on errors.",
        Recursive = true,
    };

    public static readonly Option<string> Out = new("--out")
    {
        Description = "The export folder.",
        DefaultValueFactory = _ => "vdp-export",
    };

    public static readonly Option<int> Seed = WholeNumber("--seed", "The random seed of the generated dataset.", 42);

    public static readonly Argument<string> Dataset = new("dataset")
    {
        Description = "guide (the migration guide's 356 rows), scale:N (N sensor events) or dirty (every bad-data case).",
    };

    /// <summary>$VDP_RETENTION_DAYS when it is a whole number of at least 1, else 400 (an invalid variable is reported when it is used).</summary>
    public static int EffectiveDefaultRetentionDays()
    {
        var fromEnv = Environment.GetEnvironmentVariable(RetentionVariable);
        return int.TryParse(fromEnv?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days >= 1 ? days : BuiltInRetentionDays;
    }

    private static string RetentionDefaultText()
    {
        var fromEnv = Environment.GetEnvironmentVariable(RetentionVariable);
        return string.IsNullOrWhiteSpace(fromEnv)
            ? $"Default: {BuiltInRetentionDays} (set ${RetentionVariable} for another default)."
            : $"Default: ${RetentionVariable} (now '{fromEnv.Trim()}'); without it {BuiltInRetentionDays}.";
    }

    /// <summary>An integer option whose bad value is answered with "--name must be a whole number, got 'abc'".</summary>
    private static Option<int> WholeNumber(string name, string description, int defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                return defaultValue;
            }

            var text = result.Tokens[^1].Value;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            result.AddError($"{name} must be a whole number, got '{text}'.");
            return defaultValue;
        },
    };

    public static string RequireSource(ParseResult parse) =>
        parse.GetValue(Source) ?? Environment.GetEnvironmentVariable("VDP_SOURCE")
        ?? throw new UsageException("No source database: pass --source (a connection string or postgres:// URL) or set VDP_SOURCE.");
}
