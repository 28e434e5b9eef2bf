using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using VisionDrive.Parking.Migration;
using VisionDrive.Parking.Migration.Pipeline;

namespace VisionDrive.Parking.IntegrationTests.Import;

/// <summary>
/// The export's read-ahead stage (<c>MigrationEngine.ReadAheadAsync</c>), without servers: rows come out whole and in source order, an
/// error of the source reaches the caller after the rows before it, and a caller that stops early stops the source too.
/// </summary>
public sealed class ExportReadAheadTests
{
    [Fact]
    public async Task Every_row_comes_out_once_in_source_order()
    {
        var keys = new List<string>();
        await foreach (var chunk in MigrationEngine.ReadAheadAsync(RowsAsync(1000, failAfter: null, new StrongBox<bool>()), CancellationToken.None))
        {
            keys.AddRange(chunk.Select(r => r.Key));
        }

        keys.Should().Equal(Enumerable.Range(0, 1000).Select(i => "k" + i));
    }

    [Fact]
    public async Task An_error_of_the_source_reaches_the_caller_after_the_rows_read_before_it()
    {
        var keys = new List<string>();
        var act = async () =>
        {
            await foreach (var chunk in MigrationEngine.ReadAheadAsync(RowsAsync(1000, failAfter: 300, new StrongBox<bool>()), CancellationToken.None))
            {
                keys.AddRange(chunk.Select(r => r.Key));
            }
        };

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("source failed after 300 rows");
        keys.Should().Equal(Enumerable.Range(0, keys.Count).Select(i => "k" + i)).And.HaveCountLessThanOrEqualTo(300);
    }

    [Fact]
    public async Task A_caller_that_stops_early_stops_the_source_before_it_returns()
    {
        var sourceEnded = new StrongBox<bool>();
        await foreach (var chunk in MigrationEngine.ReadAheadAsync(RowsAsync(1_000_000, failAfter: null, sourceEnded), CancellationToken.None))
        {
            chunk.Should().NotBeEmpty();
            break;
        }

        sourceEnded.Value.Should().BeTrue("the source's enumeration is disposed before the read-ahead returns");
    }

    private static async IAsyncEnumerable<TransformedRow> RowsAsync(int count, int? failAfter, StrongBox<bool> ended, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (i == failAfter)
                {
                    throw new InvalidOperationException($"source failed after {i} rows");
                }

                if (i % 100 == 0)
                {
                    await Task.Yield();
                }

                yield return new TransformedRow("k" + i, null, null, []);
            }
        }
        finally
        {
            // A slow end (a reader closing its connection): the read-ahead must wait for it, not leave it running.
            await Task.Delay(200, CancellationToken.None);
            ended.Value = true;
        }
    }
}
