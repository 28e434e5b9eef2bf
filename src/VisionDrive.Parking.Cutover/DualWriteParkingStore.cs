using System.Diagnostics;
using System.Linq;

namespace VisionDrive.Parking.Cutover;

/// <summary>
/// The dual-write phase of the cutover (docs/cutover.md, "The dual-write store"): an <see cref="IParkingStore"/> over the primary and the
/// secondary store. Reads are the primary's; a fraction <see cref="DualWriteOptions.ShadowReadRate"/> of them is also read from the
/// secondary, after the primary's answer, and compared in canonical form (<see cref="CanonicalForm"/>): a mismatch is logged and counted,
/// never returned. Writes go to the primary (its answer or exception is the caller's), then the keys they touched are copied to the
/// secondary through the replication (<see cref="ISecondaryReplicator"/>): a failed copy is logged and counted and never fails the caller,
/// because the durable record (outbox row or stream record) is applied later.
/// </summary>
internal sealed partial class DualWriteParkingStore : IParkingStore
{
    private readonly IParkingStore _primary;
    private readonly IParkingStore _secondary;
    private readonly ISecondaryReplicator _replicator;
    private readonly CutoverTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Func<double> _sample;
    private readonly double _shadowReadRate;
    private readonly TimeSpan _shadowRecheckDelay;
    private readonly string _primaryName;
    private readonly string _secondaryName;

    /// <summary>Creates the store.</summary>
    /// <param name="primary">The primary store (serves reads, takes every write first).</param>
    /// <param name="secondary">The secondary store (shadow reads only; the replication writes it).</param>
    /// <param name="primaryKind">Which store is primary: <see cref="ParkingStoreKind.Postgres"/> or <see cref="ParkingStoreKind.DynamoDb"/>.</param>
    /// <param name="replicator">The replication of the current direction (primary → secondary).</param>
    /// <param name="options">The shadow read rate.</param>
    /// <param name="telemetry">The counters.</param>
    /// <param name="logger">The logger; none when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock that times the secondary copies; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="sample">Draws the shadow read sample, uniform in [0, 1); <see cref="Random.Shared"/> when <see langword="null"/> (tests pass their own).</param>
    public DualWriteParkingStore(
        IParkingStore primary,
        IParkingStore secondary,
        ParkingStoreKind primaryKind,
        ISecondaryReplicator replicator,
        DualWriteOptions options,
        CutoverTelemetry telemetry,
        ILogger? logger = null,
        TimeProvider? timeProvider = null,
        Func<double>? sample = null)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(secondary);
        ArgumentNullException.ThrowIfNull(replicator);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(telemetry);
        if (primaryKind is not (ParkingStoreKind.Postgres or ParkingStoreKind.DynamoDb))
        {
            throw new ArgumentOutOfRangeException(nameof(primaryKind), primaryKind, "The primary is Postgres or DynamoDb.");
        }

