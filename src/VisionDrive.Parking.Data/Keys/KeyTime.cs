using System.Globalization;

namespace VisionDrive.Parking.Data.Keys;

/// <summary>
/// The one timestamp format used in keys: fixed-width UTC <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c> (microseconds, as the source stores them),
/// so that string order equals time order.
/// </summary>
public static class KeyTime
{
    /// <summary>The format string.</summary>
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>The length of every formatted timestamp (27).</summary>
    public const int Length = 27;

    /// <summary>Formats <paramref name="time"/> in UTC with microsecond precision (sub-microsecond ticks are truncated).</summary>
    /// <param name="time">The time.</param>
    /// <returns>e.g. <c>2026-01-12T10:30:00.000000Z</c>.</returns>
    public static string ToKey(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return string.Create(Length, utc, static (span, t) =>
        {
            Write4(span, t.Year);
            span[4] = '-';
            Write2(span[5..], t.Month);
            span[7] = '-';
            Write2(span[8..], t.Day);
            span[10] = 'T';
            Write2(span[11..], t.Hour);
            span[13] = ':';
            Write2(span[14..], t.Minute);
            span[16] = ':';
            Write2(span[17..], t.Second);
            span[19] = '.';
            var micros = (int)(t.Ticks % TimeSpan.TicksPerSecond / 10);
            for (var i = 25; i >= 20; i--)
            {
                span[i] = (char)('0' + (micros % 10));
                micros /= 10;
            }

            span[26] = 'Z';
        });
    }

    /// <summary>The UTC day of <paramref name="time"/> as <c>yyyy-MM-dd</c>, used to bucket a tenant's events.</summary>
    /// <param name="time">The time.</param>
    /// <returns>e.g. <c>2026-01-12</c>.</returns>
    public static string ToDay(DateTimeOffset time) => ToDay(DateOnly.FromDateTime(time.UtcDateTime));

    /// <summary>Formats a UTC day as <c>yyyy-MM-dd</c>.</summary>
    /// <param name="day">The day.</param>
    /// <returns>e.g. <c>2026-01-12</c>.</returns>
    public static string ToDay(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Parses a timestamp written by <see cref="ToKey"/>.</summary>
    /// <param name="value">The text.</param>
    /// <param name="time">The time, in UTC, when the result is <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is in the key format.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, out DateTimeOffset time)
    {
        if (value.Length == Length
            && DateTime.TryParseExact(value, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dt))
        {
            time = new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc));
            return true;
        }

        time = default;
        return false;
    }

    /// <summary>Truncates <paramref name="time"/> to microseconds, the precision of the source and of keys.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The same instant in UTC without sub-microsecond ticks.</returns>
    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }

    private static void Write2(Span<char> span, int value)
    {
        span[0] = (char)('0' + (value / 10));
        span[1] = (char)('0' + (value % 10));
    }

    private static void Write4(Span<char> span, int value)
    {
        span[0] = (char)('0' + (value / 1000));
        span[1] = (char)('0' + (value / 100 % 10));
        span[2] = (char)('0' + (value / 10 % 10));
        span[3] = (char)('0' + (value % 10));
    }
}
