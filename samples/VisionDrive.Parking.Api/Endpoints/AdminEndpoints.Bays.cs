using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using VisionDrive.Parking.Api.Contracts;
using VisionDrive.Parking.Api.Tenancy;
using VisionDrive.Parking.Data;

namespace VisionDrive.Parking.Api.Endpoints;

internal static partial class AdminEndpoints
{
    private static readonly string[] UpdateBayFields = ["code", "lat", "lng", "zoneId"];

    private static async Task<IResult> GetBay(string id, HttpContext context, ITenantResolver tenants, IZoneStore store, CancellationToken cancellationToken)
    {
        if ((Tenant(context, tenants, out var tenantId) ?? RequestValidation.CheckId("bay", "id", id)) is { } problem)
        {
            return problem;
        }

        var bay = await store.GetBayAsync(id, cancellationToken);
        return bay is not null && bay.TenantId == tenantId ? Ok(context, bay.UpdatedAt, BayResponse.From(bay)) : RequestValidation.NotFound("bay", id);
    }

    private static async Task<IResult> UpdateBay(string id, HttpContext context, ITenantResolver tenants, IZoneStore store, CancellationToken cancellationToken)
    {
        if ((Tenant(context, tenants, out var tenantId) ?? RequestValidation.CheckId("bay", "id", id)) is { } problem)
        {
            return problem;
        }

        var body = await AdminBody.ReadAsync(context.Request, UpdateBayFields, cancellationToken);
        var bay = await store.GetBayAsync(id, cancellationToken);
        if (bay is null || bay.TenantId != tenantId)
        {
            return RequestValidation.NotFound("bay", id);
        }

        if (EntityTags.IfMatch(context, bay.UpdatedAt, out var version) is { } precondition)
        {
            return precondition;
        }

        var changed = bay with
        {
            Code = body.Has("code") ? body.Text("code") : bay.Code,
            Lat = body.Has("lat") ? body.Degrees("lat", 90) : bay.Lat,
            Lng = body.Has("lng") ? body.Degrees("lng", 180) : bay.Lng,
            ZoneId = body.Has("zoneId") ? body.Id("zoneId") : bay.ZoneId,
            UpdatedAt = version,
        };
        var updated = await store.UpdateBayAsync(changed, cancellationToken);
        return Ok(context, updated.UpdatedAt, BayResponse.From(updated));
    }

    private static Task<IResult> DeleteBay(string id, HttpContext context, ITenantResolver tenants, IZoneStore store, CancellationToken cancellationToken) =>
        DeleteAsync(
            "bay",
            id,
            context,
            tenants,
            ct => store.GetBayAsync(id, ct),
            e => (e.TenantId, e.UpdatedAt),
            (tenantId, version, ct) => store.DeleteBayAsync(tenantId, id, version, ct),
            cancellationToken);
}
