using System.Runtime.CompilerServices;
using System.Threading.Channels;
using VisionDrive.Parking.Data.DynamoDb.Hashing;
using VisionDrive.Parking.Migration.Pipeline;

namespace VisionDrive.Parking.Migration;

public sealed partial class MigrationEngine
{
    /// <summary>The default target of items in one export object (<see cref="ExportOptions.DefaultItemsPerObject"/>).</summary>
    public const int ExportItemsPerFile = ExportOptions.DefaultItemsPerObject;

    /// <summary>
    /// Writes the items the migration would write in DynamoDB's S3 import format (DynamoDB JSON lines, gzip) under
    /// <c><paramref name="folder"/>/data/</c>, ready for DynamoDB's server-side Import from S3: hash-partitioned over objects of about
    /// <see cref="ExportItemsPerFile"/> items in randomised key order, duplicate keys refused, and a manifest with per entity type the count, the
    /// canonical checksum that <see cref="VerifyAsync"/> computes of the source and the uncompressed bytes, and every file with its SHA-256
    /// (<c>manifest.json</c>, or <c>manifest-segment-iii-of-NNN.json</c> for one of several segments: merge them with <see cref="ExportManifest.Merge"/>).
    /// Rejected rows go to the state directory's <c>rejects.jsonl</c> as in a migration. Needs no DynamoDB client (an engine made by
    /// <see cref="ForExport"/> exports).
    /// </summary>
    /// <param name="folder">The output folder; created when missing.</param>
    /// <param name="exportOptions">The object layout; the defaults of <see cref="ExportOptions"/> when <see langword="null"/>.</param>
    /// <param name="progress">Receives progress; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The report (<see cref="EntityReport.Written"/> counts exported items).</returns>
    /// <exception cref="MigrationException">The segment holds more items than 1,000 objects of the chosen size, or two items share a key.</exception>
    public async Task<MigrationReport> ExportAsync(string folder, ExportOptions? exportOptions = null, IProgress<MigrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        exportOptions ??= new ExportOptions();
        exportOptions.Validate();
        var started = _time.GetTimestamp();
        using var state = StateStore.Open(_options.StateDirectory);
        var report = NewReport("export", _options.TableName, _options.EntityTypes);
        Directory.CreateDirectory(folder);
        long rows = 0;
        foreach (var type in _options.EntityTypes)
        {
            rows += await _source.CountAsync(type, ReadOptions(), cancellationToken).ConfigureAwait(false);
        }

        var objects = (int)Math.Max(1, (rows + exportOptions.ItemsPerObject - 1) / exportOptions.ItemsPerObject);
        if (objects > ImportObjectWriter.MaxObjectsPerSegment)
        {
            throw new MigrationException(string.Create(CultureInfo.InvariantCulture,
                $"This segment has {rows} rows: more than {ImportObjectWriter.MaxObjectsPerSegment} objects of {exportOptions.ItemsPerObject} items. Split the export with --segment i/N (N of at least {(objects + ImportObjectWriter.MaxObjectsPerSegment - 1) / ImportObjectWriter.MaxObjectsPerSegment}) or raise --items-per-object."));
        }

        var manifest = new ExportManifest
        {
            Table = _options.TableName,
            RetentionDays = _options.EventRetention.TotalDays,
            SegmentCount = _options.SegmentCount,
            Segments = [_options.SegmentIndex],
        };
        var pipelines = Pipelines();
        using var lines = new ImportLineBuffer();
        using (var writer = new ImportObjectWriter(folder, _options.SegmentIndex, _options.SegmentCount, objects))
        {
            foreach (var type in _options.EntityTypes)
            {
                var entry = report.Entities[type];
                entry.Written = 0;
                var checksum = new EntityDigest();
                long bytes = 0;
                // Two stages on two cores: read and map here, line, checksum and spill on the consumer below (in source order).
                await foreach (var chunk in ReadAheadAsync(pipelines.For(type).TransformAsync(ReadOptions(), inspect: true, cancellationToken), cancellationToken).ConfigureAwait(false))
                {
                    foreach (var row in chunk)
                    {
                        entry.Source++;
                        if (row.Item is not { } item)
                        {
                            state.AppendReject(row.Failure!);
                            entry.Rejected++;
                            continue;
                        }

                        foreach (var w in row.Warnings)
                        {
                            state.AppendWarning(w);
                            entry.Warnings++;
                        }

                        var line = lines.Write(item);
                        var pk = item["PK"].S;
                        var sk = item["SK"].S;
                        writer.Add(pk, sk, line);
                        checksum.Add(pk, sk, ItemHash.Compute(item));
                        bytes += line.Length + 1;
                        entry.Written++;
                    }
                }

                manifest.Entities[type.Name()] = new ExportEntitySummary { Count = checksum.Count, Checksum = checksum.Checksum, UncompressedBytes = bytes };
                ReportProgress(progress, type, "export", entry.Written ?? 0, entry.Source);
            }

            manifest.Files.AddRange(await writer.FinishAsync(cancellationToken).ConfigureAwait(false));
        }

        await manifest.SaveAsync(Path.Combine(folder, ExportManifest.SegmentFileName(_options.SegmentIndex, _options.SegmentCount)), cancellationToken).ConfigureAwait(false);
        if (_options.SegmentCount == 1)
        {
            await manifest.SaveAsync(Path.Combine(folder, ExportManifest.FileName), cancellationToken).ConfigureAwait(false);
        }

        report.WarningList.AddRange(state.Warnings);
        report.RejectsFile = state.RejectCount > 0 ? state.RejectsPath : null;
        report.DurationSeconds = Seconds(_time.GetElapsedTime(started));
        return report;
    }

    /// <summary>
    /// Runs <paramref name="rows"/> on a task of its own, ahead of the caller by at most a few chunks of 64 rows, and hands them over in
    /// order; an error of the source ends the enumeration with that error.
    /// </summary>
    internal static async IAsyncEnumerable<TransformedRow[]> ReadAheadAsync(IAsyncEnumerable<TransformedRow> rows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int ChunkRows = 64;
        var channel = Channel.CreateBounded<TransformedRow[]>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                var chunk = new List<TransformedRow>(ChunkRows);
                await foreach (var row in rows.WithCancellation(stop.Token).ConfigureAwait(false))
                {
                    chunk.Add(row);
                    if (chunk.Count == ChunkRows)
                    {
                        await channel.Writer.WriteAsync([.. chunk], stop.Token).ConfigureAwait(false);
                        chunk.Clear();
                    }
                }

                if (chunk.Count > 0)
                {
                    await channel.Writer.WriteAsync([.. chunk], stop.Token).ConfigureAwait(false);
                }

                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.Complete(ex);
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var chunk in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return chunk;
            }
        }
        finally
        {
            // The consumer stopped (done, failed or cancelled): stop the producer and wait for it, so no read outlives the export.
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }
}
