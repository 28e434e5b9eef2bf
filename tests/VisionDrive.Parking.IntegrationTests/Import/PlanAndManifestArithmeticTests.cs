using System.Collections.Generic;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Migration;
using VisionDrive.Parking.Migration.Export;
using VisionDrive.Parking.Migration.Planning;

namespace VisionDrive.Parking.IntegrationTests.Import;

/// <summary>The pure arithmetic of the plan and of the manifest merge, without servers.</summary>
public sealed class PlanAndManifestArithmeticTests
{
    [Fact]
    public void A_sample_is_scaled_to_the_row_count_and_objects_need_more_segments_past_a_thousand()
    {
        using var events = new EntityMeasurement { Rows = 10, SampledRows = 10, Items = 10, Gsi1Items = 10, ItemBytes = 4000, WriteUnits = 20, UncompressedBytes = 6000 };
        var plan = LoadPlanner.Compute(
            new Dictionary<EntityType, EntityMeasurement> { [EntityType.Event] = events },
            new PlanOptions { AssumedRows = new Dictionary<EntityType, long> { [EntityType.Event] = 250_000_000 } });

        var e = plan.Entities["EVENT"];
        e.Items.Should().Be(250_000_000);
        e.WriteUnits.Should().Be(500_000_000);
        e.UncompressedBytes.Should().Be(150_000_000_000);
        plan.BatchWrite.Seconds.Should().Be(500_000_000 / 4000.0);
        plan.BatchWrite.MachinesAtQuota.Should().Be(1, "40,000 WRU/s at 2 WRU per item is 20,000 items/s, below one machine's 30,000");
        plan.Import.Segments.Should().Be(3, "2,500 objects need three segments of at most 1,000");
        plan.Import.Objects.Should().Be(2_500 + 2);
        plan.Recommendation.Should().Be(LoadPlan.ImportFromS3);
    }

    [Fact]
    public void Merged_checksums_are_sums_and_a_repeated_or_foreign_segment_is_refused()
    {
        ExportManifest Segment(int i, string checksum, string table = "t") => new()
        {
            Table = table,
            SegmentCount = 2,
            Segments = [i],
            Entities = { ["EVENT"] = new ExportEntitySummary { Count = 1, Checksum = checksum, UncompressedBytes = 10 } },
            Files = [new ExportFile { Path = $"data/segment-00{i}-of-002-part-00000.json.gz", Items = 1 }],
        };

        var merged = ExportManifest.Merge([Segment(0, "ffffffffffffffffffffffffffffffff"), Segment(1, "00000000000000000000000000000002")]);
        merged.Entities["EVENT"].Checksum.Should().Be("00000000000000000000000000000001", "sums wrap modulo 2^128");
        merged.Entities["EVENT"].Count.Should().Be(2);

        var repeated = () => ExportManifest.Merge([Segment(0, "01"), Segment(0, "02")]);
        repeated.Should().Throw<MigrationException>().WithMessage("*more than one manifest*");
        var foreign = () => ExportManifest.Merge([Segment(0, "01"), Segment(1, "02", table: "other")]);
        foreign.Should().Throw<MigrationException>().WithMessage("*different exports*");
    }
}
