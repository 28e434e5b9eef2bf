using System;
using System.Globalization;
using System.IO;
using System.Threading;

namespace VisionDrive.Parking.Migration.MacroBenchmark;

/// <summary>Samples DynamoDB Local's JVM (<c>VDP_DYNAMODB_PID</c>): RSS from <c>/proc/PID/status</c> and CPU time from <c>/proc/PID/stat</c>.</summary>
internal sealed class JavaSampler : IDisposable
{
    private readonly int _pid;
    private readonly Timer _timer;
    private readonly double _cpuStart;
    private long _peakRss;

    public JavaSampler()
    {
        _pid = int.TryParse(Environment.GetEnvironmentVariable("VDP_DYNAMODB_PID"), out var pid) ? pid : 0;
        _cpuStart = CpuSeconds(_pid);
        _timer = new Timer(_ => _peakRss = Math.Max(_peakRss, RssBytes(_pid)), null, 0, 200);
    }

    public long PeakRssBytes => Math.Max(_peakRss, RssBytes(_pid));

    public double CpuSecondsSinceStart => CpuSeconds(_pid) - _cpuStart;

    public void Dispose() => _timer.Dispose();

    public static long RssBytes(int pid)
    {
        if (pid == 0)
        {
            return 0;
        }

        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    private static double CpuSeconds(int pid)
    {
        if (pid == 0)
        {
            return 0;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is field 3 (state): utime is field 14, stime field 15; clock ticks of 1/100 s.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
