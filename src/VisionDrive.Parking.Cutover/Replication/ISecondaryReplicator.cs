namespace VisionDrive.Parking.Cutover.Replication;

/// <summary>
/// One direction of the replication (PostgreSQL → DynamoDB through the outbox, DynamoDB → PostgreSQL through the stream):
/// copies the primary's current state of keys to the secondary, applying only what is newer, and tells what is still pending.
/// </summary>
internal interface ISecondaryReplicator
{
    /// <summary>
    /// Copies the primary's state of <paramref name="keys"/> to the secondary now (after a primary write). Throws when the
    /// secondary cannot be written; the durable record (outbox row or stream record) stays and is applied later.
    /// </summary>
    ValueTask CopyAsync(IReadOnlyList<ChangedKey> keys, CancellationToken cancellationToken);

    /// <summary>The number of secondary writes recorded durably and not yet applied.</summary>
    ValueTask<long> PendingAsync(CancellationToken cancellationToken);
}
