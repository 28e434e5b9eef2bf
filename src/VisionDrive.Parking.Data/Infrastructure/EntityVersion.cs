using VisionDrive.Parking.Data.Keys;

namespace VisionDrive.Parking.Data.Infrastructure;

/// <summary>
/// The version of an entity is its <c>UpdatedAt</c> (microseconds, the source schema's column): every write through a store sets it to
/// <c>max(now, previous + 1 µs)</c>, so it strictly increases per entity even when the clock stands still or goes back.
/// </summary>
/// <remarks>Public for the two store packages (so mixing package versions cannot fail at run time), hidden from IntelliSense; not a stable API.</remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class EntityVersion
{
    private const long TicksPerMicrosecond = 10;

    /// <summary>The version of a created entity: now, truncated to microseconds.</summary>
    public static DateTimeOffset First(TimeProvider clock) => KeyTime.TruncateToMicroseconds(clock.GetUtcNow());

    /// <summary>The version after <paramref name="previous"/>.</summary>
    public static DateTimeOffset Next(DateTimeOffset previous, TimeProvider clock)
    {
        var now = First(clock);
        var after = KeyTime.TruncateToMicroseconds(previous).AddTicks(TicksPerMicrosecond);
        return now > after ? now : after;
    }

    /// <summary>Whether two versions are the same (compared at microsecond precision, as both stores hold them).</summary>
    public static bool Same(DateTimeOffset a, DateTimeOffset b) => KeyTime.TruncateToMicroseconds(a).UtcTicks == KeyTime.TruncateToMicroseconds(b).UtcTicks;
}
