using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb.Writing;
using VisionDrive.Parking.Migration.State;

namespace VisionDrive.Parking.Migration;

public sealed partial class MigrationEngine
{
    /// <summary>
    /// The guide's "final sync", by content: compares source and target (digests, then per-key hashes in the key buckets that differ) and
    /// puts what is missing or different and deletes what the source no longer has. Catches inserts, updates, deletes and changes that
    /// bump no timestamp (an alert acknowledged). With <paramref name="dryRun"/> it only reports the plan.
    /// </summary>
    /// <param name="dryRun">Report the plan and change nothing.</param>
    /// <param name="progress">Receives progress; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the sync; a rerun computes the remaining plan again.</param>
    /// <returns>The report with <see cref="MigrationReport.SyncPuts"/> and <see cref="MigrationReport.SyncDeletes"/>, verified after applying.</returns>
    public async Task<MigrationReport> SyncAsync(bool dryRun, IProgress<MigrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        using var state = StateStore.Open(_options.StateDirectory);
        var report = NewReport("sync", _options.TableName, _options.EntityTypes);
        report.DryRun = dryRun;
        report.SyncPutMap = [];
        report.SyncDeleteMap = [];
        var comparisons = await CompareAsync(keepAll: true, progress, cancellationToken).ConfigureAwait(false);
        var writer = CreateWriter();
        foreach (var (type, c) in comparisons)
        {
            var entry = report.Entities[type.Name()];
            entry.MissingKeys.AddRange(c.Missing.Keys.Order(StringComparer.Ordinal).Take(_options.MaxListedDifferences));
            entry.ExtraKeys.AddRange(c.Extra.Keys.Order(StringComparer.Ordinal).Take(_options.MaxListedDifferences));
            entry.DifferentKeys.AddRange(c.Different.Keys.Order(StringComparer.Ordinal).Take(_options.MaxListedDifferences));
            var puts = c.Missing.Values.Concat(c.Different.Values).ToList();
            var deletes = c.Extra.Values.ToList();
            report.SyncPutMap[type.Name()] = puts.Count;
            report.SyncDeleteMap[type.Name()] = deletes.Count;
            Log.SyncPlan(_logger, type.Name(), dryRun ? "plan (dry run)" : "applying", puts.Count, deletes.Count);
            if (dryRun)
            {
                continue;
            }

            var stats = await RunBatchesAsync(puts, writer.WriteBatchAsync, cancellationToken).ConfigureAwait(false);
            stats += await RunBatchesAsync(deletes, writer.DeleteBatchAsync, cancellationToken).ConfigureAwait(false);
            report.Retries += stats.UnprocessedResubmits + stats.ErrorRetries;
            ReportProgress(progress, type, "sync", puts.Count + deletes.Count, puts.Count + deletes.Count);
        }

        if (dryRun)
        {
            foreach (var (type, c) in comparisons)
            {
                var entry = report.Entities[type.Name()];
                entry.Source = c.SourceRows;
                entry.Rejected = c.Rejected;
                entry.Target = c.Target.Count;
                entry.ChecksumMatch = c.Matches;
                entry.SourceChecksum = c.Source.Checksum;
                entry.TargetChecksum = c.Target.Checksum;
            }

            report.Verified = report.Entities.Values.All(e => e.IsConsistent);
        }
        else
        {
            foreach (var entry in report.Entities.Values)
            {
                entry.MissingKeys.Clear();
                entry.ExtraKeys.Clear();
                entry.DifferentKeys.Clear();
            }

            await VerifyIntoAsync(report, progress, cancellationToken).ConfigureAwait(false);
        }

        report.RejectsFile = null;
        report.DurationSeconds = Seconds(_time.GetElapsedTime(started));
        return report;
    }

    private async Task<BatchWriteStats> RunBatchesAsync(
        List<Dictionary<string, AttributeValue>> items,
        Func<IReadOnlyList<Dictionary<string, AttributeValue>>, CancellationToken, Task<BatchWriteStats>> send,
        CancellationToken cancellationToken)
    {
        var total = default(BatchWriteStats);
        var gate = new object();
        await Parallel.ForEachAsync(
            items.Chunk(BatchWriterOptions.MaxBatchSize),
            new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
            async (chunk, ct) =>
            {
                var s = await send(chunk, ct).ConfigureAwait(false);
                lock (gate)
                {
                    total += s;
                }
            }).ConfigureAwait(false);
        return total;
    }
}
