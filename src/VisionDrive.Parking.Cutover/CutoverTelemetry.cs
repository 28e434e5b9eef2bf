using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VisionDrive.Parking.Cutover;

/// <summary>
/// The cutover's metrics (meter <see cref="Name"/>) and activities (activity source <see cref="Name"/>), and this process's shadow counts.
/// One instance per container (its own <see cref="Meter"/>, disposed with it), so a listener can tell two containers apart.
/// </summary>
internal sealed class CutoverTelemetry : IDisposable
{
    /// <summary>The name of the meter and of the activity source, <c>VisionDrive.Parking.Cutover</c>.</summary>
    public const string Name = "VisionDrive.Parking.Cutover";

    /// <summary>The activity started after a primary write succeeded, before the secondary copy (a test kill switch listens to it).</summary>
    public const string PrimaryWrittenActivity = "cutover.primary_written";

    public const string ShadowReadsName = "vdp.cutover.shadow_reads";
    public const string ShadowMismatchesName = "vdp.cutover.shadow_mismatches";
    public const string ShadowErrorsName = "vdp.cutover.shadow_errors";
    public const string SecondaryWriteFailuresName = "vdp.cutover.secondary_write_failures";
    public const string PendingSecondaryWritesName = "vdp.cutover.pending_secondary_writes";

    /// <summary>The tag of the shadow counters: the access pattern read (e.g. <c>zone-with-bays</c>).</summary>
    public const string AccessPatternTag = "access_pattern";

    /// <summary>The tag of the write failure counter: the store operation (e.g. <c>RecordEvent</c>).</summary>
    public const string OperationTag = "operation";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> _shadowReads;
    private readonly Counter<long> _shadowMismatches;
    private readonly Counter<long> _shadowErrors;
    private readonly Counter<long> _secondaryWriteFailures;
    private readonly ISecondaryReplicator? _replicator;
    private long _shadowReadCount;
    private long _shadowMismatchCount;
    private long _pending;
    private int _refreshing;

    /// <summary>Creates the instruments.</summary>
    /// <param name="replicator">The replication of a dual write, whose pending count the gauge reports; <see langword="null"/> in a single-store phase (0).</param>
    public CutoverTelemetry(ISecondaryReplicator? replicator)
    {
        _replicator = replicator;
        Meter = new Meter(Name);
        _shadowReads = Meter.CreateCounter<long>(ShadowReadsName, "{read}", "Reads also served by the secondary and compared in canonical form.");
        _shadowMismatches = Meter.CreateCounter<long>(ShadowMismatchesName, "{read}", "Shadow reads whose two answers differed in canonical form.");
        _shadowErrors = Meter.CreateCounter<long>(ShadowErrorsName, "{read}", "Shadow reads the secondary failed to answer (not compared).");
        _secondaryWriteFailures = Meter.CreateCounter<long>(SecondaryWriteFailuresName, "{write}", "Secondary copies after a primary write that failed (left to the applier).");
        Meter.CreateObservableGauge(PendingSecondaryWritesName, ObservePending, "{write}", "Secondary writes recorded durably and not yet applied.");
    }

    /// <summary>This instance's meter.</summary>
    public Meter Meter { get; }

    /// <summary>Shadow reads made since start.</summary>
    public long ShadowReads => Interlocked.Read(ref _shadowReadCount);

    /// <summary>Shadow reads that mismatched since start.</summary>
    public long ShadowMismatches => Interlocked.Read(ref _shadowMismatchCount);

    public void ShadowRead(string accessPattern)
    {
        Interlocked.Increment(ref _shadowReadCount);
        _shadowReads.Add(1, new KeyValuePair<string, object?>(AccessPatternTag, accessPattern));
    }

    public void ShadowMismatch(string accessPattern)
    {
        Interlocked.Increment(ref _shadowMismatchCount);
        _shadowMismatches.Add(1, new KeyValuePair<string, object?>(AccessPatternTag, accessPattern));
    }

    public void ShadowError(string accessPattern) => _shadowErrors.Add(1, new KeyValuePair<string, object?>(AccessPatternTag, accessPattern));

    public void SecondaryWriteFailed(string operation) => _secondaryWriteFailures.Add(1, new KeyValuePair<string, object?>(OperationTag, operation));

    /// <summary>Reads the pending count from the replication (and remembers it for the gauge).</summary>
    public async ValueTask<long> ReadPendingAsync(CancellationToken cancellationToken)
    {
        if (_replicator is null)
        {
            return 0;
        }

        var pending = await _replicator.PendingAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _pending, pending);
        return pending;
    }

    public void Dispose() => Meter.Dispose();

    /// <summary>
    /// The gauge never blocks the collecting thread on a database: it reports the last count read and starts a refresh (one at a time),
    /// so the value is at most one collection interval old.
    /// </summary>
    private long ObservePending()
    {
        if (_replicator is not null && Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
        {
            _ = RefreshAsync();
        }

        return Interlocked.Read(ref _pending);
    }

    private async Task RefreshAsync()
    {
        try
        {
            await ReadPendingAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The last value stays; GetStatusAsync reports the failure to its caller.
        }
        finally
        {
            Interlocked.Exchange(ref _refreshing, 0);
        }
    }
}
