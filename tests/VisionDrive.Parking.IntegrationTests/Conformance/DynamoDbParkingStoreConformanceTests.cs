using VisionDrive.Parking.Data;
using VisionDrive.Parking.Datasets;

namespace VisionDrive.Parking.IntegrationTests.Conformance;

/// <summary>The conformance suite on the DynamoDB store, its table loaded from the same seeded database by the migration engine.</summary>
public sealed class DynamoDbParkingStoreConformanceTests(DynamoDbConformanceWorld world)
    : ParkingStoreConformanceTests(world), IClassFixture<DynamoDbConformanceWorld>
{
    protected override IParkingStore Store { get; } = world.Store;

    [Fact]
    public void The_guide_migrated_cleanly_into_the_table()
    {
        world.Migration.Verified.Should().BeTrue();
        world.Migration.HasRejectsOrDifferences.Should().BeFalse();
        world.Migration.Entities[EntityType.Event].Should().NotBeNull();
        GuideDataset.TotalRows.Should().Be(356);
    }
}
