namespace VisionDrive.Parking.Data;

/// <summary>One page of a listing.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items of this page, in the listing's order.</param>
/// <param name="ContinuationToken">An opaque token for the next page, or <see langword="null"/> when this is the last page. Tokens are specific to the store that issued them.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken);
