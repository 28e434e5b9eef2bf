using System;
using System.Threading.Tasks;
using VisionDrive.Parking.Data.Postgres.Internal;
using Xunit.Abstractions;

namespace VisionDrive.Parking.Data.Postgres.Tests;

public sealed class ScaleStreamingTests(ScaleDatabase db, ITestOutputHelper output) : IClassFixture<ScaleDatabase>
{
    [Theory]
    [InlineData("SingleQuery")]
    [InlineData("Keyset")]
    [InlineData("BinaryCopy")]
    public async Task Streaming_a_large_table_keeps_memory_bounded(string strategyName)
    {
        var strategy = Enum.Parse<SourceReadStrategy>(strategyName);
        db.Summary.Events.Should().Be(ScaleDatabase.Events);
        var reader = new ParkingSourceReader(db.DataSource) { EventStrategy = strategy };
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long maxGrowth = 0;
        long count = 0;
        long decodedBytes = 0;
        string? previous = null;
        await foreach (var row in reader.ReadEventsAsync(new SourceReadOptions { PageSize = 2000 }))
        {
            row.Entity.Should().NotBeNull();
            decodedBytes += row.Entity!.Decoded!.Raw.Length * 2L + row.Entity.Id.Length * 2L + row.Key.Length * 2L;
            if (previous is not null && string.CompareOrdinal(previous, row.Key) >= 0)
            {
                throw new InvalidOperationException($"keys out of order: {previous} then {row.Key}");
            }

            previous = row.Key;
            if (++count % 25_000 == 0)
            {
                maxGrowth = Math.Max(maxGrowth, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }

        count.Should().Be(ScaleDatabase.Events);
        reader.MaxRowsHeld.Should().Be(1, "rows are mapped and yielded one at a time, never buffered");
        output.WriteLine($"{strategy}: {count} rows, ~{decodedBytes / 1024 / 1024} MB of strings streamed, max managed heap growth {maxGrowth / 1024} KB");
        maxGrowth.Should().BeLessThan(16 * 1024 * 1024, "memory must not grow with the table");
        decodedBytes.Should().BeGreaterThan(2 * 16 * 1024 * 1024, "the data streamed is far larger than the bound, so the bound means something");
    }
}
