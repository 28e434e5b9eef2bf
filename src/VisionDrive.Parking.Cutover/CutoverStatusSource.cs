namespace VisionDrive.Parking.Cutover;

/// <summary>
/// <see cref="ICutoverStatusSource"/> of this process: the phase and primary it was configured with, the pending count of the replication
/// (0 in a single-store phase), the shadow counts of <see cref="CutoverTelemetry"/>.
/// </summary>
internal sealed class CutoverStatusSource(ParkingStoreKind phase, ParkingStoreKind primary, CutoverTelemetry telemetry) : ICutoverStatusSource
{
    public async ValueTask<CutoverStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var pending = phase == ParkingStoreKind.DualWrite ? await telemetry.ReadPendingAsync(cancellationToken).ConfigureAwait(false) : 0;
        return new CutoverStatus(phase.ToString(), primary.ToString(), pending, telemetry.ShadowReads, telemetry.ShadowMismatches);
    }
}
