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
        var startedAt = _time.GetUtcNow();
        using var state = StateStore.Open(_options.StateDirectory);
        var checkpoint = state.Load(Fingerprint);
        var report = NewReport("migrate", _options.TableName, _options.EntityTypes);

        if (_options.EntityTypes.Contains(EntityType.Event) && !checkpoint.For(EntityType.Event).Completed)
        {
            await GuardExpiredTtlAsync(cancellationToken).ConfigureAwait(false);
        }

        var pipelines = Pipelines();
        using var governor = NewGovernor();
        var writer = CreateWriter(governor);
        foreach (var type in _options.EntityTypes)
        {
            var cp = checkpoint.For(type);
            if (cp.Completed)
            {
                Log.TableAlreadyDone(_logger, type.Name());
                continue;
            }

            var run = new TableRun(ReadOptions(), writer, state, checkpoint, cp, _options.CheckpointInterval, _time, Committed: null);

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
                        await MigrateTableAsync(pipelines.For(type), run, progress, cancellationToken).ConfigureAwait(false);
                        break;
                    }
                    catch (Exception ex) when (SourceFailure.IsConnectionLost(ex) && !cancellationToken.IsCancellationRequested
                                               && NextAttempt() <= _options.SourceReconnectAttempts)
                    {
                        // The checkpoint is saved (the pass flushed it): resume from it, as a rerun would, on fresh connections.
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

        if (_options.Online)
        {
            await RemoveDeletedDuringRunAsync(startedAt, cancellationToken).ConfigureAwait(false);
        }

        var skipped = 0L;

        // The figures are the committed ones: counts of the checkpoint (cumulative across resumed runs), warnings as committed to the state.
        foreach (var type in _options.EntityTypes)
        {
            var cp = checkpoint.For(type);
            var entry = report.Entities[type];
            entry.Source = cp.Read;
            entry.Written = cp.Written;
            entry.Rejected = cp.Rejected;
            entry.Warnings = cp.Warnings;
            report.Retries += cp.Retries;
            skipped += cp.Skipped;
        }

        report.Online = _options.Online;
        report.SkippedNewer = _options.Online ? skipped : null;

        RecordWriteRate(report, governor);
        report.WarningList.AddRange(state.Warnings);
        report.RejectsFile = state.RejectCount > 0 ? state.RejectsPath : null;
        report.RejectReasonList.AddRange(state.RejectReasons());

        // An online run does not verify: the application writes the table meanwhile (verify once the outbox is drained).
        if (_options.Verify && _options.SegmentCount == 1 && !_options.Online)
        {
            await VerifyIntoAsync(report, progress, cancellationToken).ConfigureAwait(false);
        }

        report.DurationSeconds = Seconds(_time.GetElapsedTime(started));
        return report;
    }

    private TimeSpan ReconnectDelay(int attempt) =>
        TimeSpan.FromTicks(Math.Min(_options.SourceReconnectDelay.Ticks * (1L << Math.Min(attempt - 1, 20)), TimeSpan.FromSeconds(30).Ticks));

    /// <summary>One pass of one table: from its checkpoint to the end through its pipeline, then marked complete.</summary>
    private async Task MigrateTableAsync(ITablePipeline pipeline, TableRun run, IProgress<MigrationProgress>? progress, CancellationToken cancellationToken)
    {
        var type = pipeline.Type;
        var cp = run.Table;
        var total = await _source.CountAsync(type, ReadOptions(), cancellationToken).ConfigureAwait(false);
        Log.TableStarting(_logger, type.Name(), total, cp.AfterKey is null ? "start" : "checkpoint");
        ReportProgress(progress, type, "migrate", cp.Read, total);

        await pipeline.MigrateAsync(run with { Committed = read => ReportProgress(progress, type, "migrate", read, total) }, cancellationToken).ConfigureAwait(false);

        cp.Completed = true;
        run.State.Save(run.Checkpoint);
        ReportProgress(progress, type, "migrate", cp.Read, total);
        Log.TableDone(_logger, type.Name(), cp.Read, cp.Written, cp.Rejected);
    }
}
