using System;
using System.Diagnostics;
using System.Threading;

namespace VisionDrive.Parking.Migration.MacroBenchmark;

/// <summary>Samples this process's working set every 100 ms; the peak is the larger of the samples and <see cref="Process.PeakWorkingSet64"/>.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public MemorySampler()
    {
        _timer = new Timer(_ => Sample(), null, 0, 100);
    }

    public long PeakBytes
    {
        get
        {
            Sample();
            using var p = Process.GetCurrentProcess();
            return Math.Max(Interlocked.Read(ref _peak), p.PeakWorkingSet64);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var ws = Environment.WorkingSet;
        long current;
        while (ws > (current = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, ws, current) != current)
        {
        }
    }
}
