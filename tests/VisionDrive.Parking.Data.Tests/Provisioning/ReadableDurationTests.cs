using System;
using VisionDrive.Parking.Data.DynamoDb.Provisioning;

namespace VisionDrive.Parking.Data.Tests.Provisioning;

public sealed class ReadableDurationTests
{
    [Theory]
    [InlineData(2_484, "0.2 ms")]
    [InlineData(95_000, "9.5 ms")]
    [InlineData(3_504_000, "350 ms")]
    [InlineData(42_000_000, "4.2 s")]
    [InlineData(1_250_000_000, "2 min 5 s")]
    [InlineData(0, "0.0 ms")]
    public void Durations_read_in_the_unit_that_fits(long ticks, string expected) =>
        ReadableDuration.Format(TimeSpan.FromTicks(ticks)).Should().Be(expected);
}
