using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb.Client;
using VisionDrive.Parking.Data.DynamoDb.Hashing;
using VisionDrive.Parking.Migration.Pipeline;
using VisionDrive.Parking.Migration.Verification;

namespace VisionDrive.Parking.Migration;

public sealed partial class MigrationEngine
{
    /// <summary>
    /// Verifies the target against the source, per entity type: the count and an order-independent checksum of the canonical items the
    /// source produces, against a parallel scan of the target; where they disagree, the keys that are missing, extra or different.
    /// Reads only; needs no state directory.
    /// </summary>
    /// <param name="progress">Receives progress; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <returns>The report; <see cref="MigrationReport.Verified"/> says whether everything matched.</returns>
    public async Task<MigrationReport> VerifyAsync(IProgress<MigrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var report = NewReport("verify", _options.TableName, _options.EntityTypes);
        var rejects = new RejectTally();
        await VerifyIntoAsync(report, progress, cancellationToken, f => rejects.Add(f.Table, f.Field, f.Reason)).ConfigureAwait(false);
        report.RejectReasonList.AddRange(rejects.ToList());
        report.DurationSeconds = Seconds(_time.GetElapsedTime(started));
        return report;
    }

    private async Task VerifyIntoAsync(
        MigrationReport report,
        IProgress<MigrationProgress>? progress,
        CancellationToken cancellationToken,
        Action<RowFailure>? onReject = null)
    {
        var facts = new TargetFacts();
        var comparisons = await CompareAsync(keepAll: false, facts, onReject, afterDigests: null, progress, cancellationToken).ConfigureAwait(false);
        var verified = ReportUnclaimed(report, facts);
        foreach (var (type, c) in comparisons)
        {
            var entry = report.Entities[type];
            entry.Source = c.SourceRows;
            entry.Rejected = c.Rejected;
            entry.Target = c.Target.Count;
            entry.ChecksumMatch = c.Matches;
            entry.SourceChecksum = c.Source.Checksum;
            entry.TargetChecksum = c.Target.Checksum;
            entry.MissingKeys.AddRange(c.Missing.Keys.Order(StringComparer.Ordinal).Take(_options.MaxListedDifferences));
            entry.ExtraKeys.AddRange(c.Extra.Keys.Order(StringComparer.Ordinal).Take(_options.MaxListedDifferences));
            entry.DifferentKeys.AddRange(c.Different.Keys.Order(StringComparer.Ordinal).Take(_options.MaxListedDifferences));
            if (!entry.IsConsistent)
            {
                verified = false;
                Log.VerifyMismatch(_logger, type.Name(), c.Missing.Count, c.Extra.Count, c.Different.Count);
            }
        }

        report.Verified = verified;
    }

    /// <summary>Lists the items no entity type claims in the report; returns whether there are none.</summary>
    private bool ReportUnclaimed(MigrationReport report, TargetFacts facts)
    {
        report.ExtraUnclaimedList.Clear();
        report.ExtraUnclaimedList.AddRange(facts.Unclaimed.Keys.Order(StringComparer.Ordinal).Take(_options.MaxListedDifferences));
        report.ExtraUnclaimedCount = facts.Unclaimed.Count;
        if (facts.Unclaimed.IsEmpty)
        {
            return true;
        }

        Log.UnclaimedItems(_logger, facts.Unclaimed.Count, report.ExtraUnclaimed[0]);
        return false;
    }

    /// <summary>Whether this run looks for items no entity type claims: only when it covers every entity type (a run over some types checks those).</summary>
    private bool ChecksUnclaimed => Data.EntityTypes.All.All(_options.EntityTypes.Contains);

