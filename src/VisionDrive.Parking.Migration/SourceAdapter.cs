using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.Postgres;

namespace VisionDrive.Parking.Migration;

/// <summary>One stream shape for every source table.</summary>
internal static class SourceAdapter
{
    public static IAsyncEnumerable<SourceRow<object>> Read(ParkingSourceReader reader, EntityType type, SourceReadOptions options, CancellationToken cancellationToken) => type switch
    {
        EntityType.Tenant => Cast(reader.ReadTenantsAsync(options, cancellationToken), cancellationToken),
        EntityType.Site => Cast(reader.ReadSitesAsync(options, cancellationToken), cancellationToken),
        EntityType.Zone => Cast(reader.ReadZonesAsync(options, cancellationToken), cancellationToken),
        EntityType.Bay => Cast(reader.ReadBaysAsync(options, cancellationToken), cancellationToken),
        EntityType.Sensor => Cast(reader.ReadSensorsAsync(options, cancellationToken), cancellationToken),
        EntityType.Event => Cast(reader.ReadEventsAsync(options, cancellationToken), cancellationToken),
        EntityType.Alert => Cast(reader.ReadAlertsAsync(options, cancellationToken), cancellationToken),
        _ => throw new System.ArgumentOutOfRangeException(nameof(type)),
    };

    private static async IAsyncEnumerable<SourceRow<object>> Cast<T>(IAsyncEnumerable<SourceRow<T>> rows, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return new SourceRow<object>(row.Key, row.Entity, row.Failure);
        }
    }
}
