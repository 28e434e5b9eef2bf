namespace VisionDrive.Parking.Api.Tenancy;

/// <summary>A resolved tenant id, or the reason (for a 400 problem) why the request names no usable tenant.</summary>
public readonly record struct TenantResolution(string? TenantId, string? Error)
{
    public static TenantResolution Of(string tenantId) => new(tenantId, null);

    public static TenantResolution Fail(string error) => new(null, error);
}
