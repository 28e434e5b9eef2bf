using Microsoft.AspNetCore.Http;

namespace VisionDrive.Parking.Api.Tenancy;

/// <summary>
/// Decides which tenant a request acts for. The one seam for production: replace <see cref="HeaderTenantResolver"/> with a resolver that
/// reads a claim of the authenticated caller (e.g. <c>context.User.FindFirst("tenant_id")</c> after <c>AddAuthentication().AddJwtBearer(…)</c>)
/// and register it with <c>builder.Services.AddSingleton&lt;ITenantResolver, ClaimsTenantResolver&gt;()</c>; no endpoint changes.
/// A resolver never lets the caller pick a tenant it does not belong to.
/// </summary>
public interface ITenantResolver
{
    /// <summary>The tenant of <paramref name="context"/>, or why there is none.</summary>
    TenantResolution Resolve(HttpContext context);
}
