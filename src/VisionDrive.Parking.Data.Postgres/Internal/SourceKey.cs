namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>Source ordering keys: ids, and <c>time|id</c> for events.</summary>
internal static class SourceKey
{
    public const string Infinity = "infinity";
    public const string NegativeInfinity = "-infinity";

    public static string EventKey(string timeKey, string id) => timeKey + "|" + id;

    /// <summary>Parses <c>time|id</c>; the time as a UTC <see cref="DateTime"/> where ±infinity is <see cref="DateTime.MaxValue"/>/<see cref="DateTime.MinValue"/> (Npgsql sends those as ±infinity).</summary>
    public static bool TryParseEventKey(string key, out DateTime time, out string id)
    {
        time = default;
        id = "";
        var bar = key.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0)
        {
            return false;
        }

        var timePart = key.AsSpan(0, bar);
        id = key[(bar + 1)..];
        if (timePart.SequenceEqual(Infinity))
        {
            time = DateTime.MaxValue;
            return true;
        }

        if (timePart.SequenceEqual(NegativeInfinity))
        {
            time = DateTime.MinValue;
            return true;
        }

        if (KeyTime.TryParse(timePart, out var t))
        {
            time = t.UtcDateTime;
            return true;
        }

        return false;
    }
}
