using VisionDrive.Parking.Data.Postgres;

namespace VisionDrive.Parking.Datasets;

/// <summary>One case of the <c>dirty</c> dataset.</summary>
/// <param name="Table">The source table.</param>
/// <param name="Key">The row's id (events: the event id; ids are unique in the dataset).</param>
/// <param name="Field">The column the case is about.</param>
/// <param name="Description">What is odd about the row.</param>
/// <param name="Outcome">What the migration must do with it.</param>
/// <param name="SourceRowFailure">
/// <see langword="true"/> when the row cannot even become an entity, so <see cref="ParkingSourceReader"/> yields a
/// <see cref="RowFailure"/> for <paramref name="Field"/>; <see langword="false"/> when the reader yields an entity and any reject comes
/// from the transform to a DynamoDB item.
/// </param>
public sealed record DirtyCase(string Table, string Key, string Field, string Description, DirtyOutcome Outcome, bool SourceRowFailure = false);