    /// <summary>
    /// Pass 1: digests of both sides (bounded memory). Pass 2, only for entity types whose digests differ, and only for the key buckets
    /// that differ: the per-key hashes of both sides, to name the keys.
    /// </summary>
    /// <param name="keepAll">Keep the source items of missing and different keys (sync puts them); otherwise only their keys.</param>
    /// <param name="facts">Receives the items no entity type claims and the retention of the table's events (pass 1).</param>
    /// <param name="onReject">Receives each source row that cannot become an item (pass 1 only, so once per row).</param>
    /// <param name="afterDigests">Called between the passes (sync refuses there, before pass 2 reads keys, a retention that differs from the table's).</param>
    /// <param name="progress">Receives progress.</param>
    /// <param name="cancellationToken">Cancels the comparison.</param>
    private async Task<Dictionary<EntityType, Comparison>> CompareAsync(
        bool keepAll,
        TargetFacts facts,
        Action<RowFailure>? onReject,
        Action<TargetFacts>? afterDigests,
        IProgress<MigrationProgress>? progress,
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<EntityType, Comparison>();
        foreach (var type in _options.EntityTypes)
        {
            result[type] = new Comparison();
        }

        // One digest per scan segment and entity type, merged at the end: the per-item hashing runs in parallel, without a shared lock.
        var segmentDigests = Enumerable.Range(0, _options.ScanSegments)
            .Select(_ => _options.EntityTypes.ToDictionary(t => t, _ => new EntityDigest()))
            .ToArray();
        await ScanTargetAsync(
            (segment, type, pk, sk, item) =>
            {
                segmentDigests[segment][type].Add(pk, sk, ItemHash.Compute(item));
                if (type == EntityType.Event)
                {
                    facts.AddEvent(item);
                }
            },
            ChecksUnclaimed ? facts.AddUnclaimed : null,
            progress,
            cancellationToken).ConfigureAwait(false);
        foreach (var digests in segmentDigests)
        {
            foreach (var (type, digest) in digests)
            {
                result[type].Target.Merge(digest);
            }
        }

        var pipelines = Pipelines();
        foreach (var type in _options.EntityTypes)
        {
            var c = result[type];
            await foreach (var (pk, sk, item) in SourceItemsAsync(pipelines.For(type), c, onReject, progress, cancellationToken).ConfigureAwait(false))
            {
                c.Source.Add(pk, sk, ItemHash.Compute(item));
            }
        }

        afterDigests?.Invoke(facts);

        var mismatched = result.Where(kv => !kv.Value.Matches).ToDictionary(kv => kv.Key, kv => kv.Value.Source.DifferingBuckets(kv.Value.Target));
        if (mismatched.Count == 0)
        {
            return result;
        }

        // Pass 2: per-key hashes inside the differing buckets only.
        var targetKeys = mismatched.Keys.ToDictionary(t => t, _ => new ConcurrentDictionary<string, (UInt128 Hash, Dictionary<string, AttributeValue> Key)>(StringComparer.Ordinal));
        await ScanTargetAsync(
            (_, type, pk, sk, item) =>
            {
                if (mismatched.TryGetValue(type, out var buckets) && buckets[EntityDigest.BucketOf(pk, sk)])
                {
                    targetKeys[type][pk + "|" + sk] = (ItemHash.Compute(item), new Dictionary<string, AttributeValue> { ["PK"] = item["PK"], ["SK"] = item["SK"] });
                }
            },
            null,
            progress,
            cancellationToken).ConfigureAwait(false);

        foreach (var (type, buckets) in mismatched)
        {
            var c = result[type];
            var target = targetKeys[type];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var scratch = new Comparison();
            await foreach (var (pk, sk, item) in SourceItemsAsync(pipelines.For(type), scratch, null, null, cancellationToken).ConfigureAwait(false))
            {
                if (!buckets[EntityDigest.BucketOf(pk, sk)])
                {
                    continue;
                }

                var key = pk + "|" + sk;
                seen.Add(key);
                if (!target.TryGetValue(key, out var t))
                {
                    c.Missing[key] = item;
                }
                else if (t.Hash != ItemHash.Compute(item))
                {
                    c.Different[key] = item;
                }
            }

            foreach (var (key, t) in target)
            {
                if (!seen.Contains(key))
                {
                    c.Extra[key] = t.Key;
                }
            }

            if (!keepAll)
            {
                Trim(c.Missing);
                Trim(c.Different);
            }
        }

        return result;

        void Trim(Dictionary<string, Dictionary<string, AttributeValue>> d)
        {
            foreach (var k in d.Keys.ToList())
            {
                d[k] = [];
            }
        }
    }

    private async IAsyncEnumerable<(string Pk, string Sk, Dictionary<string, AttributeValue> Item)> SourceItemsAsync(
        ITablePipeline pipeline,
        Comparison counts,
        Action<RowFailure>? onReject,
        IProgress<MigrationProgress>? progress,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var type = pipeline.Type;
        long n = 0;
        await foreach (var row in pipeline.TransformAsync(ReadOptions(segmented: false), inspect: false, cancellationToken).ConfigureAwait(false))
        {
            counts.SourceRows++;
            if (++n % 10_000 == 0)
            {
                ReportProgress(progress, type, "verify-source", n, null);
            }

            if (row.Item is not { } item)
            {
                counts.Rejected++;
                onReject?.Invoke(row.Failure!);
                continue;
            }

            yield return (item["PK"].S, item["SK"].S, item);
        }
    }

    private async Task ScanTargetAsync(
        Action<int, EntityType, string, string, Dictionary<string, AttributeValue>> onItem,
        Action<string, string, Dictionary<string, AttributeValue>>? onUnclaimed,
        IProgress<MigrationProgress>? progress,
        CancellationToken cancellationToken)
    {
        var selected = _options.EntityTypes.ToHashSet();
        var client = Client;
        var retry = DynamoDbRetry.Create(WriteOptions, _time); // the one retry layer: the client's SDK retries are off
        long scanned = 0;
        var segments = Enumerable.Range(0, _options.ScanSegments).Select(async segment =>
        {
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var request = new ScanRequest
                {
                    TableName = _options.TableName,
                    Segment = segment,
                    TotalSegments = _options.ScanSegments,
                    ConsistentRead = true,
                    ExclusiveStartKey = start,
                };
                var response = await retry.ExecuteAsync(async ct => await client.ScanAsync(request, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                foreach (var item in response.Items ?? [])
                {
                    var pk = item.TryGetValue("PK", out var p) ? p.S : "";
                    var sk = item.TryGetValue("SK", out var s) ? s.S : "";
                    if (!item.TryGetValue("entityType", out var et) || !EntityTypes.TryParse(et.S, out var type))
                    {
                        // The source produces no such item: extra whatever the entity types compared (thread-safe, across segments).
                        onUnclaimed?.Invoke(pk, sk, item);
                        continue;
                    }

                    if (!selected.Contains(type))
                    {
                        continue;
                    }

                    // Called concurrently across segments, sequentially within one: the callback keeps per-segment state or is thread-safe.
                    onItem(segment, type, pk, sk, item);
                    var n = Interlocked.Increment(ref scanned);
                    if (n % 10_000 == 0)
                    {
                        ReportProgress(progress, type, "verify-target", n, null);
                    }
                }

                start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (start is not null);
        });
        await Task.WhenAll(segments).ConfigureAwait(false);
    }
}
