namespace VisionDrive.Parking.Data;

/// <summary>One row read from a source table: the entity, or the reason it could not become one.</summary>
/// <typeparam name="T">The entity type.</typeparam>
/// <param name="Key">The row's ordering key (as used to resume after it), e.g. the id, or <c>time|id</c> for events.</param>
/// <param name="Entity">The entity, or <see langword="null"/> when <paramref name="Failure"/> is set.</param>
/// <param name="Failure">Why the row could not become an entity, or <see langword="null"/>.</param>
public sealed record SourceRow<T>(string Key, T? Entity, RowFailure? Failure)
    where T : class;
