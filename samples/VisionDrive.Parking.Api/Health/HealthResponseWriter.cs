using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VisionDrive.Parking.Api.Health;

/// <summary>
/// <c>GET /health</c>: 200 <c>{"status":"Healthy","store":…}</c>, or 503 as problem details (<c>application/problem+json</c>) saying which
/// store failed; the exception itself only goes to the log.
/// </summary>
internal static class HealthResponseWriter
{
    public static async Task CheckAsync(HttpContext context, HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        context.Response.StatusCode = report.Status == HealthStatus.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        await WriteAsync(context, report);
    }

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        string? store = null;
        string? description = null;
        foreach (var entry in report.Entries.Values)
        {
            store ??= entry.Data.TryGetValue("store", out var s) ? s as string : null;
            description ??= entry.Status == HealthStatus.Healthy ? null : entry.Description;
        }

        if (report.Status == HealthStatus.Healthy)
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = "Healthy", store }, JsonSerializerOptions.Web));
        }

        context.Response.ContentType = "application/problem+json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(
            new
            {
                type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
                title = "Store unavailable",
                status = context.Response.StatusCode,
                detail = description ?? "The store check failed.",
                store,
                traceId = context.TraceIdentifier,
            },
            JsonSerializerOptions.Web));
    }
}
