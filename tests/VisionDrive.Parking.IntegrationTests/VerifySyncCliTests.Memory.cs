using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;

namespace VisionDrive.Parking.IntegrationTests;

public sealed partial class VerifySyncCliTests
{
    /// <summary>
    /// The large difference: 40,000 events by default, what fits in about two minutes on the shared 2-core machine (200,000, the issue's
    /// figure, took over 8 minutes there under load; its figures are in docs/scale.md); <c>VDP_TEST_SYNC_LARGE_DIFF=200000</c> runs it.
    /// </summary>
    private static int LargeDifference =>
        int.TryParse(Environment.GetEnvironmentVariable("VDP_TEST_SYNC_LARGE_DIFF"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 4_000
            ? n
            : 40_000;

    /// <summary>
    /// What the large run may use beyond the small one: the comparison's buffers are bounded by <c>DiffSpill.BufferBytes</c> (8 MiB) per
    /// sorter, one per scan segment (4) and one for the source and one for unclaimed items (48 MiB at most), plus the file buffers of the
    /// merge (64 KiB per run); the small run fills part of them (its 2,000 changed events make about 1,500 of the 4,096 key buckets differ).
    /// 64 MiB covers the buffers and the GC's slack; holding 200,000 differing events (as the comparison did before) takes hundreds of MiB.
    /// </summary>
    private const long AllowedGrowthBytes = 64L << 20;

    [Fact]
    public async Task Sync_memory_stays_within_the_same_bound_for_2000_and_many_more_differing_events()
    {
        var large = LargeDifference;
        const int small = 2_000;
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "scale:" + large.ToString(CultureInfo.InvariantCulture))).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);

        // Large: the table is empty, so every event (and every other item) is missing and put.
        var bigReport = Path.Combine(w.Folder, "sync-large.json");
        var big = await w.VdpAsync(TimeSpan.FromMinutes(20), "sync", "--table", w.Table, "--state-dir", w.StateDir, "--report", bigReport);
        big.ExitCode.Should().Be(0, big.All);
        var (bigPeak, bigPuts) = PeakAndEventPuts(bigReport);
        bigPuts.Should().Be(large);

        // Small: 2,000 events change in the source (their decoded payload), so 2,000 events differ.
        await w.ExecuteSqlAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"UPDATE sensor_events SET decoded = coalesce(decoded, '{{}}'::jsonb) || '{{\"syncMemoryTest\": 1}}'::jsonb WHERE id IN (SELECT id FROM sensor_events ORDER BY id LIMIT {small})"));
        var smallReport = Path.Combine(w.Folder, "sync-small.json");
        var little = await w.VdpAsync(TimeSpan.FromMinutes(4), "sync", "--dry-run", "--table", w.Table, "--state-dir", w.StateDir, "--report", smallReport);
        little.ExitCode.Should().Be(0, little.All);
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(smallReport)))
        {
            var events = json.RootElement.GetProperty("entities").GetProperty("EVENT");
            events.GetProperty("differentCount").GetInt64().Should().Be(small);
            events.GetProperty("different").GetArrayLength().Should().Be(100, "the report lists the first MaxListedDifferences keys");
            events.GetProperty("differencesTruncated").GetBoolean().Should().BeTrue();
        }

        little.StdOut.Should().Contain("more EVENT keys differ");
        var applied = await w.VdpAsync(TimeSpan.FromMinutes(4), "sync", "--table", w.Table, "--state-dir", w.StateDir, "--report", smallReport);
        applied.ExitCode.Should().Be(0, applied.All);
        var (smallPeak, smallPuts) = PeakAndEventPuts(smallReport);
        smallPuts.Should().Be(small);

        var verifyReport = Path.Combine(w.Folder, "verify.json");
        var verify = await w.VdpAsync(TimeSpan.FromMinutes(4), "verify", "--table", w.Table, "--report", verifyReport);
        verify.ExitCode.Should().Be(0, verify.All);
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(verifyReport)))
        {
            json.RootElement.GetProperty("verified").GetBoolean().Should().BeTrue();
            json.RootElement.GetProperty("peakWorkingSetBytes").GetInt64().Should().BePositive();
        }

        _output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"sync peak working set: {small} differing events {smallPeak / 1048576.0:F1} MiB, {large} differing events {bigPeak / 1048576.0:F1} MiB"));
        bigPeak.Should().BeLessThanOrEqualTo(smallPeak + AllowedGrowthBytes, $"memory must not grow with the difference (small run: {smallPeak} bytes)");
    }

    private static (long Peak, long EventPuts) PeakAndEventPuts(string reportPath)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(reportPath));
        json.RootElement.GetProperty("verified").GetBoolean().Should().BeTrue("sync verifies after applying");
        return (json.RootElement.GetProperty("peakWorkingSetBytes").GetInt64(), json.RootElement.GetProperty("syncPuts").GetProperty("EVENT").GetInt64());
    }
}
