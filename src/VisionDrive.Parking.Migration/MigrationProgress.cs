namespace VisionDrive.Parking.Migration;

/// <summary>A progress report for one entity type.</summary>
/// <param name="EntityType">The entity type.</param>
/// <param name="Phase">What is running: <c>migrate</c>, <c>verify-source</c>, <c>verify-target</c>, <c>sync</c>, <c>export</c>.</param>
/// <param name="Processed">Rows or items processed so far in this phase.</param>
/// <param name="Total">The expected total, when known.</param>
public readonly record struct MigrationProgress(EntityType EntityType, string Phase, long Processed, long? Total);
