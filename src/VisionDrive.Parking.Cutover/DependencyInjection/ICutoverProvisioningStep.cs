using System.Threading;
using System.Threading.Tasks;

namespace VisionDrive.Parking.Cutover.DependencyInjection;

/// <summary>
/// Something a dual write needs created besides the two stores' own schema and table (the cutover tables, the table's stream): run by
/// the dual write's <c>IParkingStoreProvisioner</c> after both stores are provisioned, in registration order. Idempotent.
/// </summary>
internal interface ICutoverProvisioningStep
{
    /// <summary>Creates what is missing and checks what exists.</summary>
    Task EnsureCreatedAsync(CancellationToken cancellationToken);
}
