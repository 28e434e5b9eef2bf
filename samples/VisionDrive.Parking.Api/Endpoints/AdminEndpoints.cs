using System;
using System.Threading.Tasks;
using System.Threading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using VisionDrive.Parking.Api.Contracts;
using VisionDrive.Parking.Api.Tenancy;

namespace VisionDrive.Parking.Api.Endpoints;

/// <summary>
/// The admin routes: zones, bays and sensors created, changed and removed for the request's tenant through the store's write interfaces.
/// Creates answer 201 with <c>Location</c>, <c>ETag</c> and the entity; updates and deletes need <c>If-Match</c> (<see cref="EntityTags"/>).
/// An entity of another tenant is 404 as an unknown one; the store's typed errors become problem details in
/// <see cref="Errors.StoreExceptionHandler"/>: a missing parent 404, a broken invariant 409, a stale version 412, a value it refuses 400.
/// </summary>
internal static partial class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var zones = app.MapGroup("/zones").WithTags("Admin: zones");
        zones.MapPost("/", CreateZone).WithName("CreateZone").WithSummary("Creates a zone (tariff included) in a site of the tenant.")
            .Accepts<CreateZoneRequest>("application/json").Produces<ZoneResponse>(201).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        zones.MapPut("/{id}", UpdateZone).WithName("UpdateZone").WithSummary("Changes a zone's name, kind or tariff (If-Match required).")
            .Accepts<UpdateZoneRequest>("application/json").Produces<ZoneResponse>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(412).ProducesProblem(428);
        zones.MapDelete("/{id}", DeleteZone).WithName("DeleteZone").WithSummary("Deletes a zone without bays, sensors or alerts (If-Match required).")
            .Produces(204).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);
        zones.MapPost("/{id}/bays", CreateBay).WithName("CreateBay").WithSummary("Creates a vacant bay in a zone of the tenant.")
            .Accepts<CreateBayRequest>("application/json").Produces<BayResponse>(201).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);

        var bays = app.MapGroup("/bays").WithTags("Admin: bays");
        bays.MapGet("/{id}", GetBay).WithName("GetBay").WithSummary("A bay of the tenant with its live status; the ETag is its version.")
            .Produces<BayResponse>().ProducesProblem(400).ProducesProblem(404);
        bays.MapPut("/{id}", UpdateBay).WithName("UpdateBay").WithSummary("Changes a bay's code or position, or moves it to another zone (zoneId); If-Match required.")
            .Accepts<UpdateBayRequest>("application/json").Produces<BayResponse>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(412).ProducesProblem(428);
        bays.MapDelete("/{id}", DeleteBay).WithName("DeleteBay").WithSummary("Deletes a bay that holds no sensor and that no alert names (If-Match required).")
            .Produces(204).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);

        var sensors = app.MapGroup("/sensors").WithTags("Admin: sensors");
        sensors.MapPost("/", RegisterSensor).WithName("RegisterSensor").WithSummary("Registers a sensor on a bay, in a zone or in stock at a site.")
            .Accepts<CreateSensorRequest>("application/json").Produces<SensorResponse>(201).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        sensors.MapPut("/{id}", UpdateSensor).WithName("UpdateSensor").WithSummary("Assigns, unassigns, decommissions a sensor or changes its DevEUI or type (If-Match required).")
            .Accepts<UpdateSensorRequest>("application/json").Produces<SensorResponse>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(412).ProducesProblem(428);
        sensors.MapDelete("/{id}", DeleteSensor).WithName("DeleteSensor").WithSummary("Deletes a sensor that no alert names; its bay becomes vacant (If-Match required).")
            .Produces(204).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);
        return app;
    }

    private static ProblemHttpResult? Tenant(HttpContext context, ITenantResolver resolver, out string tenantId)
    {
        var resolution = resolver.Resolve(context);
        tenantId = resolution.TenantId ?? "";
        return resolution.TenantId is null
            ? RequestValidation.BadRequest(HeaderTenantResolver.HeaderName, resolution.Error ?? "No tenant.")
            : null;
    }

    /// <summary>
    /// One delete route: the tenant and the id checked, the entity read (another tenant's is not found), If-Match against its version,
    /// then the store's delete with that version.
    /// </summary>
    private static async Task<IResult> DeleteAsync<T>(
        string kind,
        string id,
        HttpContext context,
        ITenantResolver tenants,
        Func<CancellationToken, ValueTask<T?>> read,
        Func<T, (string TenantId, DateTimeOffset Version)> owner,
        Func<string, DateTimeOffset, CancellationToken, ValueTask> delete,
        CancellationToken cancellationToken)
        where T : class
    {
        if ((Tenant(context, tenants, out var tenantId) ?? RequestValidation.CheckId(kind, "id", id)) is { } problem)
        {
            return problem;
        }

        var entity = await read(cancellationToken);
        if (entity is null || owner(entity).TenantId != tenantId)
        {
            return RequestValidation.NotFound(kind, id);
        }

        if (EntityTags.IfMatch(context, owner(entity).Version, out var version) is { } precondition)
        {
            return precondition;
        }

        await delete(tenantId, version, cancellationToken);
        return TypedResults.NoContent();
    }

    private static IResult Created<T>(HttpContext context, string location, DateTimeOffset version, T body)
    {
        EntityTags.Set(context, version);
        return TypedResults.Created(location, body);
    }

    private static IResult Ok<T>(HttpContext context, DateTimeOffset version, T body)
    {
        EntityTags.Set(context, version);
        return TypedResults.Ok(body);
    }
}
