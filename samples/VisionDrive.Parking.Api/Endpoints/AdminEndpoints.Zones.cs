using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using VisionDrive.Parking.Api.Contracts;
using VisionDrive.Parking.Api.Tenancy;
using VisionDrive.Parking.Data;

namespace VisionDrive.Parking.Api.Endpoints;

internal static partial class AdminEndpoints
{
    private static readonly string[] CreateZoneFields = ["id", "siteId", "name", "kind", "tariff"];
    private static readonly string[] UpdateZoneFields = ["name", "kind", "tariff", "siteId"];
    private static readonly string[] CreateBayFields = ["id", "code", "lat", "lng"];

    private static async Task<IResult> CreateZone(HttpContext context, ITenantResolver tenants, IZoneStore store, CancellationToken cancellationToken)
    {
        if (Tenant(context, tenants, out var tenantId) is { } problem)
        {
            return problem;
        }

        var body = await AdminBody.ReadAsync(context.Request, CreateZoneFields, cancellationToken);
        var zone = new Zone(body.Id("id"), tenantId, body.Id("siteId"), body.Text("name"), body.Text("kind"), body.Object("tariff"), default, default);
        var created = await store.CreateZoneAsync(zone, cancellationToken);
        return Created(context, "/zones/" + created.Id, created.UpdatedAt, ZoneResponse.From(created));
    }

    private static async Task<IResult> UpdateZone(string id, HttpContext context, ITenantResolver tenants, IZoneStore store, CancellationToken cancellationToken)
    {
        if ((Tenant(context, tenants, out var tenantId) ?? RequestValidation.CheckId("zone", "id", id)) is { } problem)
        {
            return problem;
        }

        var body = await AdminBody.ReadAsync(context.Request, UpdateZoneFields, cancellationToken);
        var zone = await store.GetZoneAsync(id, cancellationToken);
        if (zone is null || zone.TenantId != tenantId)
        {
            return RequestValidation.NotFound("zone", id);
        }

        if (EntityTags.IfMatch(context, zone.UpdatedAt, out var version) is { } precondition)
        {
            return precondition;
        }

        var changed = zone with
        {
            Name = body.Has("name") ? body.Text("name") : zone.Name,
            Kind = body.Has("kind") ? body.Text("kind") : zone.Kind,
            Tariff = body.Has("tariff") ? body.Object("tariff") : zone.Tariff,
            SiteId = body.Has("siteId") ? body.Id("siteId") : zone.SiteId,
            UpdatedAt = version,
        };
        var updated = await store.UpdateZoneAsync(changed, cancellationToken);
        return Ok(context, updated.UpdatedAt, ZoneResponse.From(updated));
    }

    private static Task<IResult> DeleteZone(string id, HttpContext context, ITenantResolver tenants, IZoneStore store, CancellationToken cancellationToken) =>
        DeleteAsync(
            "zone",
            id,
            context,
            tenants,
            ct => store.GetZoneAsync(id, ct),
            e => (e.TenantId, e.UpdatedAt),
            (tenantId, version, ct) => store.DeleteZoneAsync(tenantId, id, version, ct),
            cancellationToken);

    private static async Task<IResult> CreateBay(string id, HttpContext context, ITenantResolver tenants, IZoneStore store, CancellationToken cancellationToken)
    {
        if ((Tenant(context, tenants, out var tenantId) ?? RequestValidation.CheckId("zone", "id", id)) is { } problem)
        {
            return problem;
        }

        var body = await AdminBody.ReadAsync(context.Request, CreateBayFields, cancellationToken);
        var bay = new Bay(body.Id("id"), tenantId, "", id, body.Text("code"), body.Degrees("lat", 90), body.Degrees("lng", 180), default, default);
        var created = await store.CreateBayAsync(bay, cancellationToken);
        return Created(context, "/bays/" + created.Id, created.UpdatedAt, BayResponse.From(created));
    }
}
