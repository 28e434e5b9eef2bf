using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb.Writing;
using VisionDrive.Parking.Migration.State;
using VisionDrive.Parking.Migration.Verification;

namespace VisionDrive.Parking.Migration;

public sealed partial class MigrationEngine
{
    /// <summary>
    /// The guide's "final sync", by content: compares source and target (digests, then per-key hashes in the key buckets that differ) and
    /// puts what is missing or different and deletes what the source no longer has, and the items no entity type claims. Catches inserts,
    /// updates, deletes and changes that bump no timestamp (an alert acknowledged). The plan is made by key (<c>PK</c>, <c>SK</c>), not by
    /// entity type: a key whose target item is of another type than the source's is put, never also deleted, so one sync converges.
    /// With <paramref name="dryRun"/> it only reports the plan.
    /// </summary>
    /// <param name="dryRun">Report the plan and change nothing.</param>
    /// <param name="progress">Receives progress; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the sync; a rerun computes the remaining plan again.</param>
    /// <returns>The report with <see cref="MigrationReport.SyncPuts"/> and <see cref="MigrationReport.SyncDeletes"/>, verified after applying.</returns>
    /// <exception cref="MigrationException">
    /// The state directory is locked; the retention differs from the one the table's events were written with; or events would be written
    /// already expired (see <see cref="MigrationOptions.AllowExpiredTtl"/>). Refused before anything is written, dry run or not.
    /// </exception>
    /// <exception cref="BatchWriteException">DynamoDB kept refusing writes beyond the retry budget; rerun to resume.</exception>
    public async Task<MigrationReport> SyncAsync(bool dryRun, IProgress<MigrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        using var state = StateStore.Open(_options.StateDirectory);
        var report = NewReport("sync", _options.TableName, _options.EntityTypes);
        report.DryRun = dryRun;
        report.SyncPutMap = [];
        report.SyncDeleteMap = [];
        var facts = new TargetFacts();
        var rejects = new RejectTally();
        var comparisons = await CompareAsync(
            keepAll: true,
            facts,
            f =>
            {
                // Listed as migrate lists it (once per row and state directory); counted and reported per reason for this run.
                state.AppendReject(f);
                rejects.Add(f.Table, f.Field, f.Reason);
            },
            GuardTableRetention,
            progress,
            cancellationToken).ConfigureAwait(false);

        var plan = Plan(comparisons, facts);
        ExpiredTtlGuard.CheckPlanned(plan.Puts.Values.Select(p => p.Item), _options, _time);

        foreach (var (type, c) in comparisons)
        {
            var entry = report.Entities[type];
            entry.MissingKeys.AddRange(c.Missing.Keys.Order(StringComparer.Ordinal).Take(_options.MaxListedDifferences));
            entry.ExtraKeys.AddRange(c.Extra.Keys.Order(StringComparer.Ordinal).Take(_options.MaxListedDifferences));
            entry.DifferentKeys.AddRange(c.Different.Keys.Order(StringComparer.Ordinal).Take(_options.MaxListedDifferences));
            var puts = plan.Puts.Values.Count(p => p.Type == type);
            var deletes = plan.Deletes.Values.Count(d => d.Type == type);
            report.SyncPutMap[type] = puts;
            report.SyncDeleteMap[type] = deletes;
            Log.SyncPlan(_logger, type.Name(), dryRun ? "plan (dry run)" : "applying", puts, deletes);
        }

        var unclaimedDeletes = plan.Deletes.Values.Count(d => d.Type is null);
        report.SyncDeletesUnclaimed = unclaimedDeletes;
        var verified = ReportUnclaimed(report, facts);
        report.RejectReasonList.AddRange(rejects.ToList());
        report.RejectsFile = rejects.Total > 0 ? state.RejectsPath : null;

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

            report.Verified = verified && report.Entities.Values.All(e => e.IsConsistent);
        }
        else
        {
            // The put and the delete of one key never both happen (Plan), so their order does not matter.
            using var governor = NewGovernor();
            var writer = CreateWriter(governor);
            var stats = await writer.WriteBatchesAsync(Batches(plan.Puts.Values.Select(p => p.Item).ToList()), PutRequests, null, cancellationToken).ConfigureAwait(false);
            stats += await writer.WriteBatchesAsync(Batches(plan.Deletes.Values.Select(d => d.Key).ToList()), DeleteRequests, null, cancellationToken).ConfigureAwait(false);
            report.Retries += stats.UnprocessedResubmits + stats.ErrorRetries;
            RecordWriteRate(report, governor);
            foreach (var type in _options.EntityTypes)
            {
                var n = report.SyncPutMap![type] + report.SyncDeleteMap![type];
                ReportProgress(progress, type, "sync", n, n);
            }

            foreach (var entry in report.Entities.Values)
            {
                entry.MissingKeys.Clear();
                entry.ExtraKeys.Clear();
                entry.DifferentKeys.Clear();
            }

            await VerifyIntoAsync(report, progress, cancellationToken).ConfigureAwait(false);
        }