        _primary = primary;
        _secondary = secondary;
        _replicator = replicator;
        _telemetry = telemetry;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _sample = sample ?? Random.Shared.NextDouble;
        _shadowReadRate = options.ShadowReadRate;
        _shadowRecheckDelay = options.ShadowRecheckDelay;
        _primaryName = primaryKind.ToString();
        _secondaryName = (primaryKind == ParkingStoreKind.Postgres ? ParkingStoreKind.DynamoDb : ParkingStoreKind.Postgres).ToString();
    }

    /// <summary>The primary store.</summary>
    internal IParkingStore Primary => _primary;

    /// <summary>The secondary store.</summary>
    internal IParkingStore Secondary => _secondary;

    /// <summary>
    /// Reads from the primary; then, for a sampled fraction of reads, the same from the secondary, inline (the caller waits for it: bounded
    /// by the secondary's own request timeout, no background work left behind), compared in canonical form. Reads that continue a listing
    /// (a continuation token) are not shadowed: tokens belong to the store that issued them.
    /// </summary>
    private async ValueTask<T> ReadAsync<T>(string accessPattern, string arguments, Func<IParkingStore, ValueTask<T>> read, bool shadowable, CancellationToken cancellationToken)
    {
        var answer = await read(_primary).ConfigureAwait(false);
        if (shadowable && _shadowReadRate > 0 && _sample() < _shadowReadRate)
        {
            await ShadowAsync(accessPattern, arguments, answer, read, cancellationToken).ConfigureAwait(false);
        }

        return answer;
    }

    private Task<Page<T>> ReadPageAsync<T>(string accessPattern, string arguments, PageRequest page, Func<IParkingStore, Task<Page<T>>> read, CancellationToken cancellationToken) =>
        ReadAsync(accessPattern, arguments, s => new ValueTask<Page<T>>(read(s)), page.ContinuationToken is null, cancellationToken).AsTask();

    private async ValueTask ShadowAsync<T>(string accessPattern, string arguments, T answer, Func<IParkingStore, ValueTask<T>> read, CancellationToken cancellationToken)
    {
        T shadow;
        try
        {
            shadow = await read(_secondary).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return; // The caller gave up after its answer was computed; nothing was compared.
        }
        catch (Exception e)
        {
            _telemetry.ShadowRead(accessPattern);
            _telemetry.ShadowError(accessPattern);
            Log.ShadowReadFailed(_logger, e, accessPattern, arguments, _secondaryName);
            return;
        }

        _telemetry.ShadowRead(accessPattern);
        var difference = CanonicalForm.FirstDifference(CanonicalForm.Of(answer), CanonicalForm.Of(shadow));

        // A write that lands between the two reads (primary read before it, secondary read after its copy) makes them differ for a moment.
        // Read both again, later, before calling it a mismatch: a difference that has settled was in flight; one that stays is real.
        for (var recheck = 1; difference is not null && recheck <= DualWriteOptions.ShadowRechecks; recheck++)
        {
            try
            {
                await Task.Delay(_shadowRecheckDelay * (1 << (recheck - 1)), _time, cancellationToken).ConfigureAwait(false);
                // Settled when the secondary has caught up with the answer given, or with the primary's state by now (a key written
                // again meanwhile); a planted or lost difference matches neither.
                var secondaryAgain = CanonicalForm.Of(await read(_secondary).ConfigureAwait(false));
                difference = CanonicalForm.FirstDifference(CanonicalForm.Of(answer), secondaryAgain) is null
                    ? null
                    : CanonicalForm.FirstDifference(CanonicalForm.Of(await read(_primary).ConfigureAwait(false)), secondaryAgain);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return; // The caller gave up: not compared to the end.
            }
            catch (Exception e)
            {
                _telemetry.ShadowError(accessPattern);
                Log.ShadowReadFailed(_logger, e, accessPattern, arguments, _secondaryName);
                return;
            }

            if (difference is null)
            {
                Log.ShadowDifferenceSettled(_logger, accessPattern, arguments, recheck);
            }
        }

        if (difference is not null)
        {
            _telemetry.ShadowMismatch(accessPattern);
            Log.ShadowMismatch(_logger, accessPattern, arguments, difference.Value.Key, difference.Value.Reason, _primaryName);
        }
    }

    /// <summary>
    /// After a primary write succeeded: starts <c>cutover.primary_written</c> and copies the keys the write touched to the secondary. A
    /// failure (the secondary down or throttled, the caller's cancellation) is logged and counted, never thrown: the write's durable record
    /// stays and the applier copies it later.
    /// </summary>
    private async ValueTask CopyAsync(string operation, IReadOnlyList<ChangedKey> keys, CancellationToken cancellationToken)
    {
        // The tags are given at start, so a listener's ActivityStarted sees the operation (the ingestion worker's kill switch does).
        using var activity = CutoverTelemetry.ActivitySource.StartActivity(
            CutoverTelemetry.PrimaryWrittenActivity,
            ActivityKind.Internal,
            default(ActivityContext),
            [new(CutoverTelemetry.OperationTag, operation), new("keys", keys.Count)]);
        if (keys.Count == 0)
        {
            return;
        }

        var started = _time.GetTimestamp();
        try
        {
            await _replicator.CopyAsync(keys, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            _telemetry.SecondaryWriteFailed(operation);
            Log.SecondaryCopyFailed(_logger, e, operation, _primaryName, Describe(keys), (long)_time.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private async ValueTask<T> WriteAsync<T>(string operation, ValueTask<T> write, Func<T, IReadOnlyList<ChangedKey>> keys, CancellationToken cancellationToken)
    {
        var result = await write.ConfigureAwait(false);
        await CopyAsync(operation, keys(result), cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async ValueTask WriteAsync(string operation, ValueTask write, IReadOnlyList<ChangedKey> keys, CancellationToken cancellationToken)
    {
        await write.ConfigureAwait(false);
        await CopyAsync(operation, keys, cancellationToken).ConfigureAwait(false);
    }

    internal static string Describe(IReadOnlyList<ChangedKey> keys) =>
        string.Join(", ", keys.Select(k => k.Time is { } t
            ? string.Create(CultureInfo.InvariantCulture, $"{k.Type.Name()} {k.Id}@{t:O}")
            : $"{k.Type.Name()} {k.Id}"));

    private static ChangedKey Key(EntityType type, string id) => new(type, id);
}
