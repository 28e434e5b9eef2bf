namespace VisionDrive.Parking.Cutover.Replication;

/// <summary>
/// The key of one entity a write touched: what the replication copies from the primary to the secondary (state-based: the
/// primary's current state of the key, or its absence). <paramref name="Time"/> is set for events only, whose key is (id, time).
/// </summary>
internal readonly record struct ChangedKey(EntityType Type, string Id, DateTimeOffset? Time = null)
{
    /// <summary>
    /// For events only, optional: the event's sensor. DynamoDB keys an event item by its sensor (<c>PK=SENSOR#&lt;sensorId&gt;</c>), so a
    /// direct copy from DynamoDB to PostgreSQL reads an event only when it is set; without it the stream carries the event (and the key
    /// counts as pending until the stream applier has caught up). Not part of the key's identity: equality ignores it.
    /// </summary>
    public string? SensorId { get; init; }

    /// <summary>Equal when type, id and time are (the sensor of an event is not part of its key).</summary>
    public bool Equals(ChangedKey other) => Type == other.Type && Id == other.Id && Time == other.Time;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, Id, Time);
}