        report.DurationSeconds = Seconds(_time.GetElapsedTime(started));
        return report;
    }

    /// <summary>
    /// One plan by key over every entity type: a put for each key the source has and the target lacks or holds otherwise, a delete for each
    /// key the target has and the source does not, the unclaimed items included. A key in both (the target's item is of another entity type
    /// than the source's, or its <c>entityType</c> was changed) is only put: the put replaces the item, and a delete after it would remove it.
    /// </summary>
    private SyncPlan Plan(Dictionary<EntityType, Comparison> comparisons, TargetFacts facts)
    {
        var plan = new SyncPlan();
        foreach (var (type, c) in comparisons)
        {
            foreach (var (key, item) in c.Missing.Concat(c.Different))
            {
                plan.Puts[key] = (type, item);
            }
        }

        foreach (var (type, c) in comparisons)
        {
            foreach (var (key, attributes) in c.Extra)
            {
                if (plan.Puts.TryGetValue(key, out var put))
                {
                    Log.SyncKeyConflict(_logger, key, type.Name(), put.Type.Name());
                }
                else
                {
                    plan.Deletes[key] = (type, attributes);
                }
            }
        }

        foreach (var (key, attributes) in facts.Unclaimed)
        {
            if (plan.Puts.TryGetValue(key, out var put))
            {
                Log.SyncKeyConflict(_logger, key, "(unclaimed)", put.Type.Name());
            }
            else
            {
                plan.Deletes[key] = (null, attributes);
            }
        }

        return plan;
    }

    /// <summary>A sync's writes, by key (<c>PK|SK</c>): each key is put or deleted, never both.</summary>
    private sealed class SyncPlan
    {
        public Dictionary<string, (EntityType Type, Dictionary<string, AttributeValue> Item)> Puts { get; } = new(StringComparer.Ordinal);

        /// <summary>The key attributes to delete, with the entity type the target's item has (<see langword="null"/>: no entity type claims it).</summary>
        public Dictionary<string, (EntityType? Type, Dictionary<string, AttributeValue> Key)> Deletes { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>The items or keys of the plan in batches of 25, for the one parallel batch-write path (<see cref="DynamoDbBatchWriter.WriteBatchesAsync{TBatch}"/>).</summary>
    private static IAsyncEnumerable<Dictionary<string, AttributeValue>[]> Batches(List<Dictionary<string, AttributeValue>> items) =>
        items.Chunk(BatchWriterOptions.MaxBatchSize).ToAsyncEnumerable();

    private static IReadOnlyList<WriteRequest> PutRequests(Dictionary<string, AttributeValue>[] items) =>
        [.. items.Select(i => new WriteRequest { PutRequest = new PutRequest { Item = i } })];

    private static IReadOnlyList<WriteRequest> DeleteRequests(Dictionary<string, AttributeValue>[] keys) =>
        [.. keys.Select(k => new WriteRequest { DeleteRequest = new DeleteRequest { Key = k } })];
}
