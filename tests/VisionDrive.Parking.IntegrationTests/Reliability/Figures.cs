using System;
using System.IO;
using System.Text.Json;
using Xunit.Abstractions;

namespace VisionDrive.Parking.IntegrationTests.Reliability;

/// <summary>
/// The figures of a fault test (items, retries, duration), printed to the test output and appended as one JSON line to
/// <c>$VDP_RELIABILITY_FIGURES</c> (default: <c>vdp-reliability-figures.jsonl</c> in the temp folder); docs/reliability.md quotes them.
/// </summary>
internal static class Figures
{
    private static readonly object Gate = new();

    public static void Record(ITestOutputHelper output, string test, object figures)
    {
        var line = JsonSerializer.Serialize(new { test, at = DateTimeOffset.UtcNow, figures });
        output.WriteLine(line);
        var path = Environment.GetEnvironmentVariable("VDP_RELIABILITY_FIGURES") is { Length: > 0 } p
            ? p
            : Path.Combine(Path.GetTempPath(), "vdp-reliability-figures.jsonl");
        lock (Gate)
        {
            File.AppendAllText(path, line + "\n");
        }
    }
}
