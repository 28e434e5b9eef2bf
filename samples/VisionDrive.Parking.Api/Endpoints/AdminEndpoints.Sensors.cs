using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using VisionDrive.Parking.Api.Contracts;
using VisionDrive.Parking.Api.Tenancy;
using VisionDrive.Parking.Data;

namespace VisionDrive.Parking.Api.Endpoints;

internal static partial class AdminEndpoints
{
    private static readonly string[] CreateSensorFields = ["id", "devEui", "type", "status", "siteId", "zoneId", "bayId"];
    private static readonly string[] UpdateSensorFields = ["bayId", "zoneId", "siteId", "devEui", "type", "status"];

    private static async Task<IResult> RegisterSensor(HttpContext context, ITenantResolver tenants, ISensorStore store, CancellationToken cancellationToken)
    {
        if (Tenant(context, tenants, out var tenantId) is { } problem)
        {
            return problem;
        }

        var body = await AdminBody.ReadAsync(context.Request, CreateSensorFields, cancellationToken);
        var id = body.Id("id");
        var devEui = body.OptionalDevEui("devEui") ?? throw new RequestBodyException("devEui", "Field 'devEui' is required: the sensor's LoRaWAN DevEUI, 16 hexadecimal digits.");
        var bayId = body.OptionalId("bayId");
        var zoneId = body.OptionalId("zoneId");
        var siteId = body.OptionalId("siteId");
        if (bayId is null && zoneId is null && siteId is null)
        {
            throw new RequestBodyException("siteId", "A sensor needs a place: give bayId (on a bay), zoneId (in a zone) or siteId (in stock at a site).");
        }

        var sensor = new Sensor(id, tenantId, siteId ?? "", zoneId, bayId, devEui, body.Text("type"), body.OptionalText("status") ?? SensorStatuses.Active, null, default, default);
        var created = await store.RegisterSensorAsync(sensor, cancellationToken);
        return Created(context, "/sensors/" + created.Id, created.UpdatedAt, SensorResponse.From(created));
    }

    private static async Task<IResult> UpdateSensor(string id, HttpContext context, ITenantResolver tenants, ISensorStore store, CancellationToken cancellationToken)
    {
        if ((Tenant(context, tenants, out var tenantId) ?? RequestValidation.CheckId("sensor", "id", id)) is { } problem)
        {
            return problem;
        }

        var body = await AdminBody.ReadAsync(context.Request, UpdateSensorFields, cancellationToken);
        var sensor = await store.GetSensorAsync(id, cancellationToken);
        if (sensor is null || sensor.TenantId != tenantId)
        {
            return RequestValidation.NotFound("sensor", id);
        }

        if (EntityTags.IfMatch(context, sensor.UpdatedAt, out var version) is { } precondition)
        {
            return precondition;
        }

        // The assignment is the pair (bayId, zoneId): when either is given, the other one absent is null (the store takes the zone from the bay).
        var assignment = body.Has("bayId") || body.Has("zoneId");
        var changed = sensor with
        {
            BayId = assignment ? body.OptionalId("bayId") : sensor.BayId,
            ZoneId = assignment ? body.OptionalId("zoneId") : sensor.ZoneId,
            SiteId = body.Has("siteId") ? body.Id("siteId") : sensor.SiteId,
            DevEui = body.Has("devEui") ? body.OptionalDevEui("devEui") ?? throw new RequestBodyException("devEui", "Field 'devEui' cannot be null: give the sensor's DevEUI, or leave the field out to keep it.") : sensor.DevEui,
            Type = body.Has("type") ? body.Text("type") : sensor.Type,
            Status = body.Has("status") ? body.Text("status") : sensor.Status,
            UpdatedAt = version,
        };
        var updated = await store.UpdateSensorAsync(changed, cancellationToken);
        return Ok(context, updated.UpdatedAt, SensorResponse.From(updated));
    }

    private static Task<IResult> DeleteSensor(string id, HttpContext context, ITenantResolver tenants, ISensorStore store, CancellationToken cancellationToken) =>
        DeleteAsync(
            "sensor",
            id,
            context,
            tenants,
            ct => store.GetSensorAsync(id, ct),
            e => (e.TenantId, e.UpdatedAt),
            (tenantId, version, ct) => store.DeleteSensorAsync(tenantId, id, version, ct),
            cancellationToken);
}
