using System;
using System.IO;
using System.Linq;
using Microsoft.Extensions.Time.Testing;
using VisionDrive.Parking.Cli;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Migration;

namespace VisionDrive.Parking.IntegrationTests;

/// <summary>The plain progress lines of a redirected <c>vdp</c>: one when a table starts a phase, at most one per interval, one when it is done.</summary>
public sealed class PlainProgressTests
{
    [Fact]
    public void A_table_gets_a_line_when_it_starts_then_one_per_interval_and_one_when_done()
    {
        var time = new FakeTimeProvider();
        var output = new StringWriter();
        var progress = new PlainProgress(output, time, TimeSpan.FromSeconds(5));

        progress.Report(new MigrationProgress(EntityType.Event, "migrate", 0, 1000));
        for (var n = 25; n < 500; n += 25)
        {
            progress.Report(new MigrationProgress(EntityType.Event, "migrate", n, 1000));
        }

        time.Advance(TimeSpan.FromSeconds(5));
        progress.Report(new MigrationProgress(EntityType.Event, "migrate", 500, 1000));
        progress.Report(new MigrationProgress(EntityType.Event, "migrate", 525, 1000));
        progress.Report(new MigrationProgress(EntityType.Event, "migrate", 1000, 1000));
        progress.Report(new MigrationProgress(EntityType.Event, "migrate", 1000, 1000));
        progress.Report(new MigrationProgress(EntityType.Alert, "migrate", 0, 40));
        progress.Report(new MigrationProgress(EntityType.Event, "verify-source", 10, null));

        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Should().Equal(
            "progress: EVENT migrate 0/1000 (0%)",
            "progress: EVENT migrate 500/1000 (50%)",
            "progress: EVENT migrate 1000/1000 (100%)",
            "progress: ALERT migrate 0/40 (0%)",
            "progress: EVENT verify-source 10");
    }
}
