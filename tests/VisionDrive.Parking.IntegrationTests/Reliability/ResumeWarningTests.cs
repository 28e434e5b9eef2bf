using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb.Mapping;
using VisionDrive.Parking.Migration;
using VisionDrive.Parking.Migration.State;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Reliability;

/// <summary>
/// Rows read again after an in-run resume (the same transformer, the same state store) give the same warnings as the first time — no
/// "shared with another sensor/bay" about themselves — and two problems on one field are listed and counted once each.
/// </summary>
public sealed class ResumeWarningTests
{
    [Fact]
    public void A_row_read_again_is_not_another_row_sharing_its_devEui_or_bay_code()
    {
        var transformer = new Transformer(new ItemMappingOptions());
        var first = EntitySamples.Sensor();
        var other = first with { Id = "PSL01B-002", BayId = "bay-2" };
        var bay = EntitySamples.Bay();
        var otherBay = bay with { Id = "bay-9" };

        var pass1 = Warnings(transformer, first, other, bay, otherBay);
        var pass2 = Warnings(transformer, first, other, bay, otherBay); // re-read after a resume

        pass1.Should().BeEquivalentTo(pass2, "a row read twice is warned about the same way twice");
        pass1.Where(w => w.Message.Contains("shared with another sensor", StringComparison.Ordinal)).Select(w => w.Key).Should().Equal("PSL01B-002");
        pass1.Where(w => w.Message.Contains("used by another bay", StringComparison.Ordinal)).Select(w => w.Key).Should().Equal("bay-9");
    }

    [Fact]
    public void Two_problems_on_one_field_are_each_listed_once_also_after_reopening_the_state()
    {
        var transformer = new Transformer(new ItemMappingOptions());
        var malformed = EntitySamples.Sensor() with { DevEui = "12-34" };
        var twin = malformed with { Id = "PSL01B-777" }; // malformed and shared: two warnings on devEui
        var warnings = Warnings(transformer, malformed, twin);
        warnings.Where(w => w.Key == "PSL01B-777").Should().HaveCount(2);

        var dir = Directory.CreateTempSubdirectory("vdp-warn-").FullName;
        try
        {
            using (var state = StateStore.Open(dir))
            {
                warnings.Select(state.AppendWarning).Should().AllSatisfy(added => added.Should().BeTrue());
                warnings.Select(state.AppendWarning).Should().AllSatisfy(added => added.Should().BeFalse("already listed"));
            }

            using (var reopened = StateStore.Open(dir))
            {
                warnings.Select(reopened.AppendWarning).Should().AllSatisfy(added => added.Should().BeFalse("listed before the restart"));
                reopened.ReadWarnings().Should().HaveCount(warnings.Count);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static List<DataQualityWarning> Warnings(Transformer transformer, params object[] entities)
    {
        var warnings = new List<DataQualityWarning>();
        foreach (var e in entities)
        {
            var (type, id) = e switch
            {
                Sensor s => (EntityType.Sensor, s.Id),
                Bay b => (EntityType.Bay, b.Id),
                _ => throw new ArgumentException(e.GetType().Name),
            };
            transformer.Transform(type, new SourceRow<object>(id, e, null), warnings, out var failure);
            failure.Should().BeNull();
        }

        return warnings;
    }
}
