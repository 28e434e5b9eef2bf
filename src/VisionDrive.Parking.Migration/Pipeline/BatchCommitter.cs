namespace VisionDrive.Parking.Migration.Pipeline;

/// <summary>
/// The checkpoint stage. Batches are acknowledged out of order; a batch is committed only when every batch before it is: its rejects and
/// warnings are appended to <c>rejects.jsonl</c> / <c>warnings.jsonl</c>, its counts added and the resume key moved, together. So every row
/// up to the saved key is written or recorded as rejected, whatever happens next. The checkpoint is saved at most every
/// <c>interval</c>, and by <see cref="Flush"/>.
/// </summary>
internal sealed class BatchCommitter(StateStore state, Checkpoint checkpoint, TableCheckpoint table, TimeSpan interval, TimeProvider time, Action<long>? committed)
{
    private readonly object _gate = new();
    private readonly SortedDictionary<long, (PendingBatch Batch, BatchWriteStats Stats)> _acknowledged = [];
    private long _next;
    private long _lastSave = time.GetTimestamp();

    /// <summary>Records that DynamoDB acknowledged <paramref name="batch"/>, and commits what became contiguous.</summary>
    public void Acknowledge(PendingBatch batch, BatchWriteStats stats)
    {
        long read;
        lock (_gate)
        {
            _acknowledged[batch.Sequence] = (batch, stats);
            var advanced = false;
            while (_acknowledged.Remove(_next, out var entry))
            {
                Commit(entry.Batch, entry.Stats);
                _next++;
                advanced = true;
            }

            if (!advanced)
            {
                return;
            }

            if (time.GetElapsedTime(_lastSave) >= interval)
            {
                state.Save(checkpoint);
                _lastSave = time.GetTimestamp();
            }

            read = table.Read;
        }

        committed?.Invoke(read);
    }

    /// <summary>Saves the checkpoint as committed so far (after a failure too: what was committed is kept).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            state.Save(checkpoint);
            _lastSave = time.GetTimestamp();
        }
    }

    private void Commit(PendingBatch batch, BatchWriteStats stats)
    {
        foreach (var reject in batch.Rejects)
        {
            state.AppendReject(reject);
        }

        // Listed once (a row re-read after a crash is not listed twice), counted with its batch.
        foreach (var warning in batch.Warnings)
        {
            state.AppendWarning(warning);
        }

        table.AfterKey = batch.LastKey ?? table.AfterKey;
        table.Read += batch.Read;
        table.Written += stats.Written;
        table.Rejected += batch.Rejects.Count;
        table.Warnings += batch.Warnings.Count;
        table.Retries += stats.UnprocessedResubmits + stats.ErrorRetries;
        table.Skipped += stats.Skipped;
    }
}
