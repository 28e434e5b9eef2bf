using System;
using VisionDrive.Parking.Data;

namespace VisionDrive.Parking.Cutover.Replication;

/// <summary>
/// The key of one entity a write touched: what the replication copies from the primary to the secondary (state-based: the
/// primary's current state of the key, or its absence). <paramref name="Time"/> is set for events only, whose key is (id, time).
/// </summary>
internal readonly record struct ChangedKey(EntityType Type, string Id, DateTimeOffset? Time = null);
