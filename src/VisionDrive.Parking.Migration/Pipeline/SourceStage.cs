namespace VisionDrive.Parking.Migration.Pipeline;

/// <summary>The read stage of one entity type: the typed stream of <see cref="ParkingSourceReader"/> for its table.</summary>
/// <typeparam name="T">The entity record.</typeparam>
internal sealed class SourceStage<T>(Func<SourceReadOptions, CancellationToken, IAsyncEnumerable<SourceRow<T>>> read)
    where T : class
{
    public IAsyncEnumerable<SourceRow<T>> ReadAsync(SourceReadOptions options, CancellationToken cancellationToken) => read(options, cancellationToken);
}
