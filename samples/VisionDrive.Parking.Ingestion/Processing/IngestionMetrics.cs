using System.Threading;

namespace VisionDrive.Parking.Ingestion.Processing;

/// <summary>Counters of the worker since it started (for logs, a metrics exporter, and the tests).</summary>
public sealed class IngestionMetrics
{
    private long _received;
    private long _recorded;
    private long _duplicates;
    private long _deadLettered;
    private long _retries;
    private long _connects;

    public long Received => Interlocked.Read(ref _received);

    /// <summary>Uplinks that wrote a new event.</summary>
    public long Recorded => Interlocked.Read(ref _recorded);

    /// <summary>Uplinks whose event was already recorded (redeliveries): nothing written.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Store or broker operations retried after a failure.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Successful connections to the broker (the first one, then one per reconnect).</summary>
    public long Connects => Interlocked.Read(ref _connects);

    internal void OnReceived() => Interlocked.Increment(ref _received);

    internal void OnRecorded(bool created) => Interlocked.Increment(ref created ? ref _recorded : ref _duplicates);

    internal void OnDeadLettered() => Interlocked.Increment(ref _deadLettered);

    internal void OnRetry() => Interlocked.Increment(ref _retries);

    internal void OnConnected() => Interlocked.Increment(ref _connects);
}
