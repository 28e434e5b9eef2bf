using System;
using System.Globalization;

namespace VisionDrive.Parking.Samples.Tests.Support;

/// <summary>The guide's sensors as the uplink tests address them, and the uplink time format.</summary>
public static class Uplinks
{
    /// <summary>The DevEUI of guide sensor <c>PSL01B-nnn</c> (A840410001812345 for 1, one more for each next one).</summary>
    public static string DevEuiOf(int n) => (0xA840410001812345UL + (ulong)(n - 1)).ToString("X16", CultureInfo.InvariantCulture);

    /// <summary>The id of guide sensor n: <c>PSL01B-nnn</c>.</summary>
    public static string SensorId(int n) => "PSL01B-" + n.ToString("000", CultureInfo.InvariantCulture);

    /// <summary>An uplink's <c>receivedAt</c>: ISO 8601 UTC with microseconds.</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
