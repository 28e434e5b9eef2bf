using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb.Writing;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.Migration.State;

namespace VisionDrive.Parking.Migration;

public sealed partial class MigrationEngine
{
    /// <summary>
    /// Migrates every selected entity type, resuming from the state directory's checkpoint, then verifies (unless disabled or segmented).
    /// Rows that cannot become items go to <c>rejects.jsonl</c>; data-quality problems to <c>warnings.jsonl</c>; neither stops the run.
    /// </summary>
    /// <param name="progress">Receives progress per entity type; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the run; the checkpoint keeps what was acknowledged.</param>
    /// <returns>The report.</returns>
    /// <exception cref="MigrationException">The state directory is locked, corrupt or unwritable, or events would be written already expired.</exception>
    /// <exception cref="BatchWriteException">DynamoDB kept refusing writes beyond the retry budget; rerun to resume.</exception>
    public async Task<MigrationReport> MigrateAsync(IProgress<MigrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        using var state = StateStore.Open(_options.StateDirectory);
        var checkpoint = state.Load(Fingerprint);
        var report = NewReport("migrate", _options.TableName, _options.EntityTypes);

        if (_options.EntityTypes.Contains(EntityType.Event) && !checkpoint.For(EntityType.Event.Name()).Completed)
        {
            await GuardExpiredTtlAsync(cancellationToken).ConfigureAwait(false);
        }

        HashSet<string>? sensorIds = null;
        var transformer = new Transformer(_mapping);
        foreach (var type in _options.EntityTypes)
        {
            var cp = checkpoint.For(type.Name());
            if (cp.Completed)
            {
                Log.TableAlreadyDone(_logger, type.Name());
                continue;
            }

            // The reconnect budget is per outage: an attempt that moved the checkpoint starts the count again.
            var attempt = 0;
            var readAtLastLoss = cp.Read;
            int NextAttempt() => cp.Read > readAtLastLoss ? 1 : attempt + 1;
            try
            {
                while (true)
                {
                    try
                    {
                        if (type == EntityType.Event)
                        {
                            sensorIds ??= await ReadSensorIdsAsync(cancellationToken).ConfigureAwait(false);
                            transformer.KnownSensorIds = sensorIds;
                        }

                        await MigrateTableAsync(type, transformer, state, checkpoint, cp, progress, cancellationToken).ConfigureAwait(false);
                        break;
                    }
                    catch (Exception ex) when (SourceFailure.IsConnectionLost(ex) && !cancellationToken.IsCancellationRequested
                                               && NextAttempt() <= _options.SourceReconnectAttempts)
                    {
                        // The checkpoint is saved (MigrateTableAsync flushed it): resume from it, as a rerun would, on fresh connections.
                        attempt = NextAttempt();
                        readAtLastLoss = cp.Read;
                        var delay = ReconnectDelay(attempt);
                        Log.SourceLost(_logger, type.Name(), SourceFailure.Describe(ex), cp.Read, delay.TotalSeconds, attempt, _options.SourceReconnectAttempts);
                        report.SourceReconnects++;
                        _source.ClearPool();
                        await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception ex)
            {
                Log.TableFailed(_logger, type.Name(), cp.Read, ex.GetType().Name);
                throw;
            }
        }

        foreach (var type in _options.EntityTypes)
        {
            var cp = checkpoint.For(type.Name());
            var entry = report.Entities[type.Name()];
            entry.Source = cp.Read;
            entry.Written = cp.Written;
            entry.Rejected = cp.Rejected;
            entry.Warnings = cp.Warnings;
            report.Retries += cp.Retries;
        }

        report.WarningList.AddRange(state.ReadWarnings());
        report.RejectsFile = state.RejectCount > 0 ? state.RejectsPath : null;

        if (_options.Verify && _options.SegmentCount == 1)
        {
            await VerifyIntoAsync(report, progress, cancellationToken).ConfigureAwait(false);
        }

        report.DurationSeconds = Seconds(_time.GetElapsedTime(started));
        return report;
    }

    private TimeSpan ReconnectDelay(int attempt) =>
        TimeSpan.FromTicks(Math.Min(_options.SourceReconnectDelay.Ticks * (1L << Math.Min(attempt - 1, 20)), TimeSpan.FromSeconds(30).Ticks));

    private async Task GuardExpiredTtlAsync(CancellationToken cancellationToken)
    {
        if (_options.AllowExpiredTtl)
        {
            return;
        }

        var cutoff = _time.GetUtcNow() - _options.EventRetention;
        var options = ReadOptions() with { EventTime = new TimeRange(DateTimeOffset.UnixEpoch.AddYears(-1969), cutoff) };
        var expired = await _source.CountAsync(EntityType.Event, options, cancellationToken).ConfigureAwait(false);
        if (expired > 0)
        {
            var days = Math.Ceiling((_time.GetUtcNow() - cutoff).TotalDays);
            throw new MigrationException(
                $"{expired} events are older than the retention of {_options.EventRetention.TotalDays:0} days: their ttl would already be past and " +
                "DynamoDB would delete them within days of the migration. Nothing was written. Set --retention-days high enough to keep them " +
                $"(older than {cutoff:yyyy-MM-dd} means more than {days:0} days), or pass --allow-expired-ttl to write them anyway.");
        }
    }

    private async Task<HashSet<string>> ReadSensorIdsAsync(CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in _source.ReadSensorsAsync(ReadOptions(segmented: false), cancellationToken).ConfigureAwait(false))
        {
            if (row.Entity is not null)
            {
                ids.Add(row.Entity.Id);
            }
            else if (row.Failure is not null)
            {
                ids.Add(row.Key);
            }
        }

        return ids;
    }

    private async Task MigrateTableAsync(
        EntityType type,
        Transformer transformer,
        StateStore state,
        Checkpoint checkpoint,
        TableCheckpoint cp,
        IProgress<MigrationProgress>? progress,
        CancellationToken cancellationToken)
    {
        var total = await _source.CountAsync(type, ReadOptions(), cancellationToken).ConfigureAwait(false);
        Log.TableStarting(_logger, type.Name(), total, cp.AfterKey is null ? "start" : "checkpoint");
        ReportProgress(progress, type, "migrate", cp.Read, total);

        var writer = CreateWriter();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = linked.Token;
        var channel = Channel.CreateBounded<PendingBatch>(new BoundedChannelOptions(_options.Parallelism * 4)
        {
            SingleReader = false,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var tracker = new WatermarkTracker(cp, () => state.Save(checkpoint), _options.CheckpointInterval, _time);
        Exception? failure = null;

        async Task ProduceAsync()
        {
            try
            {
                long seq = 0;
                var batch = new PendingBatch(seq++);
                var warnings = new List<DataQualityWarning>();
                await foreach (var row in SourceAdapter.Read(_source, type, ReadOptions(cp.AfterKey), token).ConfigureAwait(false))
                {
                    batch.Read++;
                    batch.LastKey = row.Key;
                    var item = transformer.Transform(type, row, warnings, out var rejected);
                    if (rejected is not null)
                    {
                        state.AppendReject(rejected);
                        batch.Rejected++;
                    }
                    else
                    {
                        batch.Items.Add(item!);
                    }

                    if (warnings.Count > 0)
                    {
                        foreach (var w in warnings)
                        {
                            // Listed once (a row re-read after a crash is not listed twice), counted with its batch.
                            state.AppendWarning(w);
                            batch.Warnings++;
                        }

                        warnings.Clear();
                    }

                    if (batch.Items.Count == BatchWriterOptions.MaxBatchSize)
                    {
                        await channel.Writer.WriteAsync(batch, token).ConfigureAwait(false);
                        batch = new PendingBatch(seq++);
                    }
                }

                if (batch.Read > 0)
                {
                    await channel.Writer.WriteAsync(batch, token).ConfigureAwait(false);
                }

                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.TryComplete(ex);
                throw;
            }
        }

        async Task ConsumeAsync()
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                var stats = await writer.WriteBatchAsync(batch.Items, token).ConfigureAwait(false);
                tracker.Complete(batch, stats);
                ReportProgress(progress, type, "migrate", tracker.Read, total);
            }
        }

        var tasks = new List<Task> { ProduceAsync() };
        for (var i = 0; i < _options.Parallelism; i++)
        {
            tasks.Add(ConsumeAsync());
        }

        try
        {
            await WhenAllFailFastAsync(tasks, linked).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        // Whatever happened, keep what was acknowledged.
        tracker.Flush();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        cp.Completed = true;
        state.Save(checkpoint);
        ReportProgress(progress, type, "migrate", cp.Read, total);
        Log.TableDone(_logger, type.Name(), cp.Read, cp.Written, cp.Rejected);
    }

    private static async Task WhenAllFailFastAsync(List<Task> tasks, CancellationTokenSource linked)
    {
        var pending = new List<Task>(tasks);
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(done);
            if (done.IsFaulted || done.IsCanceled)
            {
                await linked.CancelAsync().ConfigureAwait(false);
                try
                {
                    await Task.WhenAll(pending).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // The first failure is the one reported.
                }

                await done.ConfigureAwait(false);
            }
        }
    }

    /// <summary>A range of consecutive source rows and the items they produced.</summary>
    private sealed class PendingBatch(long sequence)
    {
        public long Sequence { get; } = sequence;

        public List<Dictionary<string, AttributeValue>> Items { get; } = new(BatchWriterOptions.MaxBatchSize);

        public string? LastKey { get; set; }

        public int Read { get; set; }

        public int Rejected { get; set; }

        public int Warnings { get; set; }
    }

    /// <summary>
    /// Batches finish out of order; the checkpoint moves only over the contiguous prefix of finished batches, so every row up to the saved
    /// key is written (or recorded as rejected) whatever happens next.
    /// </summary>
    private sealed class WatermarkTracker(TableCheckpoint cp, Action save, TimeSpan interval, TimeProvider time)
    {
        private readonly object _gate = new();
        private readonly SortedDictionary<long, (PendingBatch Batch, BatchWriteStats Stats)> _done = [];
        private long _next;
        private long _lastSave = time.GetTimestamp();

        public long Read
        {
            get
            {
                lock (_gate)
                {
                    return cp.Read;
                }
            }
        }

        public void Complete(PendingBatch batch, BatchWriteStats stats)
        {
            lock (_gate)
            {
                _done[batch.Sequence] = (batch, stats);
                var advanced = false;
                while (_done.Remove(_next, out var entry))
                {
                    cp.AfterKey = entry.Batch.LastKey ?? cp.AfterKey;
                    cp.Read += entry.Batch.Read;
                    cp.Written += entry.Stats.Written;
                    cp.Rejected += entry.Batch.Rejected;
                    cp.Warnings += entry.Batch.Warnings;
                    cp.Retries += entry.Stats.UnprocessedResubmits + entry.Stats.ErrorRetries;
                    _next++;
                    advanced = true;
                }

                if (advanced && time.GetElapsedTime(_lastSave) >= interval)
                {
                    save();
                    _lastSave = time.GetTimestamp();
                }
            }
        }

        public void Flush()
        {
            lock (_gate)
            {
                save();
                _lastSave = time.GetTimestamp();
            }
        }
    }
}
