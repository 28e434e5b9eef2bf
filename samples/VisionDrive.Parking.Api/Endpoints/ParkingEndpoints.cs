using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using VisionDrive.Parking.Api.Contracts;
using VisionDrive.Parking.Api.Tenancy;
using VisionDrive.Parking.Data;

namespace VisionDrive.Parking.Api.Endpoints;

/// <summary>
/// The routes. Every read is scoped to the request's tenant (<see cref="ITenantResolver"/>): an entity of another tenant answers 404, exactly
/// as an unknown id, so ids cannot be probed across tenants; listings are by tenant, or under an entity already checked to be the tenant's.
/// </summary>
internal static class ParkingEndpoints
{
    public const int DefaultZonesLimit = 1000;

    public static IEndpointRouteBuilder MapParkingEndpoints(this IEndpointRouteBuilder app)
    {
        var zones = app.MapGroup("/zones").WithTags("Zones");
        zones.MapGet("/", ListZones).WithName("ListZones").WithSummary("The zones of the tenant, ordered by id (the guide's /zones).")
            .Produces<ListResponse<ZoneResponse>>().ProducesProblem(400);
        zones.MapGet("/{id}", GetZone).WithName("GetZone").WithSummary("A zone of the tenant; the ETag is its version.")
            .Produces<ZoneResponse>().ProducesProblem(400).ProducesProblem(404);
        zones.MapGet("/{id}/bays", GetZoneBays).WithName("GetZoneBays").WithSummary("A zone's bays with their live vacant/occupied status.")
            .Produces<ZoneBaysResponse>().ProducesProblem(400).ProducesProblem(404);

        var sensors = app.MapGroup("/sensors").WithTags("Sensors");
        sensors.MapGet("/{id}", GetSensor).WithName("GetSensor").WithSummary("A sensor of the tenant; the ETag is its version.")
            .Produces<SensorResponse>().ProducesProblem(400).ProducesProblem(404);
        sensors.MapGet("/by-deveui/{devEui}", GetSensorByDevEui).WithName("GetSensorByDevEui")
            .WithSummary("A sensor of the tenant by LoRaWAN DevEUI (case and separators do not matter).")
            .Produces<SensorResponse>().ProducesProblem(400).ProducesProblem(404);
        sensors.MapGet("/{id}/events", ListSensorEvents).WithName("ListSensorEvents")
            .WithSummary("A sensor's events in [from, to), newest first, paged (defaults: to = now, from = to - 7 days, limit 50).")
            .Produces<ListResponse<EventResponse>>().ProducesProblem(400).ProducesProblem(404);

        var alerts = app.MapGroup("/alerts").WithTags("Alerts");
        alerts.MapGet("/", ListAlerts).WithName("ListAlerts").WithSummary("The tenant's alerts in one status (default OPEN), newest first, paged.")
            .Produces<ListResponse<AlertResponse>>().ProducesProblem(400);
        alerts.MapPost("/{id}/acknowledge", AcknowledgeAlert).WithName("AcknowledgeAlert")
            .WithSummary("Moves an open alert to ACKNOWLEDGED (idempotent); a resolved alert answers 409.")
            .Produces<AlertResponse>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        alerts.MapPost("/{id}/resolve", ResolveAlert).WithName("ResolveAlert").WithSummary("Moves an alert to RESOLVED (idempotent).")
            .Produces<AlertResponse>().ProducesProblem(400).ProducesProblem(404);
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

    private static async Task<IResult> ListZones(HttpContext context, ITenantResolver tenants, IZoneStore store, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = default(PageRequest);
        if ((Tenant(context, tenants, out var tenantId) ?? RequestValidation.ParsePage(limit, cursor, DefaultZonesLimit, out page)) is { } problem)
        {
            return problem;
        }

        var result = await store.ListZonesByTenantAsync(tenantId, page, cancellationToken);
        return TypedResults.Ok(ListResponse<ZoneResponse>.From(result, ZoneResponse.From));
    }

    private static async Task<IResult> GetZone(string id, HttpContext context, ITenantResolver tenants, IZoneStore store, CancellationToken cancellationToken)
    {
        if ((Tenant(context, tenants, out var tenantId) ?? RequestValidation.CheckId("zone", "id", id)) is { } problem)
        {
            return problem;
        }

        var zone = await store.GetZoneAsync(id, cancellationToken);
        if (zone is null || zone.TenantId != tenantId)
        {
            return RequestValidation.NotFound("zone", id);
        }

        EntityTags.Set(context, zone.UpdatedAt);
        return TypedResults.Ok(ZoneResponse.From(zone));
    }

    private static async Task<IResult> GetZoneBays(string id, HttpContext context, ITenantResolver tenants, IZoneStore store, CancellationToken cancellationToken)
    {
        if ((Tenant(context, tenants, out var tenantId) ?? RequestValidation.CheckId("zone", "id", id)) is { } problem)
        {
            return problem;
        }

        var zone = await store.GetZoneWithBaysAsync(id, cancellationToken);
        return zone is not null && zone.Zone.TenantId == tenantId ? TypedResults.Ok(ZoneBaysResponse.From(zone)) : RequestValidation.NotFound("zone", id);
    }

    private static async Task<IResult> GetSensor(string id, HttpContext context, ITenantResolver tenants, ISensorStore store, CancellationToken cancellationToken)
    {
        if ((Tenant(context, tenants, out var tenantId) ?? RequestValidation.CheckId("sensor", "id", id)) is { } problem)
        {
            return problem;
        }

        var sensor = await store.GetSensorAsync(id, cancellationToken);
        if (sensor is null || sensor.TenantId != tenantId)
        {
            return RequestValidation.NotFound("sensor", id);
        }

        EntityTags.Set(context, sensor.UpdatedAt);
        return TypedResults.Ok(SensorResponse.From(sensor));
    }

    private static async Task<IResult> GetSensorByDevEui(string devEui, HttpContext context, ITenantResolver tenants, ISensorStore store, CancellationToken cancellationToken)
    {
        var normalized = devEui;
        if ((Tenant(context, tenants, out var tenantId) ?? RequestValidation.CheckDevEui(devEui, out normalized)) is { } problem)
        {
            return problem;
        }

        var sensor = await store.GetSensorByDevEuiAsync(normalized, cancellationToken);
        return sensor is not null && sensor.TenantId == tenantId ? TypedResults.Ok(SensorResponse.From(sensor)) : RequestValidation.NotFound("sensor with DevEUI", normalized);
    }

    private static async Task<IResult> ListSensorEvents(
        string id, HttpContext context, ITenantResolver tenants, IParkingStore store, TimeProvider clock,
        string? from, string? to, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var range = default(TimeRange);
        var page = default(PageRequest);
        if ((Tenant(context, tenants, out var tenantId)
            ?? RequestValidation.CheckId("sensor", "id", id)
            ?? RequestValidation.ParseRange(from, to, clock.GetUtcNow(), out range)
            ?? RequestValidation.ParsePage(limit, cursor, PageRequest.DefaultLimit, out page)) is { } problem)
        {
            return problem;
        }

        var sensor = await store.GetSensorAsync(id, cancellationToken);
        if (sensor is null || sensor.TenantId != tenantId)
        {
            return RequestValidation.NotFound("sensor", id);
        }

        var events = await store.ListSensorEventsAsync(sensor.Id, range, page, cancellationToken);
        return TypedResults.Ok(ListResponse<EventResponse>.From(events, EventResponse.From));
    }

    private static async Task<IResult> ListAlerts(HttpContext context, ITenantResolver tenants, IAlertStore store, string? status, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (Tenant(context, tenants, out var tenantId) is { } problem)
        {
            return problem;
        }

        var wanted = (status ?? AlertStatus.Open).Trim().ToUpperInvariant();
        if (wanted is not (AlertStatus.Open or AlertStatus.Acknowledged or AlertStatus.Resolved))
        {
            return RequestValidation.BadRequest("status", $"status '{RequestValidation.Shorten(status ?? "")}' is not valid: use OPEN, ACKNOWLEDGED or RESOLVED.");
        }

        if (RequestValidation.ParsePage(limit, cursor, PageRequest.DefaultLimit, out var page) is { } pageProblem)
        {
            return pageProblem;
        }

        var alerts = await store.ListAlertsByStatusAsync(tenantId, wanted, page, cancellationToken);
        return TypedResults.Ok(ListResponse<AlertResponse>.From(alerts, AlertResponse.From));
    }

    private static async Task<IResult> AcknowledgeAlert(string id, HttpContext context, ITenantResolver tenants, IAlertStore store, CancellationToken cancellationToken)
    {
        if ((Tenant(context, tenants, out var tenantId) ?? RequestValidation.CheckId("alert", "id", id)) is { } problem)
        {
            return problem;
        }

        var alert = await store.GetAlertAsync(id, cancellationToken);
        if (alert is null || alert.TenantId != tenantId)
        {
            return RequestValidation.NotFound("alert", id);
        }

        if (alert.Status == AlertStatus.Resolved)
        {
            return TypedResults.Problem($"Alert '{id}' is already resolved: there is nothing to acknowledge.", statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }

        var updated = await store.AcknowledgeAlertAsync(id, cancellationToken);
        return updated is null ? RequestValidation.NotFound("alert", id) : TypedResults.Ok(AlertResponse.From(updated));
    }

    private static async Task<IResult> ResolveAlert(string id, HttpContext context, ITenantResolver tenants, IAlertStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        if ((Tenant(context, tenants, out var tenantId) ?? RequestValidation.CheckId("alert", "id", id)) is { } problem)
        {
            return problem;
        }

        var alert = await store.GetAlertAsync(id, cancellationToken);
        if (alert is null || alert.TenantId != tenantId)
        {
            return RequestValidation.NotFound("alert", id);
        }

        var updated = await store.ResolveAlertAsync(id, clock.GetUtcNow(), cancellationToken);
        return updated is null ? RequestValidation.NotFound("alert", id) : TypedResults.Ok(AlertResponse.From(updated));
    }
}
