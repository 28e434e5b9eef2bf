using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace VisionDrive.Parking.Migration.Import;

/// <summary>
/// Uploads an export (its data files, then its manifest) to S3, resumable per file: an object already in the bucket with the manifest's size and
/// SHA-256 (kept in the object's <c>x-amz-meta-vdp-sha256</c>) is skipped, anything else is uploaded again — as a multipart upload from
/// <see cref="MultipartThresholdBytes"/> on. Each local file is checked against the manifest's SHA-256 before
/// it is sent, so a damaged export is never uploaded. An upload killed mid-way leaves only whole objects (an unfinished multipart upload is no
/// object; a lifecycle rule <c>AbortIncompleteMultipartUpload</c> on the bucket cleans up its parts) and a rerun completes the set.
/// </summary>
public sealed class ExportUploader
{
    /// <summary>The metadata key (without <c>x-amz-meta-</c>) holding an object's SHA-256.</summary>
    public const string Sha256Metadata = "vdp-sha256";

    private readonly IAmazonS3 _s3;
    private readonly ILogger _logger;

    /// <summary>Creates an uploader.</summary>
    /// <param name="s3">The S3 client.</param>
    /// <param name="logger">Where logs go; none when <see langword="null"/>.</param>
    public ExportUploader(IAmazonS3 s3, ILogger<ExportUploader>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(s3);
        _s3 = s3;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Files of at least this many bytes go up as a multipart upload (parts of at least 5 MiB, S3's minimum). Default 16 MiB.</summary>
    public long MultipartThresholdBytes { get; init; } = 16L << 20;

    /// <summary>S3's smallest part (but the last), 5 MiB.</summary>
    public const long MinPartBytes = 5L << 20;

    /// <summary>
    /// Send bodies in SigV4 streaming (aws-chunked) encoding, as the SDK does by default. Default <see langword="true"/>; set it to
    /// <see langword="false"/> for an S3-compatible server that stores the chunk signatures as data (s3rver does).
    /// </summary>
    public bool UseChunkEncoding { get; init; } = true;

    /// <summary>Files uploaded at once. Default 4.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>The S3 key of a file of the export under <paramref name="prefix"/>.</summary>
    /// <param name="prefix">The key prefix (no leading or trailing slash needed).</param>
    /// <param name="relativePath">The file's path in the export, e.g. <c>data/…json.gz</c>.</param>
    /// <returns>The key.</returns>
    public static string KeyOf(string prefix, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(relativePath);
        var p = prefix.Trim('/');
        return p.Length == 0 ? relativePath : p + "/" + relativePath;
    }

    /// <summary>Uploads the files of <paramref name="manifest"/> from <paramref name="folder"/>, then the manifest as <c>&lt;prefix&gt;/manifest.json</c>.</summary>
    /// <param name="folder">The export folder.</param>
    /// <param name="manifest">Its (merged) manifest.</param>
    /// <param name="bucket">The bucket.</param>
    /// <param name="prefix">The key prefix.</param>
    /// <param name="cancellationToken">Cancels the upload; what is uploaded stays.</param>
    /// <returns>How many objects were uploaded and skipped.</returns>
    /// <exception cref="MigrationException">A local file is missing or does not match the manifest.</exception>
    public async Task<UploadResult> UploadAsync(string folder, ExportManifest manifest, string bucket, string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentNullException.ThrowIfNull(prefix);
        var uploaded = 0;
        var skipped = 0;
        long bytes = 0;
        await Parallel.ForEachAsync(
            manifest.Files,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism), CancellationToken = cancellationToken },
            async (file, ct) =>
            {
                var key = KeyOf(prefix, file.Path);
                if (await IsUploadedAsync(bucket, key, file.Bytes, file.Sha256, ct).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref skipped);
                    Log.ObjectSkipped(_logger, bucket, key, file.Sha256);
                    return;
                }

                var local = Path.Combine(folder, file.Path);
                await CheckLocalAsync(local, file, ct).ConfigureAwait(false);
                await PutAsync(local, bucket, key, file.Bytes, file.Sha256, ct).ConfigureAwait(false);
                Interlocked.Increment(ref uploaded);
                Interlocked.Add(ref bytes, file.Bytes);
                Log.ObjectUploaded(_logger, bucket, key, file.Bytes);
            }).ConfigureAwait(false);

