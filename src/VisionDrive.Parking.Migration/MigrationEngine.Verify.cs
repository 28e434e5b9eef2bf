using VisionDrive.Parking.Data.DynamoDb.Client;
using VisionDrive.Parking.Data.DynamoDb.Hashing;

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
        report.PeakWorkingSetBytes = PeakWorkingSet();
        return report;
    }

    private async Task VerifyIntoAsync(
        MigrationReport report,
        IProgress<MigrationProgress>? progress,
        CancellationToken cancellationToken,
        Action<RowFailure>? onReject = null)
    {
        using var spill = new DiffSpill();
        var facts = new TargetFacts(spill);
        var comparisons = await CompareAsync(spill, plan: null, facts, onReject, afterDigests: null, progress, cancellationToken).ConfigureAwait(false);
        var verified = ReportUnclaimed(report, facts);
        foreach (var (type, c) in comparisons)
        {
            var entry = report.Entities[type];
            RecordCounts(entry, c);
            ListDifferences(entry, c);
            if (!entry.IsConsistent)
            {
                verified = false;
                Log.VerifyMismatch(_logger, type.Name(), c.MissingCount, c.ExtraCount, c.DifferentCount);
            }
        }

        report.Verified = verified;
    }

    /// <summary>The peak working set of this process so far (the figure the memory bound of sync and verify is stated in).</summary>
    private static long PeakWorkingSet()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }

    /// <summary>The counts and the first keys (in key order) of an entity type's differences, into its report entry.</summary>
    private static void ListDifferences(EntityReport entry, Comparison c)
    {
        entry.MissingKeys.Clear();
        entry.ExtraKeys.Clear();
        entry.DifferentKeys.Clear();
        entry.MissingKeys.AddRange(c.MissingListed);
        entry.ExtraKeys.AddRange(c.ExtraListed);
        entry.DifferentKeys.AddRange(c.DifferentListed);
        entry.MissingCount = c.MissingCount;
        entry.ExtraCount = c.ExtraCount;
        entry.DifferentCount = c.DifferentCount;
    }

    /// <summary>Lists the items no entity type claims in the report; returns whether there are none.</summary>
    private bool ReportUnclaimed(MigrationReport report, TargetFacts facts)
    {
        report.ExtraUnclaimedList.Clear();
        report.ExtraUnclaimedList.AddRange(facts.UnclaimedListed);
        report.ExtraUnclaimedCount = facts.UnclaimedCount;
        if (facts.UnclaimedCount == 0)
        {
            return true;
        }

        Log.UnclaimedItems(_logger, facts.UnclaimedCount, report.ExtraUnclaimed.Count > 0 ? report.ExtraUnclaimed[0] : "");
        return false;
    }

    /// <summary>Whether this run looks for items no entity type claims: only when it covers every entity type (a run over some types checks those).</summary>
    private bool ChecksUnclaimed => Data.EntityTypes.All.All(_options.EntityTypes.Contains);

    /// <summary>A comparison's counts and checksums into the entity's report entry.</summary>
    private static void RecordCounts(EntityReport entry, Comparison c)
    {
        entry.Source = c.SourceRows;
        entry.Rejected = c.Rejected;
        entry.Target = c.Target.Count;
        entry.ChecksumMatch = c.Matches;
        entry.SourceChecksum = c.Source.Checksum;
        entry.TargetChecksum = c.Target.Checksum;
    }

    /// <summary>
    /// Pass 1: digests of both sides (bounded memory). Pass 2, only for entity types whose digests differ, and only for the key buckets
    /// that differ: the per-key hashes of both sides, spilled to sorted runs on disk (<see cref="DiffSpill"/>) and merged in key order, so
    /// the keys are named, counted and (for sync) planned in one ordered pass whose memory does not grow with the number of differences.
    /// </summary>
    /// <param name="spill">Where pass 2 keeps its sorted runs.</param>
    /// <param name="plan">Receives the puts and deletes in key order (sync); <see langword="null"/>: only count and list them (verify).</param>
    /// <param name="facts">Receives the items no entity type claims and the retention of the table's events (pass 1).</param>
    /// <param name="onReject">Receives each source row that cannot become an item (pass 1 only, so once per row).</param>
    /// <param name="afterDigests">Called between the passes (sync refuses there, before pass 2 reads keys, a retention that differs from the table's).</param>
    /// <param name="progress">Receives progress.</param>
    /// <param name="cancellationToken">Cancels the comparison.</param>
    private async Task<Dictionary<EntityType, Comparison>> CompareAsync(
        DiffSpill spill,
        SyncPlanFiles? plan,
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
        if (mismatched.Count == 0 && facts.UnclaimedCount == 0)
        {
            return result;
        }

        // Pass 2: per-key hashes inside the differing buckets only, each scan segment into sorted runs of its own.
        var targetRuns = Enumerable.Range(0, _options.ScanSegments).Select(_ => spill.NewSorter()).ToArray();
        var sourceRuns = spill.NewSorter();
        if (mismatched.Count > 0)
        {
            await ScanTargetAsync(
                (segment, type, pk, sk, item) =>
                {
                    if (mismatched.TryGetValue(type, out var buckets) && buckets[EntityDigest.BucketOf(pk, sk)])
                    {
                        targetRuns[segment].Add(DiffRecord.Of(pk, sk, (byte)type, ItemHash.Compute(item), null));
                    }
                },
                null,
                progress,
                cancellationToken).ConfigureAwait(false);

            foreach (var (type, buckets) in mismatched)
            {
                var scratch = new Comparison();
                await foreach (var (pk, sk, item) in SourceItemsAsync(pipelines.For(type), scratch, null, null, cancellationToken).ConfigureAwait(false))
                {
                    if (buckets[EntityDigest.BucketOf(pk, sk)])
                    {
                        // Sync keeps the item to put it; verify only its hash.
                        sourceRuns.Add(DiffRecord.Of(pk, sk, (byte)type, ItemHash.Compute(item), plan is null ? null : DynamoDbJson.ToLine(item)));
                    }
                }
            }
        }

        IEnumerable<DiffSpill.Sorter> targets = facts.UnclaimedKeys is { } unclaimed ? [.. targetRuns, unclaimed] : targetRuns;
        Join(spill.Merged([sourceRuns]), spill.Merged(targets), result, facts, plan, cancellationToken);
        return result;
    }

    /// <summary>
    /// Walks both sides' differing keys in ordinal key order: a key the source has and the target lacks (for its entity type) is missing,
    /// one on both sides with other content different, one the target has and the source does not extra. For sync, one plan by key over
    /// every entity type: a put for each missing or different key, a delete for each extra key and each unclaimed item, except a key also
    /// put (the target's item is of another entity type than the source's): the put replaces the item, and a delete after it would remove it.
    /// </summary>
    private void Join(
        IEnumerable<DiffRecord> source,
        IEnumerable<DiffRecord> target,
        Dictionary<EntityType, Comparison> result,
        TargetFacts facts,
        SyncPlanFiles? plan,
        CancellationToken cancellationToken)
    {
        var max = _options.MaxListedDifferences;
        using var s = source.GetEnumerator();
        using var t = target.GetEnumerator();
        var hasS = s.MoveNext();
        var hasT = t.MoveNext();
        var src = new List<DiffRecord>(1);
        var tgt = new List<DiffRecord>(1);
        long keys = 0;
        while (hasS || hasT)
        {
            if (++keys % 10_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var key = !hasT || (hasS && string.CompareOrdinal(s.Current.Key, t.Current.Key) <= 0) ? s.Current.Key : t.Current.Key;
            src.Clear();
            tgt.Clear();
            while (hasS && string.Equals(s.Current.Key, key, StringComparison.Ordinal))
            {
                src.Add(s.Current);
                hasS = s.MoveNext();
            }

            while (hasT && string.Equals(t.Current.Key, key, StringComparison.Ordinal))
            {
                tgt.Add(t.Current);
                hasT = t.MoveNext();
            }

            DiffRecord? put = null;
            foreach (var r in src.OrderBy(r => r.Type))
            {
                var c = result[(EntityType)r.Type];
                var same = tgt.FindIndex(x => x.Type == r.Type);
                if (same < 0)
                {
                    Note(c.MissingListed, key);
                    c.MissingCount++;
                    put = r;
                }
                else if (tgt[same].Hash != r.Hash)
                {
                    Note(c.DifferentListed, key);
                    c.DifferentCount++;
                    put = r;
                }
            }

            if (put is { } p)
            {
                result[(EntityType)p.Type].Puts++;
                plan?.AddPut(p);
            }

            foreach (var r in tgt)
            {
                var unclaimed = r.Type == DiffRecord.Unclaimed;
                if (unclaimed)
                {
                    Note(facts.UnclaimedListed, key);
                }
                else if (src.Exists(x => x.Type == r.Type))
                {
                    continue;
                }
                else
                {
                    var c = result[(EntityType)r.Type];
                    Note(c.ExtraListed, key);
                    c.ExtraCount++;
                }

                if (put is { } q)
                {
                    if (plan is not null)
                    {
                        Log.SyncKeyConflict(_logger, key, unclaimed ? "(unclaimed)" : ((EntityType)r.Type).Name(), ((EntityType)q.Type).Name());
                    }
                }
                else if (plan is not null)
                {
                    if (unclaimed)
                    {
                        plan.UnclaimedDeletes++;
                    }
                    else
                    {
                        result[(EntityType)r.Type].Deletes++;
                    }

                    plan.AddDelete(r);
                }
            }
        }

        void Note(List<string> listed, string key)
        {
            if (listed.Count < max)
            {
                listed.Add(key);
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
