using System;
using System.Collections.Generic;
using System.Linq;
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
        // What the reader holds, measured: weak references to rows it yielded (the last 64 before each check, and every 500th); after a full
        // collection, any of them still alive other than the current row is held by the reader (the test keeps none).
        var yielded = new List<WeakReference>();
        var recent = new Queue<WeakReference>();
        var maxHeld = 0;
        await foreach (var row in reader.ReadEventsAsync(new SourceReadOptions { PageSize = 2000 }))
        {
            row.Entity.Should().NotBeNull();
            decodedBytes += row.Entity!.Decoded!.Raw.Length * 2L + row.Entity.Id.Length * 2L + row.Key.Length * 2L;
            if (previous is not null && string.CompareOrdinal(previous, row.Key) >= 0)
            {
                throw new InvalidOperationException($"keys out of order: {previous} then {row.Key}");
            }

            previous = row.Key;
            var reference = new WeakReference(row.Entity);
            recent.Enqueue(reference);
            if (recent.Count > 64)
            {
                recent.Dequeue();
            }

            if (count % 500 == 0)
            {
                yielded.Add(reference);
            }

            if (++count % 25_000 == 0)
            {
                maxGrowth = Math.Max(maxGrowth, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                maxHeld = Math.Max(maxHeld, HeldOtherThan(row.Entity, yielded.Concat(recent)));
                yielded.Clear();
                recent.Clear();
            }
        }

        count.Should().Be(ScaleDatabase.Events);
        // At most one: a local hoisted into an async iterator's state machine can keep the row before the current one alive until it is
        // overwritten (seen once in a CI run on the keyset path); a reader that buffered a page would hold every one of the 64 recent rows.
        maxHeld.Should().BeLessThanOrEqualTo(1, "rows are mapped and yielded one at a time, never buffered: the reader holds no page of rows it already yielded");
        output.WriteLine($"{strategy}: {count} rows, at most {maxHeld} yielded rows still held by the reader, ~{decodedBytes / 1024 / 1024} MB of strings streamed, max managed heap growth {maxGrowth / 1024} KB");
        maxGrowth.Should().BeLessThan(16 * 1024 * 1024, "memory must not grow with the table");
        decodedBytes.Should().BeGreaterThan(2 * 16 * 1024 * 1024, "the data streamed is far larger than the bound, so the bound means something");
    }

    /// <summary>How many of <paramref name="references"/> survive a full collection, not counting <paramref name="current"/>.</summary>
    private static int HeldOtherThan(object current, IEnumerable<WeakReference> references)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var held = 0;
        foreach (var r in references)
        {
            if (r.Target is { } target && !ReferenceEquals(target, current))
            {
                held++;
            }
        }

        return held;
    }
}
