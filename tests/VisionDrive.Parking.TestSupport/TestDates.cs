using System;
using System.Globalization;

namespace VisionDrive.Parking.TestSupport;

/// <summary>
/// The generated datasets (<c>guide</c>, <c>scale:N</c>, <c>dirty</c>) are dated January 2026. With the default retention of 400 days their
/// events would be refused as already expired from February 2027 on (the expired-TTL guard, by design), so tests that migrate them use a
/// retention counted from today: the oldest event keeps at least 400 days, whatever the date the tests run. It moves in steps of a year (so
/// it is the same for a run and its rerun: the checkpoint refuses a rerun with another retention) and is computed once per test process.
/// </summary>
public static class TestDates
{
    private static readonly DateTimeOffset DatasetStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>400 days plus the days since the datasets' first day, rounded up to whole years of 365 days.</summary>
    /// <remarks>Computed once per test process, so a run and its rerun in one test never disagree.</remarks>
    public static readonly int DatasetRetentionDays = 400 + (365 * Math.Max(0, (int)Math.Ceiling((DateTimeOffset.UtcNow - DatasetStart).TotalDays / 365)));

    /// <summary><see cref="DatasetRetentionDays"/> as a span, for <c>MigrationOptions.EventRetention</c>.</summary>
    public static TimeSpan DatasetRetention => TimeSpan.FromDays(DatasetRetentionDays);

    /// <summary><see cref="DatasetRetentionDays"/> for <c>VDP_RETENTION_DAYS</c> (the CLI's --retention-days default).</summary>
    public static string DatasetRetentionDaysText => DatasetRetentionDays.ToString(CultureInfo.InvariantCulture);
}