        // The manifest last: its presence in the bucket says the data files are complete.
        var manifestPath = Path.Combine(folder, ExportManifest.FileName);
        var manifestBytes = await File.ReadAllBytesAsync(manifestPath, cancellationToken).ConfigureAwait(false);
        var manifestSha = Convert.ToHexStringLower(SHA256.HashData(manifestBytes));
        var manifestKey = KeyOf(prefix, ExportManifest.FileName);
        if (!await IsUploadedAsync(bucket, manifestKey, manifestBytes.Length, manifestSha, cancellationToken).ConfigureAwait(false))
        {
            await PutAsync(manifestPath, bucket, manifestKey, manifestBytes.Length, manifestSha, cancellationToken).ConfigureAwait(false);
        }

        return new UploadResult(uploaded, skipped, bytes);
    }

    private async Task<bool> IsUploadedAsync(string bucket, string key, long size, string sha256, CancellationToken cancellationToken)
    {
        try
        {
            var head = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            return head.ContentLength == size && string.Equals(head.Metadata[Sha256Metadata], sha256, StringComparison.OrdinalIgnoreCase);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private static async Task CheckLocalAsync(string path, ExportFile file, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new MigrationException($"{path} is listed in the manifest but missing: copy every segment's data files into the export folder (or export again).");
        }

        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            if (stream.Length != file.Bytes || !string.Equals(sha, file.Sha256, StringComparison.Ordinal))
            {
                throw new MigrationException($"{path} does not match the manifest (size {stream.Length} vs {file.Bytes}, SHA-256 {sha} vs {file.Sha256}): the file was changed or damaged; export again.");
            }
        }
    }

    private async Task PutAsync(string path, string bucket, string key, long size, string sha256, CancellationToken cancellationToken)
    {
        if (size < MultipartThresholdBytes)
        {
            var put = new PutObjectRequest { BucketName = bucket, Key = key, FilePath = path, ContentType = "application/gzip", UseChunkEncoding = UseChunkEncoding };
            put.Metadata.Add(Sha256Metadata, sha256);
            await _s3.PutObjectAsync(put, cancellationToken).ConfigureAwait(false);
            return;
        }

        var start = new InitiateMultipartUploadRequest { BucketName = bucket, Key = key, ContentType = "application/gzip" };
        start.Metadata.Add(Sha256Metadata, sha256);
        var upload = await _s3.InitiateMultipartUploadAsync(start, cancellationToken).ConfigureAwait(false);
        try
        {
            var partSize = Math.Max(MinPartBytes, MultipartThresholdBytes);
            var parts = new List<PartETag>();
            for (long position = 0, number = 1; position < size; position += partSize, number++)
            {
                var part = await _s3.UploadPartAsync(
                    new UploadPartRequest
                    {
                        BucketName = bucket,
                        Key = key,
                        UploadId = upload.UploadId,
                        PartNumber = (int)number,
                        FilePath = path,
                        FilePosition = position,
                        PartSize = Math.Min(partSize, size - position),
                        IsLastPart = position + partSize >= size,
                        UseChunkEncoding = UseChunkEncoding,
                    },
                    cancellationToken).ConfigureAwait(false);
                parts.Add(new PartETag((int)number, part.ETag));
            }

            await _s3.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId, PartETags = parts },
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Best effort: leave no parts behind (a kill -9 cannot run this; a lifecycle rule covers that case).
            try
            {
                await _s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (AmazonS3Exception)
            {
            }

            throw;
        }
    }
}
