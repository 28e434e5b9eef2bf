using System.Collections.Concurrent;

namespace VisionDrive.Parking.Cutover.Replication;

/// <summary>
/// What the DynamoDB → PostgreSQL direction holds pending, shared by <see cref="DynamoDbToPostgresReplicator"/> (direct copies) and
/// <see cref="StreamApplier"/> (the stream). Pending = stream records read and not applied + direct copies that failed (or could not be made,
/// such as an event whose sensor the caller did not give) and are not yet confirmed + 1 while the applier has not caught up with the stream
/// since it started. A failed direct copy is confirmed by the applier once a poll that started after the failure has read every shard to its end:
/// the applier then copies the key again (its current DynamoDB state) or, for a key it cannot read, relies on the stream records it applied.
/// So at the end of a quiet period (no writes, both stores up, one poll interval) it is 0. Per process, in memory: the stream itself is the
/// durable record of the changes, and the checkpoints in <c>vdp_stream_checkpoint</c> say how far it was applied.
/// </summary>
internal sealed class StreamReplicationState
{
    private readonly ConcurrentDictionary<ChangedKey, (ChangedKey Key, long Generation)> _unconfirmed = new();
    private long _unapplied;
    private long _generation;
    private int _caughtUp;

    /// <summary>The number of secondary writes not yet applied or confirmed.</summary>
    public long Pending => Interlocked.Read(ref _unapplied) + _unconfirmed.Count + (Volatile.Read(ref _caughtUp) == 0 ? 1 : 0);

    /// <summary>Stream records read and not applied (set by the applier per page).</summary>
    public long Unapplied => Interlocked.Read(ref _unapplied);

    public bool CaughtUp => Volatile.Read(ref _caughtUp) != 0;

    public void SetUnapplied(long count) => Interlocked.Exchange(ref _unapplied, count);

    /// <summary>A direct copy of <paramref name="key"/> failed or could not be made; it stays pending until confirmed.</summary>
    public void AddUnconfirmed(ChangedKey key) => _unconfirmed[key] = (key, Interlocked.Read(ref _generation));

    /// <summary>A later direct copy of <paramref name="key"/> succeeded.</summary>
    public void Confirm(ChangedKey key) => _unconfirmed.TryRemove(key, out _);

    /// <summary>The unconfirmed keys and the poll generation each was added in.</summary>
    public ConcurrentDictionary<ChangedKey, (ChangedKey Key, long Generation)> Unconfirmed => _unconfirmed;

    /// <summary>A poll starts: its generation (keys added from now on need a later poll to be confirmed).</summary>
    public long BeginPoll() => Interlocked.Increment(ref _generation);

    /// <summary>The last poll read every shard to its end, or did not.</summary>
    public void SetCaughtUp(bool caughtUp) => Volatile.Write(ref _caughtUp, caughtUp ? 1 : 0);
}
