using System;
using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace VisionDrive.Parking.Data.Benchmarks.Keys;

/// <content>Baseline: straightforward string code producing the same keys.</content>
public partial class KeyBenchmarks
{
    private static string Escape(string s) => s.Replace("%", "%25", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal);

    [Benchmark(Baseline = true, Description = "Naive strings"), BenchmarkCategory("Build event keys")]
    public (string, string, string) Build_Naive()
    {
        var utc = _event.Time.UtcDateTime;
        return ("SENSOR#" + Escape(_event.SensorId),
            "EVENT#" + utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture) + "#" + Escape(_event.Id),
            "TENANT#" + Escape(_event.TenantId) + "#EVENTS#" + utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    [Benchmark(Baseline = true, Description = "Naive strings"), BenchmarkCategory("Parse event key")]
    public (string, DateTimeOffset, string) Parse_Naive()
    {
        var pk = _pk.Split('#');
        var sk = _sk.Split('#');
        var time = DateTimeOffset.ParseExact(sk[1], "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return (Uri.UnescapeDataString(pk[1]), time, Uri.UnescapeDataString(sk[2]));
    }
}
