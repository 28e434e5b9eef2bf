using System;
using System.Linq;
using VisionDrive.Parking.Data.Keys;

namespace VisionDrive.Parking.Data.Tests.Keys;

public class KeyTimeTests
{
    [Fact]
    public void Formats_fixed_width_utc_with_microseconds()
    {
        var t = new DateTimeOffset(2026, 1, 12, 14, 30, 0, TimeSpan.FromHours(4)).AddTicks(5);
        KeyTime.ToKey(t).Should().Be("2026-01-12T10:30:00.000000Z");
        KeyTime.ToKey(new DateTimeOffset(2026, 1, 12, 10, 30, 0, TimeSpan.Zero).AddTicks(1234567)).Should().Be("2026-01-12T10:30:00.123456Z");
        KeyTime.ToKey(DateTimeOffset.MinValue).Should().Be("0001-01-01T00:00:00.000000Z");
        KeyTime.ToKey(DateTimeOffset.MaxValue).Should().Be("9999-12-31T23:59:59.999999Z");
        KeyTime.ToKey(t).Should().HaveLength(KeyTime.Length);
    }

    [Fact]
    public void Parse_round_trips_every_microsecond_value()
    {
        var start = new DateTimeOffset(2025, 12, 31, 23, 59, 59, TimeSpan.Zero);
        foreach (var micros in new[] { 0, 1, 9, 10, 99_999, 100_000, 500_000, 999_999 })
        {
            var t = start.AddTicks(micros * 10L);
            KeyTime.TryParse(KeyTime.ToKey(t), out var back).Should().BeTrue();
            back.Should().Be(t);
            back.Offset.Should().Be(TimeSpan.Zero);
        }
    }

    [Theory]
    [InlineData("2026-01-12T10:30:00Z")]
    [InlineData("2026-01-12T10:30:00.12345Z")]
    [InlineData("2026-01-12 10:30:00.123456Z")]
    [InlineData("2026-13-12T10:30:00.123456Z")]
    [InlineData("")]
    public void Parse_rejects_other_formats(string text) => KeyTime.TryParse(text, out _).Should().BeFalse();

    [Fact]
    public void Truncates_sub_microsecond_ticks()
    {
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(4)).AddTicks(17);
        KeyTime.TruncateToMicroseconds(t).Should().Be(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(4)).AddTicks(10));
    }

    [Fact]
    public void Event_keys_sort_in_time_order_across_a_year_boundary()
    {
        var times = new[]
        {
            new DateTimeOffset(2025, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990),
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(10),
            new DateTimeOffset(2025, 12, 31, 23, 59, 59, TimeSpan.Zero),
            new DateTimeOffset(2026, 1, 1, 3, 59, 0, TimeSpan.FromHours(4)), // 2025-12-31T23:59Z
            new DateTimeOffset(2024, 12, 31, 23, 0, 0, TimeSpan.Zero),
        };
        AssertKeyOrderEqualsTimeOrder(times);
    }

    [Fact]
    public void Event_keys_sort_in_time_order_around_midnight_including_whole_and_fractional_seconds()
    {
        var midnight = new DateTimeOffset(2026, 1, 12, 0, 0, 0, TimeSpan.Zero);
        var times = new[]
        {
            midnight,
            midnight.AddTicks(-10),
            midnight.AddTicks(10),
            midnight.AddMilliseconds(100),
            midnight.AddMilliseconds(500),
            midnight.AddSeconds(1),
            midnight.AddSeconds(-1),
            midnight.AddHours(-1),
            midnight.AddMilliseconds(123),
        };
        AssertKeyOrderEqualsTimeOrder(times);
    }

    [Fact]
    public void Events_at_the_same_microsecond_are_distinct_and_ordered_by_id()
    {
        var t = new DateTimeOffset(2026, 1, 12, 10, 30, 0, TimeSpan.Zero).AddTicks(10);
        var keys = new[] { "ev-b", "ev-a", "ev-c" }.Select(id => ParkingKeys.EventSort(t, id)).ToArray();
        keys.Should().OnlyHaveUniqueItems();
        keys.OrderBy(k => k, StringComparer.Ordinal).Should().Equal(
            ParkingKeys.EventSort(t, "ev-a"), ParkingKeys.EventSort(t, "ev-b"), ParkingKeys.EventSort(t, "ev-c"));

        // And a later microsecond always sorts after, whatever the ids.
        string.CompareOrdinal(ParkingKeys.EventSort(t, "zzzz"), ParkingKeys.EventSort(t.AddTicks(10), "0")).Should().BeLessThan(0);
    }

    private static void AssertKeyOrderEqualsTimeOrder(DateTimeOffset[] times)
    {
        var byKey = times.OrderBy(t => ParkingKeys.EventSort(t, "id"), StringComparer.Ordinal).ToArray();
        var byTime = times.OrderBy(t => t.UtcTicks).ToArray();
        byKey.Should().Equal(byTime);
        var byRawKey = times.OrderBy(KeyTime.ToKey, StringComparer.Ordinal).ToArray();
        byRawKey.Should().Equal(byTime);
    }
}
