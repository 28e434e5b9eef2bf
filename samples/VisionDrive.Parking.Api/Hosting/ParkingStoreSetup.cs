using System;
using System.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace VisionDrive.Parking.Api.Hosting;

/// <summary>
/// Registers the parking store chosen by configuration — the migration guide's rollback plan in one setting. Shared by the HTTP API and
/// the ingestion worker (linked into both projects), so both wire the store through the library's own DI registrations.
/// </summary>
/// <remarks>
/// Keys (environment variables use <c>__</c> for <c>:</c>):
/// <c>Parking:Store</c> = <c>DynamoDb</c> | <c>Postgres</c> | <c>DualWrite</c> (with <c>Parking:DualWrite:Primary</c> and
/// <c>Parking:DualWrite:ShadowReadRate</c>, docs/cutover.md);
/// <c>Parking:DynamoDb:Table</c>, <c>Parking:DynamoDb:Region</c>, <c>Parking:DynamoDb:ServiceUrl</c> (else <c>AWS_ENDPOINT_URL_DYNAMODB</c>);
/// <c>Parking:Postgres:ConnectionString</c>, <c>Parking:Postgres:RootCertificatePath</c> (the CA file for TLS verify-full);
/// <c>Parking:DefaultTenantId</c>.
/// </remarks>
public static class ParkingStoreSetup
{
    public const string SectionName = "Parking";

    /// <summary>Registers the configured store and a <see cref="ParkingStoreInfo"/>; throws with the fix when <c>Parking:Store</c> is missing or unknown.</summary>
    public static IServiceCollection AddConfiguredParkingStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var parking = configuration.GetSection(SectionName);
        var store = parking["Store"];
        var name = new[] { ParkingStoreInfo.DynamoDb, ParkingStoreInfo.Postgres, ParkingStoreInfo.DualWrite }
            .FirstOrDefault(n => string.Equals(n, store, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException(
                $"Parking:Store is '{store ?? "(not set)"}': set it to DynamoDb or Postgres, or DualWrite during a cutover (environment variable Parking__Store).");

        // Every phase of the cutover through the library's registration (docs/cutover.md): one store, or both behind the dual-write store.
        services.AddVisionDriveParkingDualWrite(parking);
        var defaultTenant = parking["DefaultTenantId"];
        services.AddSingleton(new ParkingStoreInfo(name, string.IsNullOrWhiteSpace(defaultTenant) ? null : defaultTenant.Trim()));
        return services;
    }
}
