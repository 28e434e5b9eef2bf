using System;
using System.Threading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VisionDrive.Parking.Api.Endpoints;
using VisionDrive.Parking.Api.Errors;
using VisionDrive.Parking.Api.Health;
using VisionDrive.Parking.Api.Hosting;
using VisionDrive.Parking.Api.Tenancy;

namespace VisionDrive.Parking.Api;

/// <summary>Builds the parking HTTP API; <see cref="Program"/> runs it, tests start it in-process on a loopback port.</summary>
public static class ParkingApi
{
    /// <summary>Builds the application from the command line and the standard configuration sources (appsettings, environment, arguments).</summary>
    /// <param name="args">Command-line arguments, e.g. <c>--urls http://127.0.0.1:5080 --Parking:Store Postgres</c>.</param>
    /// <param name="configure">A last chance to change the builder (tests add configuration or replace services).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddConfiguredParkingStore(builder.Configuration);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<ITenantResolver, HeaderTenantResolver>();

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StoreExceptionHandler>();
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        builder.Services.AddOpenApi();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapGet("/health", HealthResponseWriter.CheckAsync).WithName("Health").WithTags("Health")
            .WithSummary("Checks the store with a cheap read: 200, or 503 with problem details.")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/cutover", async (VisionDrive.Parking.Cutover.ICutoverStatusSource status, CancellationToken ct) => Results.Json(await status.GetStatusAsync(ct)))
            .WithName("Cutover").WithTags("Health")
            .WithSummary("The cutover phase: phase, primary, pending secondary writes, shadow reads and mismatches (docs/cutover.md).");
        app.MapParkingEndpoints();
        app.MapAdminEndpoints();
        return app;
    }
}
