using System.Net.Http;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data.DynamoDb;
using VisionDrive.Parking.Data.DynamoDb.Client;
using VisionDrive.Parking.Data.DynamoDb.Provisioning;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.Datasets;

namespace VisionDrive.Parking.Cli;

/// <summary>Runs one command: builds the clients from the options, runs, prints, writes the report, maps the outcome to an exit code.</summary>
internal sealed partial class Runner : IDisposable
{
    private readonly ParseResult _parse;
    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider _time = TimeProvider.System;
    private NpgsqlDataSource? _dataSource;
    private AmazonDynamoDBClient? _client;

    private Runner(ParseResult parse)
    {
        _parse = parse;
        Verbose = parse.GetValue(CliOptions.Verbose);
        // On a terminal the progress bars tell what the information lines would; they would only tear the bars apart.
        var minimum = Verbose ? LogLevel.Debug : ConsoleProgress.IsInteractive ? LogLevel.Warning : LogLevel.Information;
        _loggers = LoggerFactory.Create(b =>
        {
            b.ClearProviders();
            b.SetMinimumLevel(minimum);
            b.AddFilter("Npgsql", Verbose ? LogLevel.Information : LogLevel.Warning);
            // The data source hands Npgsql's per-statement lines over at Debug: shown with --verbose only.
            b.AddFilter("Npgsql.Command", Verbose ? LogLevel.Debug : LogLevel.Warning);
            b.AddProvider(new RedactingConsoleLoggerProvider(minimum, _time));
        });
        Secrets.Add(Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"));
        Secrets.Add(Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN"));
        Secrets.Add(Environment.GetEnvironmentVariable("PGPASSWORD"));
    }

    private bool Verbose { get; }

    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken, Func<Runner, Task<int>> action)
    {
        using var runner = new Runner(parse);
        try
        {
            return await action(runner);
        }
        catch (UsageException ex)
        {
            await Console.Error.WriteLineAsync("vdp: " + Secrets.Redact(ex.Message));
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && runner._client is not null)
        {
            // Not the user's Ctrl+C: the HTTP client gave up on a request (a timeout surfaces as a cancellation).
            await Console.Error.WriteLineAsync(Secrets.Redact(runner.DynamoDbTimedOut(ex)));
            if (runner.Verbose)
            {
                await Console.Error.WriteLineAsync(Secrets.Redact(ex.ToString()));
            }

            return ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("vdp: cancelled. The checkpoint keeps what was written; rerun to resume.");
            return ExitCodes.Failed;
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync(Secrets.Redact(runner.Describe(ex)));
            if (runner.Verbose)
            {
                await Console.Error.WriteLineAsync(Secrets.Redact(ex.ToString()));
            }

            return ExitCodes.Failed;
        }
    }

    public async Task<int> ProvisionAsync(CancellationToken cancellationToken)
    {
        var table = _parse.GetValue(CliOptions.Table)!;
        DynamoDbOptions();
        var provisioner = new TableProvisioner(Client(), _loggers.CreateLogger<TableProvisioner>());
        var description = await provisioner.EnsureTableAsync(table, cancellationToken);
        Console.WriteLine($"Table {description.TableName} is {description.TableStatus}: keys PK/SK, GSI1, GSI2, TTL on ttl.");
        return ExitCodes.Success;
    }

    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        var dataset = _parse.GetValue(CliOptions.Dataset)!;
        try
        {
            // Before connecting: a dataset that does not exist is bad usage, whatever the database.
            ParkingDatasets.Validate(dataset);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }

        var summary = await ParkingDatasets.SeedAsync(DataSource(), dataset, _parse.GetValue(CliOptions.Seed), cancellationToken: cancellationToken);
        var counts = string.Join(", ", EntityTypes.All.Select(t => $"{t.SourceTable()} {summary.Count(t)}"));
        Console.WriteLine($"Seeded '{dataset}' (seed {_parse.GetValue(CliOptions.Seed)}): {summary.Total} rows: {counts}.");
        return ExitCodes.Success;
    }

    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        var options = EngineOptions(verify: !_parse.GetValue(CliOptions.NoVerify));
        var engine = Engine(options);
        var report = await WithProgressAsync(options, p => engine.MigrateAsync(p, cancellationToken));
        return await FinishAsync(report, options);
    }

    public async Task<int> VerifyAsync(CancellationToken cancellationToken)
    {
        var options = EngineOptions(verify: true);
        var engine = Engine(options);
        var report = await WithProgressAsync(options, p => engine.VerifyAsync(p, cancellationToken));
        return await FinishAsync(report, options);
    }

    public async Task<int> SyncAsync(CancellationToken cancellationToken)
    {
        var options = EngineOptions(verify: true);
        var engine = Engine(options);
        var dryRun = _parse.GetValue(CliOptions.DryRun);
        var report = await WithProgressAsync(options, p => engine.SyncAsync(dryRun, p, cancellationToken));
        return await FinishAsync(report, options);
    }

    public async Task<int> ExportAsync(CancellationToken cancellationToken)
    {
        if (_parse.GetValue(ImportCliOptions.Merge))
        {
            return await MergeExportAsync(cancellationToken);
        }

        var options = EngineOptions(verify: false);
        var engine = MigrationEngine.ForExport(SourceReader(), options, _loggers, _time); // an export writes files: no DynamoDB client
        var folder = _parse.GetValue(CliOptions.Out)!;
        var report = await WithProgressAsync(options, p => engine.ExportAsync(folder, ExportLayout(), p, cancellationToken));
        Console.WriteLine($"Exported to {Path.GetFullPath(folder)} (manifest.json lists the files).");
        return await FinishAsync(report, options);
    }

    public void Dispose()
    {
        _dataSource?.Dispose();
        _client?.Dispose();
        _loggers.Dispose();
    }

    private MigrationEngine Engine(MigrationOptions options) => new(SourceReader(), Client(), options, _loggers, _time);

    private ParkingSourceReader SourceReader() => new(DataSource(), _loggers.CreateLogger<ParkingSourceReader>());

    private MigrationOptions EngineOptions(bool verify)
    {
        var (index, count) = ParseSegment(_parse.GetValue(CliOptions.Segment));
        var retention = RetentionDays();
        if (retention < 1)
        {
            throw new UsageException("--retention-days must be at least 1.");
        }

        var parallelism = _parse.GetResult(CliOptions.Parallelism) is null ? MigrationOptions.DefaultParallelism : _parse.GetValue(CliOptions.Parallelism);
        if (parallelism is < 1 or > 64)
        {
            throw new UsageException("--parallelism must be between 1 and 64.");
        }

        var sourceRetries = _parse.GetResult(CliOptions.SourceRetries) is null ? MigrationOptions.DefaultSourceReconnectAttempts : _parse.GetValue(CliOptions.SourceRetries);
        if (sourceRetries is < 0 or > 100)
        {
            throw new UsageException("--source-retries must be between 0 and 100.");
        }

        int? maxWriteUnits = null;
        if (_parse.GetResult(CliOptions.MaxWriteUnits) is { Implicit: false })
        {
            maxWriteUnits = _parse.GetValue(CliOptions.MaxWriteUnits);
            if (maxWriteUnits is < 1 or > 10_000_000)
            {
                throw new UsageException("--max-write-units must be a whole number of write units per second between 1 and 10000000.");
            }
        }

        DynamoDbOptions();

        return new MigrationOptions
        {
            TableName = _parse.GetValue(CliOptions.Table) ?? ParkingDefaults.TableName,
            StateDirectory = _parse.GetResult(CliOptions.StateDir) is null ? MigrationOptions.DefaultStateDirectory : _parse.GetValue(CliOptions.StateDir)!,
            EntityTypes = ParseTables(_parse.GetResult(CliOptions.Tables) is null ? null : _parse.GetValue(CliOptions.Tables)),
            SegmentIndex = index,
            SegmentCount = count,
            EventRetention = TimeSpan.FromDays(retention),
            AllowExpiredTtl = _parse.GetResult(CliOptions.AllowExpiredTtl) is not null && _parse.GetValue(CliOptions.AllowExpiredTtl),
            Parallelism = parallelism,
            MaxWriteUnitsPerSecond = maxWriteUnits,
            SourceReconnectAttempts = sourceRetries,
            Verify = verify,
            Online = _parse.GetResult(CliOptions.Online) is not null && _parse.GetValue(CliOptions.Online),
        };
    }

    /// <summary>--retention-days when given, else $VDP_RETENTION_DAYS when set, else <see cref="ParkingDefaults.EventRetentionDays"/>.</summary>
    private int RetentionDays()
    {
        var given = _parse.GetResult(CliOptions.RetentionDays) is { Implicit: false };
        var fromEnv = Environment.GetEnvironmentVariable(CliOptions.RetentionVariable);
        if (given || string.IsNullOrWhiteSpace(fromEnv))
        {
            return given ? _parse.GetValue(CliOptions.RetentionDays) : CliOptions.BuiltInRetentionDays;
        }

        if (!int.TryParse(fromEnv.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days < 1)
        {
            throw new UsageException($"VDP_RETENTION_DAYS is '{fromEnv}': set it to a whole number of days, at least 1, or pass --retention-days.");
        }

        return days;
    }

    internal static (int Index, int Count) ParseSegment(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (0, 1);
        }

        var parts = value.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || n < 1 || i >= n)
        {
            throw new UsageException($"--segment '{value}' is not i/N with 0 <= i < N (e.g. 0/2).");
        }

        return (i, n);
    }

    internal static IReadOnlyList<EntityType> ParseTables(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return EntityTypes.All;
        }

        var selected = new HashSet<EntityType>();
        foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!EntityTypes.TryParse(name, out var t))
            {
                throw new UsageException($"--tables: '{name}' is not a table (tenants, sites, zones, bays, sensors, sensor_events, alerts) or entity type (TENANT, …).");
            }

            selected.Add(t);
        }

        return EntityTypes.All.Where(selected.Contains).ToList();
    }

    private NpgsqlDataSource DataSource()
    {
        if (_dataSource is not null)
        {
            return _dataSource;
        }

        var raw = CliOptions.RequireSource(_parse);
        string connectionString;
        try
        {
            connectionString = ParkingDataSource.ParseConnectionString(raw);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }

        Secrets.Add(new NpgsqlConnectionStringBuilder(connectionString).Password);
        var insecure = _parse.GetValue(CliOptions.InsecureTls);
        var explicitSslMode = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString } is var keys
            && (keys.ContainsKey("SSL Mode") || keys.ContainsKey("sslmode"));
        if (insecure && (!explicitSslMode || new NpgsqlConnectionStringBuilder(connectionString).SslMode is SslMode.VerifyFull or SslMode.VerifyCA))
        {
            // --insecure-tls means "encrypt, do not verify": otherwise VerifyFull (the default, or written in the string) would still check the certificate.
            connectionString = new NpgsqlConnectionStringBuilder(connectionString) { SslMode = SslMode.Require }.ConnectionString;
        }

        var ca = _parse.GetValue(CliOptions.CaFile) ?? Environment.GetEnvironmentVariable("VDP_SOURCE_CA");
        _dataSource = ParkingDataSource.Create(
            new PostgresSourceOptions { ConnectionString = connectionString, RootCertificatePath = ca, AllowInsecureTls = insecure },
            _loggers);
        return _dataSource;
    }

    private AmazonDynamoDBClient Client()
    {
        if (_client is not null)
        {
            return _client;
        }

        _client = DynamoDbClientFactory.Create(DynamoDbOptions());
        return _client;
    }

    /// <summary>The DynamoDB settings of the command line, validated before anything is contacted: a bad one is bad usage naming the option.</summary>
    private DynamoDbStoreOptions DynamoDbOptions()
    {
        var region = _parse.GetValue(CliOptions.Region) ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? ParkingDefaults.Region;
        var endpoint = _parse.GetValue(CliOptions.EndpointUrl) ?? Environment.GetEnvironmentVariable(DynamoDbStoreOptions.EndpointVariable);
        var timeout = _parse.GetResult(CliOptions.RequestTimeout) is null ? CliOptions.DefaultRequestTimeoutSeconds : _parse.GetValue(CliOptions.RequestTimeout);
        if (timeout is < 1 or > 600)
        {
            throw new UsageException($"--request-timeout must be between 1 and 600 seconds, got {timeout}.");
        }

        var options = new DynamoDbStoreOptions
        {
            TableName = _parse.GetValue(CliOptions.Table) ?? ParkingDefaults.TableName,
            Region = region,
            ServiceUrl = string.IsNullOrWhiteSpace(endpoint) ? null : endpoint,
            RequestTimeout = TimeSpan.FromSeconds(timeout),
            // The SDK's retries are off: the engine's retry layer (DynamoDbRetry, under the batch writer and the scans) is the only one, so a
            // throttled call is retried once per counted attempt instead of 12 x 3 times (docs/architecture.md, "The retry layer").
            MaxErrorRetry = 0,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message
                .Replace("Invalid DynamoDB store settings: ", "", StringComparison.Ordinal)
                .Replace("DynamoDbStoreOptions.TableName", "--table", StringComparison.Ordinal)
                .Replace("DynamoDbStoreOptions.Region", "--region (or $AWS_REGION)", StringComparison.Ordinal)
                .Replace("DynamoDbStoreOptions.ServiceUrl", "--endpoint-url", StringComparison.Ordinal));
        }

        return options;
    }

    /// <summary>Where DynamoDB requests go, for messages: the endpoint URL, or the regional AWS endpoint.</summary>
    private string DynamoDbWhere()
    {
        var options = DynamoDbOptions();
        return options.ResolveServiceUrl() is { } url ? url : $"the AWS endpoint of region {options.Region}";
    }

    private string DynamoDbTimedOut(Exception ex)
    {
        var options = DynamoDbOptions();
        return $"vdp: DynamoDB at {DynamoDbWhere()} did not answer: each request timed out after {options.RequestTimeout.TotalSeconds:0} s " +
            $"(--request-timeout) ({ex.GetType().Name}). Check --endpoint-url / AWS_ENDPOINT_URL_DYNAMODB and the network; " +
            "the checkpoint keeps what was written, rerun to resume.";
    }

    private async Task<MigrationReport> WithProgressAsync(MigrationOptions options, Func<IProgress<MigrationProgress>, Task<MigrationReport>> run)
    {
        var progress = new ConsoleProgress(options.EntityTypes);
        return await progress.RunAsync(run);
    }

    private async Task<int> FinishAsync(MigrationReport report, MigrationOptions options)
    {
        Console.WriteLine(Secrets.Redact(Summary.Render(report, options)));
        var path = _parse.GetValue(CliOptions.Report);
        if (!string.IsNullOrWhiteSpace(path))
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null)
            {
                Directory.CreateDirectory(dir);
            }

            await File.WriteAllTextAsync(path, Secrets.Redact(report.ToJson()));
        }

        var exitCode = ExitCode(report, options);
        if (LastVerify.Compared(report, options))
        {
            try
            {
                await LastVerify.From(report, report.Verified && !report.HasRejectsOrDifferences, _time.GetUtcNow()).WriteAsync(options.StateDirectory, CancellationToken.None);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The run's outcome stands: a record that cannot be written is said, not turned into a failure of the comparison.
                await Console.Error.WriteLineAsync(Secrets.Redact(
                    $"vdp: warning: cannot write {LastVerify.FileName} in '{Path.GetFullPath(options.StateDirectory)}' ({ex.Message}); `vdp cutover status` will not show this run. Choose a writable --state-dir."));
            }
        }

        return exitCode;
    }

    private static int ExitCode(MigrationReport report, MigrationOptions options)
    {
        if (report.Command == "export")
        {
            return report.HasRejectsOrDifferences ? ExitCodes.RejectsOrDifferences : ExitCodes.Success;
        }

        if (report.Online && !report.DryRun && report.Command is "migrate" or "sync")
        {
            // Written while the application dual-writes: not compared at the end; rejects are the run's own finding.
            return report.HasRejects ? ExitCodes.RejectsOrDifferences : ExitCodes.Success;
        }

        if (report.Command == "migrate" && (!options.Verify || options.SegmentCount > 1))
        {
            return report.HasRejectsOrDifferences ? ExitCodes.RejectsOrDifferences : ExitCodes.Success;
        }

        if (report.Command == "sync" && report.DryRun)
        {
            return ExitCodes.Success;
        }

        return report.Verified && !report.HasRejectsOrDifferences ? ExitCodes.Success : ExitCodes.RejectsOrDifferences;
    }

    private string Describe(Exception ex) => ex switch
    {
        TimeoutException when _client is not null => DynamoDbTimedOut(ex),
        ResourceNotFoundException => $"vdp: the DynamoDB table '{_parse.GetValue(CliOptions.Table)}' does not exist at {DynamoDbWhere()}: " +
            $"create it with `vdp provision --table {_parse.GetValue(CliOptions.Table)}` (or the application's provisioning, TableProvisioner.EnsureTableAsync), " +
            "or pass the right --table / --endpoint-url / --region.",
        MigrationException or ParkingDataException => "vdp: " + ex.Message,
        NpgsqlException or PostgresException => "vdp: the source database failed: " + ex.Message +
            (ex.InnerException is null ? "" : " (" + ex.InnerException.Message + ")") +
            (ex is NpgsqlException { IsTransient: true } ? " The connection failed or was lost: the checkpoint keeps what was written, rerun to resume once the database answers." : "") +
            " Check --source, the password (PGPASSWORD or ~/.pgpass), and the CA file (--ca-file) for TLS.",
        AmazonServiceException ase => $"vdp: DynamoDB at {DynamoDbWhere()} refused the request: {ase.ErrorCode}: {ase.Message} Check --endpoint-url, --region, the table name and your AWS credentials.",
        AmazonClientException or HttpRequestException => $"vdp: cannot reach DynamoDB at {DynamoDbWhere()}: " + ex.Message + " Check --endpoint-url / AWS_ENDPOINT_URL_DYNAMODB and --region.",
        ArgumentException => "vdp: " + ex.Message,
        _ => $"vdp: {ex.GetType().Name}: {ex.Message} (rerun with --verbose for details)",
    };
}
