namespace VisionDrive.Parking.Migration;

/// <summary>
/// Moves the parking data from PostgreSQL/TimescaleDB to the single DynamoDB table and proves it: migrate (stream, transform, batch-write,
/// checkpoint, resume), verify (counts and checksums, then the differing keys), sync (content diff, puts and deletes) and export
/// (DynamoDB's S3 import format).
/// </summary>
public sealed partial class MigrationEngine
{
    private readonly ParkingSourceReader _source;
    private readonly IAmazonDynamoDB? _client;
    private readonly MigrationOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ItemMappingOptions _mapping;

    /// <summary>Creates an engine.</summary>
    /// <param name="source">The source reader.</param>
    /// <param name="client">
    /// The DynamoDB client, built with <see cref="Data.DynamoDb.Client.DynamoDbClientFactory"/> with the SDK's retries off
    /// (<c>MaxErrorRetry = 0</c>): the engine's retry layer (<see cref="Data.DynamoDb.Client.DynamoDbRetry"/>) is the one that retries.
    /// </param>
    /// <param name="options">The run's settings.</param>
    /// <param name="loggerFactory">Where logs go; none when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock (TTL checks, checkpoint intervals, backoff); the system clock when <see langword="null"/>.</param>
    public MigrationEngine(ParkingSourceReader source, IAmazonDynamoDB client, MigrationOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
        : this(source, options, loggerFactory, timeProvider)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    private MigrationEngine(ParkingSourceReader source, MigrationOptions options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _source = source;
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<MigrationEngine>();
        _time = timeProvider ?? TimeProvider.System;
        _mapping = new ItemMappingOptions { EventRetention = options.EventRetention };
    }

    /// <summary>Creates an engine without a DynamoDB client, for <see cref="ExportAsync"/> only (an export writes files and needs no table).</summary>
    /// <param name="source">The source reader.</param>
    /// <param name="options">The run's settings.</param>
    /// <param name="loggerFactory">Where logs go; none when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    /// <returns>An engine whose migrate, verify and sync throw <see cref="InvalidOperationException"/>.</returns>
    public static MigrationEngine ForExport(ParkingSourceReader source, MigrationOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null) =>
        new(source, options, loggerFactory, timeProvider);

    private string Fingerprint =>
        string.Create(CultureInfo.InvariantCulture, $"table={_options.TableName}; segment={_options.SegmentIndex}/{_options.SegmentCount}; retentionDays={_options.EventRetention.TotalDays:0.######}");

    private SourceReadOptions ReadOptions(string? afterKey = null, bool segmented = true) => new()
    {
        AfterKey = afterKey,
        SegmentIndex = segmented ? _options.SegmentIndex : 0,
        SegmentCount = segmented ? _options.SegmentCount : 1,
        PageSize = _options.SourcePageSize,
    };

    /// <summary>The settings of the one retry layer: the batch writer's, also used for the scans of verify and sync.</summary>
    private BatchWriterOptions WriteOptions => new() { MaxParallelism = _options.Parallelism, StopAfterFailedBatch = true };

    private IAmazonDynamoDB Client => _client ?? throw new InvalidOperationException(
        "This engine was created without a DynamoDB client (for ExportAsync only); create it with a client to migrate, verify or sync.");

    /// <summary>The run's writer; an online run's puts only go over older states, its deletes (a sync's) only remove items updated before <paramref name="deleteCutoff"/>.</summary>
    private DynamoDbBatchWriter CreateWriter(WriteGovernor? governor, DateTimeOffset? deleteCutoff = null) =>
        new(
            Client,
            _options.TableName,
            new BatchWriterOptions
            {
                MaxParallelism = _options.Parallelism,
                StopAfterFailedBatch = true,
                Governor = governor,
                PutOnlyOverOlder = _options.Online,
                DeleteOnlyUpdatedBefore = _options.Online ? deleteCutoff : null,
            },
            _loggerFactory.CreateLogger<DynamoDbBatchWriter>(),
            _time);

    /// <summary>The run's one write governor (shared by all its writers), or <see langword="null"/> without a cap.</summary>
    private WriteGovernor? NewGovernor() =>
        _options.MaxWriteUnitsPerSecond is { } cap ? new WriteGovernor(cap, _time) : null;

    /// <summary>Puts the governor's figures (cap, consumed units, time, rate, throttles) into the report.</summary>
    private static void RecordWriteRate(MigrationReport report, WriteGovernor? governor)
    {
        if (governor is null)
        {
            return;
        }

        report.MaxWriteUnitsPerSecond = governor.MaxWriteUnitsPerSecond;
        report.WriteUnits = Math.Round(governor.ConsumedWriteUnits, 1);
        report.WriteUnitsFromItemSizes = Math.Round(governor.WriteUnitsFromItemSizes, 1);
        report.WriteSeconds = Seconds(governor.Elapsed);
        report.WriteUnitsPerSecond = Math.Round(governor.WriteUnitsPerSecond, 1);
        report.WriteThrottles = governor.Throttles;
    }

    /// <summary>One pipeline per entity type for this run (read options of the run's segment; the sensors of all segments for the event inspector).</summary>
    private TablePipelineBuilder Pipelines() => new(_source, _mapping, ReadOptions(), ReadOptions(segmented: false));

    private static MigrationReport NewReport(string command, string table, IEnumerable<EntityType> types)
    {
        var report = new MigrationReport { Command = command, Table = table };
        foreach (var t in types)
        {
            report.EntityMap[t] = new EntityReport();
        }

        return report;
    }

    private static double Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 3);

    private static void ReportProgress(IProgress<MigrationProgress>? progress, EntityType type, string phase, long processed, long? total) =>
        progress?.Report(new MigrationProgress(type, phase, processed, total));
}
