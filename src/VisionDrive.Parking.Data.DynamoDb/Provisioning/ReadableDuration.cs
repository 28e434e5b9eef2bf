namespace VisionDrive.Parking.Data.DynamoDb.Provisioning;

/// <summary>Durations for people: <c>0.2 ms</c>, <c>350 ms</c>, <c>4.2 s</c>, <c>2 min 5 s</c> (not <c>00:00:00.0002484</c>).</summary>
internal static class ReadableDuration
{
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        var ci = CultureInfo.InvariantCulture;
        if (duration < TimeSpan.FromMilliseconds(10))
        {
            return duration.TotalMilliseconds.ToString("0.0", ci) + " ms";
        }

        if (duration < TimeSpan.FromSeconds(1))
        {
            return duration.TotalMilliseconds.ToString("0", ci) + " ms";
        }

        if (duration < TimeSpan.FromMinutes(1))
        {
            return duration.TotalSeconds.ToString("0.0", ci) + " s";
        }

        var minutes = (long)duration.TotalMinutes;
        return string.Create(ci, $"{minutes} min {duration.Seconds} s");
    }
}
