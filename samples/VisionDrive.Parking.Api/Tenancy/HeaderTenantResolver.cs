using Microsoft.AspNetCore.Http;
using VisionDrive.Parking.Api.Endpoints;
using VisionDrive.Parking.Api.Hosting;

namespace VisionDrive.Parking.Api.Tenancy;

/// <summary>
/// The sample's resolver: the <c>X-Tenant-Id</c> header, else <c>Parking:DefaultTenantId</c> (a single-tenant deployment, like the guide's
/// plain <c>curl …/zones</c>). Trusts the header, so it belongs behind a gateway that sets it; production takes the tenant from the caller's
/// token instead (see <see cref="ITenantResolver"/>).
/// </summary>
internal sealed class HeaderTenantResolver(ParkingStoreInfo info) : ITenantResolver
{
    public const string HeaderName = "X-Tenant-Id";

    public TenantResolution Resolve(HttpContext context)
    {
        var values = context.Request.Headers[HeaderName];
        if (values.Count > 1)
        {
            return TenantResolution.Fail($"The {HeaderName} header is given {values.Count} times: give it once.");
        }

        var header = values.Count == 1 ? values[0]?.Trim() : null;
        if (string.IsNullOrEmpty(header))
        {
            return info.DefaultTenantId is { } fallback
                ? TenantResolution.Of(fallback)
                : TenantResolution.Fail($"No tenant: send the {HeaderName} header, or configure Parking:DefaultTenantId for a single-tenant deployment.");
        }

        return RequestValidation.IsValidId(header)
            ? TenantResolution.Of(header)
            : TenantResolution.Fail($"The {HeaderName} header '{RequestValidation.Shorten(header)}' is not a valid tenant id: {RequestValidation.IdRule}.");
    }
}
