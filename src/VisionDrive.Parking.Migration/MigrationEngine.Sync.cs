namespace VisionDrive.Parking.Migration;

public sealed partial class MigrationEngine
{
    /// <summary>
    /// The guide's "final sync", by content: compares source and target (digests, then per-key hashes in the key buckets that differ) and
    /// puts what is missing or different and deletes what the source no longer has, and the items no entity type claims. Catches inserts,
    /// updates, deletes and changes that bump no timestamp (an alert acknowledged). The plan is made by key (<c>PK</c>, <c>SK</c>), not by
    /// entity type: a key whose target item is of another type than the source's is put, never also deleted, so one sync converges.
    /// The differences stream through sorted runs on disk (a temporary folder, deleted at the end), so memory does not grow with their number.
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

        // Online: an item updated since (less the clock allowance) may be a dual write the snapshot below missed; it is never deleted.
        var deleteCutoff = _time.GetUtcNow() - MigrationOptions.OnlineClockAllowance;
        using var state = StateStore.Open(_options.StateDirectory);
        var report = NewReport("sync", _options.TableName, _options.EntityTypes);
        report.DryRun = dryRun;
        report.SyncPutMap = [];
        report.SyncDeleteMap = [];
        using var spill = new DiffSpill();
        using var plan = new SyncPlanFiles(spill);
        var facts = new TargetFacts(spill);
        var rejects = new RejectTally();
        var comparisons = await CompareAsync(
            spill,
            plan,
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
        plan.Complete();

        // Read back from the plan file, one item at a time: refused before anything is written, whatever the number of puts.
        ExpiredTtlGuard.CheckPlanned(plan.PutItems(), _options, _time);

        foreach (var (type, c) in comparisons)
        {
            ListDifferences(report.Entities[type], c);
            report.SyncPutMap[type] = c.Puts;
            report.SyncDeleteMap[type] = c.Deletes;
            Log.SyncPlan(_logger, type.Name(), dryRun ? "plan (dry run)" : "applying", c.Puts, c.Deletes);
        }

        report.SyncDeletesUnclaimed = plan.UnclaimedDeletes;
        var verified = ReportUnclaimed(report, facts);
        report.RejectReasonList.AddRange(rejects.ToList());
        report.RejectsFile = rejects.Total > 0 ? state.RejectsPath : null;

        report.Online = _options.Online;
        if (dryRun || _options.Online)
        {
            foreach (var (type, c) in comparisons)
            {
                RecordCounts(report.Entities[type], c);
            }

            report.Verified = !_options.Online && verified && report.Entities.Values.All(e => e.IsConsistent);
        }

        if (!dryRun)
        {
            // The put and the delete of one key never both happen (Join), so their order does not matter. Both stream from the plan files
            // in batches of 25: memory holds the batches in flight, not the plan.
            using var governor = NewGovernor();
            var writer = CreateWriter(governor, deleteCutoff);
            var stats = await writer.WriteBatchesAsync(Batches(plan.PutItems()), PutRequests, null, cancellationToken).ConfigureAwait(false);
            stats += await writer.WriteBatchesAsync(Batches(plan.DeleteKeys()), DeleteRequests, null, cancellationToken).ConfigureAwait(false);
            report.Retries += stats.UnprocessedResubmits + stats.ErrorRetries;
            RecordWriteRate(report, governor);
            foreach (var type in _options.EntityTypes)
            {
                var n = report.SyncPutMap![type] + report.SyncDeleteMap![type];
                ReportProgress(progress, type, "sync", n, n);
            }

            if (_options.Online)
            {
                await RemoveDeletedDuringRunAsync(deleteCutoff + MigrationOptions.OnlineClockAllowance, cancellationToken).ConfigureAwait(false);

                // The table moves under an online sync: the report keeps the plan's comparison; verify once the outbox is drained.
                report.SkippedNewer = stats.Skipped;
            }
            else
            {
                await VerifyIntoAsync(report, progress, cancellationToken).ConfigureAwait(false);
            }
        }

        report.PeakWorkingSetBytes = PeakWorkingSet();
        report.DurationSeconds = Seconds(_time.GetElapsedTime(started));
        return report;
    }

    /// <summary>
    /// A sync's writes, in key order, on disk (the join finds them in key order, so no sort is needed): each key is put or deleted, never
    /// both. Written once by the join, then read as often as needed (the expired-TTL guard, the writes).
    /// </summary>
    private sealed class SyncPlanFiles : IDisposable
    {
        private readonly string _puts;
        private readonly string _deletes;
        private BinaryWriter? _putWriter;
        private BinaryWriter? _deleteWriter;

        public SyncPlanFiles(DiffSpill spill)
        {
            _puts = spill.NewFile("puts");
            _deletes = spill.NewFile("deletes");
            _putWriter = DiffSpill.Writer(_puts);
            _deleteWriter = DiffSpill.Writer(_deletes);
        }

        /// <summary>Deletes of items no entity type claims.</summary>
        public long UnclaimedDeletes { get; set; }

        public void AddPut(DiffRecord source) => source.WriteTo(_putWriter ?? throw new InvalidOperationException("The plan is complete."));

        public void AddDelete(DiffRecord target) => target.WriteTo(_deleteWriter ?? throw new InvalidOperationException("The plan is complete."));

        public void Complete()
        {
            _putWriter?.Dispose();
            _deleteWriter?.Dispose();
            _putWriter = null;
            _deleteWriter = null;
        }

        /// <summary>The source items to put, read back one at a time.</summary>
        public IEnumerable<Dictionary<string, AttributeValue>> PutItems() => DiffSpill.Read(_puts).Select(r => DynamoDbJson.FromLine(r.Item!));

        /// <summary>The key attributes of the target items to delete, read back one at a time.</summary>
        public IEnumerable<Dictionary<string, AttributeValue>> DeleteKeys() =>
            DiffSpill.Read(_deletes).Select(r => new Dictionary<string, AttributeValue> { ["PK"] = new() { S = r.Pk }, ["SK"] = new() { S = r.Sk } });

        public void Dispose() => Complete();
    }

    /// <summary>The items or keys of the plan in batches of 25, for the one parallel batch-write path (<see cref="DynamoDbBatchWriter.WriteBatchesAsync{TBatch}"/>).</summary>
    private static IAsyncEnumerable<Dictionary<string, AttributeValue>[]> Batches(IEnumerable<Dictionary<string, AttributeValue>> items) =>
        items.Chunk(BatchWriterOptions.MaxBatchSize).ToAsyncEnumerable();

    private static IReadOnlyList<WriteRequest> PutRequests(Dictionary<string, AttributeValue>[] items) =>
        [.. items.Select(i => new WriteRequest { PutRequest = new PutRequest { Item = i } })];

    private static IReadOnlyList<WriteRequest> DeleteRequests(Dictionary<string, AttributeValue>[] keys) =>
        [.. keys.Select(k => new WriteRequest { DeleteRequest = new DeleteRequest { Key = k } })];
}
