namespace VisionDrive.Parking.Cutover;

/// <summary>The cutover status of this process (registered by <c>AddVisionDriveParkingDualWrite</c> in every phase).</summary>
public interface ICutoverStatusSource
{
    /// <summary>Reads the status: the phase and primary from configuration, the pending writes from the durable record, the shadow counts of this process.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The status.</returns>
    ValueTask<CutoverStatus> GetStatusAsync(CancellationToken cancellationToken = default);
}
