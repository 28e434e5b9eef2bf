namespace VisionDrive.Parking.Migration.Pipeline;

/// <summary>
/// Notices data-quality problems of one entity type that do not stop a row from migrating (a malformed or shared DevEUI, a duplicate bay
/// code, a paid zone without a price, an event of an unknown sensor). An inspector that remembers rows rebuilds what it remembers from the
/// source in <see cref="PrepareAsync"/>, so a run resumed from a checkpoint warns exactly as one uninterrupted run would.
/// </summary>
/// <typeparam name="T">The entity record.</typeparam>
internal interface IDataQualityInspector<in T>
    where T : class
{
    /// <summary>
    /// Resets the inspector for a pass that starts after <paramref name="resumeAfterKey"/> (<see langword="null"/>: from the start), reading
    /// from the source what it must know about the rows before that key.
    /// </summary>
    ValueTask PrepareAsync(string? resumeAfterKey, CancellationToken cancellationToken);

    /// <summary>Adds the warnings of <paramref name="entity"/> to <paramref name="warnings"/>.</summary>
    void Inspect(T entity, List<DataQualityWarning> warnings);
}
