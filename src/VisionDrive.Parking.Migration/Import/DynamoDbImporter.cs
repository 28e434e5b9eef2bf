using VisionDrive.Parking.Data.DynamoDb.Provisioning;

namespace VisionDrive.Parking.Migration.Import;

/// <summary>
/// Runs DynamoDB's Import from S3 for an uploaded export: <c>ImportTable</c> creating the table from the provisioner's own definition (keys,
/// GSI1, GSI2, on demand), idempotent by a client token derived from the manifest; polls <c>DescribeImport</c> until the import ends; compares
/// <c>ImportedItemCount</c>, <c>ProcessedItemCount</c> and <c>ErrorCount</c> with the manifest (a duplicate key overwrites silently — only the
/// counts reveal it); then, on success, checks the new table against the design and enables TTL on <c>ttl</c> (ImportTable cannot set TTL).
/// </summary>
public sealed class DynamoDbImporter
{
    private readonly IAmazonDynamoDB _client;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates an importer.</summary>
    /// <param name="client">The DynamoDB client of the target region.</param>
    /// <param name="loggerFactory">Where logs go; none when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock of the polling; the system clock when <see langword="null"/>.</param>
    public DynamoDbImporter(IAmazonDynamoDB client, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _loggers = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<DynamoDbImporter>();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The wait between two <c>DescribeImport</c> calls. Default 30 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The ImportTable request for <paramref name="manifest"/> uploaded under <paramref name="prefix"/> of <paramref name="bucket"/>.</summary>
    internal static ImportTableRequest BuildRequest(ExportManifest manifest, string table, string bucket, string prefix)
    {
        var create = TableProvisioner.CreateRequest(table);
        return new ImportTableRequest
        {
            ClientToken = ClientToken(manifest, table, bucket, prefix),
            InputFormat = InputFormat.DYNAMODB_JSON,
            InputCompressionType = InputCompressionType.GZIP,
            S3BucketSource = new S3BucketSource { S3Bucket = bucket, S3KeyPrefix = ExportUploader.KeyOf(prefix, ExportManifest.DataFolder + "/") },
            TableCreationParameters = new TableCreationParameters
            {
                TableName = create.TableName,
                AttributeDefinitions = create.AttributeDefinitions,
                KeySchema = create.KeySchema,
                BillingMode = create.BillingMode,
                GlobalSecondaryIndexes = create.GlobalSecondaryIndexes,
            },
        };
    }

    /// <summary>The same export into the same table from the same place gives the same token, so a rerun joins the running import instead of starting a second.</summary>
    internal static string ClientToken(ExportManifest manifest, string table, string bucket, string prefix)
    {
        var text = new StringBuilder().Append(table).Append('\n').Append(bucket).Append('\n').Append(prefix.Trim('/')).Append('\n');
        foreach (var (type, e) in manifest.Entities.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{type}:{e.Count}:{e.Checksum}\n");
        }

        return "vdp-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    /// <summary>Starts (or joins) the import, waits for its end, compares the counts, and on success checks the table and enables TTL.</summary>
    /// <param name="manifest">The export's merged manifest.</param>
    /// <param name="table">The new table's name; it must not exist.</param>
    /// <param name="bucket">The bucket the export was uploaded to.</param>
    /// <param name="prefix">The prefix it was uploaded under.</param>
    /// <param name="cancellationToken">Stops waiting (the import goes on server-side; rerun to wait again).</param>
    /// <returns>The outcome.</returns>
    public async Task<ImportOutcome> ImportAsync(ExportManifest manifest, string table, string bucket, string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentNullException.ThrowIfNull(prefix);
        ImportTableDescription description;
        try
        {
            var started = await _client.ImportTableAsync(BuildRequest(manifest, table, bucket, prefix), cancellationToken).ConfigureAwait(false);
            description = started.ImportTableDescription;
        }
        catch (ResourceInUseException ex)
        {
            throw new MigrationException($"Table '{table}' exists already: Import from S3 only creates a new table. Choose another --table, or load the existing one with `vdp migrate`.", ex);
        }
        catch (ImportConflictException ex)
        {
            throw new MigrationException("DynamoDB refused the import as a conflict with an earlier request of the same export with other parameters: " + ex.Message, ex);
        }

        Log.ImportStarted(_logger, description.ImportArn, table, bucket, prefix, description.ImportStatus?.Value ?? "?");
        while (description.ImportStatus == ImportStatus.IN_PROGRESS || description.ImportStatus == ImportStatus.CANCELLING)
        {
            await Task.Delay(PollInterval, _time, cancellationToken).ConfigureAwait(false);
            var polled = await _client.DescribeImportAsync(new DescribeImportRequest { ImportArn = description.ImportArn }, cancellationToken).ConfigureAwait(false);
            description = polled.ImportTableDescription;
            Log.ImportProgress(_logger, description.ImportArn, description.ImportStatus?.Value ?? "?", description.ProcessedItemCount ?? 0);
        }

        var outcome = new ImportOutcome(
            description.ImportArn,
            description.ImportStatus?.Value ?? "UNKNOWN",
            manifest.Items,
            description.ImportedItemCount ?? 0,
            description.ProcessedItemCount ?? 0,
            description.ErrorCount ?? 0,
            description.FailureCode,
            description.FailureMessage,
            description.CloudWatchLogGroupArn);
        Log.ImportFinished(_logger, outcome.ImportArn, outcome.Status, outcome.Imported, outcome.Processed, outcome.Errors, outcome.Expected);
        if (description.ImportStatus == ImportStatus.COMPLETED)
        {
            // The table exists now: the provisioner checks it is the design and enables TTL on ttl.
            await new TableProvisioner(_client, _loggers.CreateLogger<TableProvisioner>()).EnsureTableAsync(table, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }
}
