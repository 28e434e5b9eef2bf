using Amazon;
using Amazon.S3;
using VisionDrive.Parking.Migration.Import;

namespace VisionDrive.Parking.Cli;

internal sealed partial class Runner
{
    /// <summary><c>vdp import</c>: upload the export (resumable), ImportTable, poll, compare the counts, TTL, then verify against the source.</summary>
    public async Task<int> ImportAsync(CancellationToken cancellationToken)
    {
        var folder = _parse.GetValue(CliOptions.Out)!;
        var bucket = _parse.GetValue(ImportCliOptions.Bucket);
        if (string.IsNullOrWhiteSpace(bucket))
        {
            throw new UsageException("--bucket is required: the S3 bucket to upload the export to and import from.");
        }

        var prefix = _parse.GetValue(ImportCliOptions.Prefix) ?? "";
        var table = _parse.GetValue(CliOptions.Table) ?? "VisionDrive-Parking";
        var poll = _parse.GetValue(ImportCliOptions.PollSeconds);
        if (poll is < 1 or > 3600)
        {
            throw new UsageException("--poll-seconds must be between 1 and 3600.");
        }

        var manifestPath = Path.Combine(folder, ExportManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            throw new UsageException($"{manifestPath} does not exist: run `vdp export --out {folder}` first (for --segment exports, then `vdp export --merge --out {folder}`).");
        }

        var manifest = await ExportManifest.LoadAsync(manifestPath, cancellationToken);
        if (!_parse.GetValue(ImportCliOptions.SkipUpload))
        {
            using var s3 = S3Client();
            var uploader = new ExportUploader(s3, _loggers.CreateLogger<ExportUploader>()) { UseChunkEncoding = !CustomS3Endpoint() };
            var up = await uploader.UploadAsync(folder, manifest, bucket, prefix, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Uploaded {up.Uploaded} objects ({up.Bytes} bytes) to s3://{bucket}/{ExportUploader.KeyOf(prefix, "")}, skipped {up.Skipped} already there with the right SHA-256; {manifest.Files.Count} in the manifest."));
        }

        if (_parse.GetValue(ImportCliOptions.UploadOnly))
        {
            return ExitCodes.Success;
        }

        var importer = new DynamoDbImporter(Client(), _loggers, _time) { PollInterval = TimeSpan.FromSeconds(poll) };
        var outcome = await importer.ImportAsync(manifest, table, bucket, prefix, cancellationToken);
        Console.WriteLine(outcome.Explain());
        if (!outcome.Succeeded)
        {
            return outcome.Status == "COMPLETED" ? ExitCodes.RejectsOrDifferences : ExitCodes.Failed;
        }

        if (_parse.GetValue(CliOptions.NoVerify))
        {
            return ExitCodes.Success;
        }

        var options = EngineOptions(verify: true);
        var engine = Engine(options);
        var report = await WithProgressAsync(options, p => engine.VerifyAsync(p, cancellationToken));
        return await FinishAsync(report, options);
    }

    private bool CustomS3Endpoint() =>
        !string.IsNullOrWhiteSpace(_parse.GetValue(ImportCliOptions.S3EndpointUrl) ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_S3"));

    private AmazonS3Client S3Client()
    {
        var region = _parse.GetValue(CliOptions.Region) ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? "me-central-1";
        var endpoint = _parse.GetValue(ImportCliOptions.S3EndpointUrl) ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_S3");
        var config = new AmazonS3Config { Timeout = TimeSpan.FromMinutes(5), MaxErrorRetry = 3 };
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            // An S3-compatible server: path-style addressing, checksums only where the API requires them, and no aws-chunked bodies
            // (the uploader is told so): such servers rarely decode them. The upload's own SHA-256 check stays.
            config.ServiceURL = endpoint;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = region;
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return new AmazonS3Client(config);
    }
}
