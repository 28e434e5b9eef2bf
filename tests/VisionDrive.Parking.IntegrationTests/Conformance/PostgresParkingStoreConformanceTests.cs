using VisionDrive.Parking.Data;

namespace VisionDrive.Parking.IntegrationTests.Conformance;

/// <summary>The conformance suite on the PostgreSQL store.</summary>
public sealed class PostgresParkingStoreConformanceTests(PostgresConformanceWorld world)
    : ParkingStoreConformanceTests(world), IClassFixture<PostgresConformanceWorld>
{
    protected override IParkingStore Store { get; } = world.Store;
}
