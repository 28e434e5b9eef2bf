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
        report.SyncPuts = [];
        report.SyncDeletes = [];
        var comparisons = await CompareAsync(keepAll: true, progress, cancellationToken).ConfigureAwait(false);
        var writer = CreateWriter();
        foreach (var (type, c) in comparisons)
        {
            var entry = report.Entities[type];
            entry.Missing.AddRange(c.Missing.Keys.Order(StringComparer.Ordinal).Take(_options.MaxListedDifferences));
            entry.Extra.AddRange(c.Extra.Keys.Order(StringComparer.Ordinal).Take(_options.MaxListedDifferences));
            entry.Different.AddRange(c.Different.Keys.Order(StringComparer.Ordinal).Take(_options.MaxListedDifferences));
            var puts = c.Missing.Values.Concat(c.Different.Values).ToList();
            var deletes = c.Extra.Values.ToList();
            report.SyncPuts[type] = puts.Count;
            report.SyncDeletes[type] = deletes.Count;
            Log.SyncPlan(_logger, type.Name(), dryRun ? "plan (dry run)" : "applying", puts.Count, deletes.Count);
            if (dryRun)
            {
                continue;
            }

            var stats = await writer.WriteBatchesAsync(Batches(puts), PutRequests, null, cancellationToken).ConfigureAwait(false);
            stats += await writer.WriteBatchesAsync(Batches(deletes), DeleteRequests, null, cancellationToken).ConfigureAwait(false);
            report.Retries += stats.UnprocessedResubmits + stats.ErrorRetries;
            ReportProgress(progress, type, "sync", puts.Count + deletes.Count, puts.Count + deletes.Count);
        }

        if (dryRun)
        {
            foreach (var (type, c) in comparisons)
            {
                var entry = report.Entities[type];
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
                entry.Missing.Clear();
                entry.Extra.Clear();
                entry.Different.Clear();
            }

            await VerifyIntoAsync(report, progress, cancellationToken).ConfigureAwait(false);
        }

        report.RejectsFile = null;
        report.DurationSeconds = Seconds(_time.GetElapsedTime(started));
        return report;
    }

    /// <summary>The items or keys of the plan in batches of 25, for the one parallel batch-write path (<see cref="DynamoDbBatchWriter.WriteBatchesAsync{TBatch}"/>).</summary>
    private static IAsyncEnumerable<Dictionary<string, AttributeValue>[]> Batches(List<Dictionary<string, AttributeValue>> items) =>
        items.Chunk(BatchWriterOptions.MaxBatchSize).ToAsyncEnumerable();

    private static IReadOnlyList<WriteRequest> PutRequests(Dictionary<string, AttributeValue>[] items) =>
        [.. items.Select(i => new WriteRequest { PutRequest = new PutRequest { Item = i } })];

    private static IReadOnlyList<WriteRequest> DeleteRequests(Dictionary<string, AttributeValue>[] keys) =>
        [.. keys.Select(k => new WriteRequest { DeleteRequest = new DeleteRequest { Key = k } })];
}
