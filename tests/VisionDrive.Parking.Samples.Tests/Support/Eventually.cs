using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace VisionDrive.Parking.Samples.Tests.Support;

public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds or <paramref name="timeout"/> passes; returns whether it held.</summary>
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(100);
        }
    }
}
