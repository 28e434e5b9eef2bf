using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using VisionDrive.Parking.Api.Hosting;
using VisionDrive.Parking.Data;

namespace VisionDrive.Parking.Api.Health;

/// <summary>A cheap read of the store (one GetItem / one indexed SELECT: the default tenant by id), bounded by <see cref="Timeout"/>.</summary>
internal sealed class StoreHealthCheck(ITenantStore store, ParkingStoreInfo info) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var data = new Dictionary<string, object> { ["store"] = info.Store };
        try
        {
            await store.GetTenantAsync(info.DefaultTenantId ?? "health-check", timeout.Token);
            return HealthCheckResult.Healthy($"The {info.Store} store answered.", data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The {info.Store} store did not answer ({ex.GetType().Name}).", ex, data);
        }
    }
}
