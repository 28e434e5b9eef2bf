using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VisionDrive.Parking.Samples.Tests.Api;
using VisionDrive.Parking.Samples.Tests.Support;
using Xunit.Abstractions;

namespace VisionDrive.Parking.Samples.Tests.Security;

/// <summary>
/// docs/iam/api-policy.json grants exactly what the API does on DynamoDB: the real API (its own seeded world on DynamoDB Local) with the
/// store's client recording every request, driven through every route of the app (taken from its <see cref="EndpointDataSource"/>, so a
/// new route fails here until this test drives it) on its success, not-found, conflict and other-tenant paths and the health endpoint;
/// then the recorded (action, resource) grants must equal the policy's, both ways: every call allowed, every grant used.
/// </summary>
public sealed class ApiIamPolicyRecordedCallsTests(ITestOutputHelper output)
{
    private const string Policy = "api-policy.json";

    [Fact]
    public async Task The_api_policy_grants_exactly_the_dynamodb_calls_of_every_route()
    {
        await using var world = await ParkingWorld.CreateAsync();
        var recorder = new RecordingHttpClientFactory();
        var routes = new RouteRecorder();
        await using var api = await RunningApi.StartAsync(world.DynamoDbArgs(), builder =>
        {
            IamPolicies.RecordDynamoDbCalls(builder.Services, recorder);
            builder.Services.AddSingleton<IStartupFilter>(routes);
        });

        async Task<ApiAnswer> Send(string path, HttpStatusCode expected, HttpMethod? method = null, string? tenant = null)
        {
            var answer = await api.SendAsync(path, tenant, method);
            answer.Status.Should().Be(expected, $"{method ?? HttpMethod.Get} {path} ({tenant ?? "default tenant"}): {answer.Body}");
            return answer;
        }

        // Health, the OpenAPI document and the cutover status (single-store phase: no store call).
        await Send("/health", HttpStatusCode.OK);
        await Send("/openapi/v1.json", HttpStatusCode.OK);
        await Send("/cutover", HttpStatusCode.OK);

        // Zones: the listing (two pages), one zone, its bays; unknown and other-tenant ids; bad input (answered before the store).
        var firstPage = await Send("/zones?limit=5", HttpStatusCode.OK);
        var cursor = firstPage.Json["nextCursor"]?.GetValue<string>();
        cursor.Should().NotBeNull("the guide has 36 zones");
        await Send("/zones?limit=5&cursor=" + Uri.EscapeDataString(cursor!), HttpStatusCode.OK);

        await Send("/zones", HttpStatusCode.OK, tenant: ParkingWorld.TenantB);
        await Send("/zones?limit=0", HttpStatusCode.BadRequest);
        await Send("/zones/zone-001", HttpStatusCode.OK);
        await Send("/zones/zone-nope", HttpStatusCode.NotFound);
        await Send("/zones/" + ParkingWorld.ZoneB, HttpStatusCode.NotFound);
        await Send("/zones/zone-001/bays", HttpStatusCode.OK);
        await Send("/zones/zone-nope/bays", HttpStatusCode.NotFound);
        await Send($"/zones/{ParkingWorld.ZoneB}/bays", HttpStatusCode.OK, tenant: ParkingWorld.TenantB);

        // Sensors: by id, by DevEUI, events (a range over the guide's January, paged); unknown and other-tenant ids.
        await Send("/sensors/PSL01B-001", HttpStatusCode.OK);
        await Send("/sensors/PSL01B-nope", HttpStatusCode.NotFound);
        await Send("/sensors/" + ParkingWorld.SensorB, HttpStatusCode.NotFound);
        await Send("/sensors/by-deveui/a8-40-41-00-01-81-23-45", HttpStatusCode.OK);
        await Send("/sensors/by-deveui/FFFFFFFFFFFFFFF0", HttpStatusCode.NotFound);
        await Send("/sensors/by-deveui/" + ParkingWorld.SensorBDevEui, HttpStatusCode.NotFound);
        var events = await Send("/sensors/PSL01B-001/events?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&limit=2", HttpStatusCode.OK);
        events.Json["items"]!.AsArray().Should().NotBeEmpty("the guide's sensor has January events");
        await Send("/sensors/PSL01B-001/events", HttpStatusCode.OK);
        await Send("/sensors/PSL01B-nope/events", HttpStatusCode.NotFound);
        await Send("/sensors/PSL01B-001/events?from=yesterday", HttpStatusCode.BadRequest);

        // Alerts: the listings by status; acknowledge and resolve an open alert (twice each: idempotent), then acknowledge the resolved
        // one (409); unknown and other-tenant ids; the other tenant resolving its own alert.
        var open = await Send("/alerts?status=OPEN&limit=1000", HttpStatusCode.OK);
        await Send("/alerts?status=ACKNOWLEDGED", HttpStatusCode.OK);
        await Send("/alerts?status=RESOLVED&limit=2", HttpStatusCode.OK);
        await Send("/alerts?status=BOGUS", HttpStatusCode.BadRequest);
        var alertId = open.Json["items"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).First();
        await Send($"/alerts/{alertId}/acknowledge", HttpStatusCode.OK, HttpMethod.Post);
        await Send($"/alerts/{alertId}/acknowledge", HttpStatusCode.OK, HttpMethod.Post);
        await Send($"/alerts/{alertId}/resolve", HttpStatusCode.OK, HttpMethod.Post);
        await Send($"/alerts/{alertId}/resolve", HttpStatusCode.OK, HttpMethod.Post);
        await Send($"/alerts/{alertId}/acknowledge", HttpStatusCode.Conflict, HttpMethod.Post);
        await Send("/alerts/alert-nope/acknowledge", HttpStatusCode.NotFound, HttpMethod.Post);
        await Send("/alerts/alert-nope/resolve", HttpStatusCode.NotFound, HttpMethod.Post);
        await Send($"/alerts/{ParkingWorld.AlertB}/acknowledge", HttpStatusCode.NotFound, HttpMethod.Post);
        await Send($"/alerts/{ParkingWorld.AlertB}/resolve", HttpStatusCode.NotFound, HttpMethod.Post);
        await Send("/alerts", HttpStatusCode.OK, tenant: ParkingWorld.TenantB);
        await Send($"/alerts/{ParkingWorld.AlertB}/resolve", HttpStatusCode.OK, HttpMethod.Post, tenant: ParkingWorld.TenantB);

        // Admin writes: zones, bays, sensors created, changed (a move of a bay and of a sensor, a DevEUI change, a decommission) and deleted;
        // a missing parent, a taken id, a stale If-Match, another tenant's id, a parent with children.
        async Task<ApiAnswer> Write(HttpMethod method, string path, string? json, HttpStatusCode expected, string? ifMatch = "*")
        {
            var answer = await api.WriteAsync(method, path, json, method == HttpMethod.Post ? null : ifMatch);
            answer.Status.Should().Be(expected, $"{method} {path} {json}: {answer.Body}");
            return answer;
        }

        var site = VisionDrive.Parking.Datasets.GuideDataset.SiteId;
        var zone = await Write(HttpMethod.Post, "/zones", $$$"""{"id":"zone-iam","siteId":"{{{site}}}","name":"IAM","kind":"PAID","tariff":{"pricePerHour":5}}""", HttpStatusCode.Created);
        await Write(HttpMethod.Post, "/zones", $$"""{"id":"zone-iam","siteId":"{{site}}","name":"IAM","kind":"PAID"}""", HttpStatusCode.Conflict);
        await Write(HttpMethod.Post, "/zones", """{"id":"zone-iam-x","siteId":"site-b-001","name":"IAM","kind":"PAID"}""", HttpStatusCode.NotFound);
        await Write(HttpMethod.Put, "/zones/zone-iam", """{"name":"IAM 2"}""", HttpStatusCode.OK, zone.ETag);
        await Write(HttpMethod.Put, "/zones/zone-iam", """{"name":"IAM 3"}""", HttpStatusCode.PreconditionFailed, zone.ETag);
        await Write(HttpMethod.Put, "/zones/" + ParkingWorld.ZoneB, """{"name":"IAM"}""", HttpStatusCode.NotFound);
        await Write(HttpMethod.Post, "/zones/zone-iam/bays", """{"id":"bay-iam-1","code":"I-1"}""", HttpStatusCode.Created);
        await Write(HttpMethod.Post, "/zones/zone-iam/bays", """{"id":"bay-iam-2","code":"I-2"}""", HttpStatusCode.Created);
        await Write(HttpMethod.Post, "/zones/zone-nope/bays", """{"id":"bay-iam-3","code":"I-3"}""", HttpStatusCode.NotFound);
        await Send("/bays/bay-iam-1", HttpStatusCode.OK);
        await Send("/bays/" + ParkingWorld.BayB, HttpStatusCode.NotFound);
        await Write(HttpMethod.Put, "/bays/bay-iam-1", """{"code":"I-101"}""", HttpStatusCode.OK);
        await Write(HttpMethod.Put, "/bays/bay-iam-2", """{"zoneId":"zone-001"}""", HttpStatusCode.OK);
        await Write(HttpMethod.Post, "/sensors", """{"id":"SNS-IAM-1","devEui":"1A00000000000001","type":"PARKING","bayId":"bay-iam-1"}""", HttpStatusCode.Created);
        await Write(HttpMethod.Post, "/sensors", """{"id":"SNS-IAM-2","devEui":"1A00000000000001","type":"PARKING","zoneId":"zone-iam"}""", HttpStatusCode.Conflict);
        await Write(HttpMethod.Post, "/sensors", $$"""{"id":"SNS-IAM-2","devEui":"1A00000000000002","type":"PARKING","siteId":"{{site}}"}""", HttpStatusCode.Created);
        await Write(HttpMethod.Put, "/sensors/SNS-IAM-1", """{"bayId":"bay-iam-2"}""", HttpStatusCode.OK);
        await Write(HttpMethod.Put, "/sensors/SNS-IAM-2", """{"zoneId":"zone-iam","devEui":"1A00000000000022"}""", HttpStatusCode.OK);
        await Write(HttpMethod.Put, "/sensors/SNS-IAM-1", """{"status":"decommissioned"}""", HttpStatusCode.OK);
        await Write(HttpMethod.Put, "/sensors/" + ParkingWorld.SensorB, """{"status":"decommissioned"}""", HttpStatusCode.NotFound);
        await Write(HttpMethod.Delete, "/zones/zone-iam", null, HttpStatusCode.Conflict);
        await Write(HttpMethod.Delete, "/bays/bay-iam-2", null, HttpStatusCode.Conflict);
        await Write(HttpMethod.Delete, "/sensors/SNS-IAM-1", null, HttpStatusCode.NoContent);
        await Write(HttpMethod.Delete, "/sensors/SNS-IAM-2", null, HttpStatusCode.NoContent);
        await Write(HttpMethod.Delete, "/sensors/" + ParkingWorld.SensorB, null, HttpStatusCode.NotFound);
        await Write(HttpMethod.Delete, "/bays/bay-iam-1", null, HttpStatusCode.NoContent);
        await Write(HttpMethod.Delete, "/bays/bay-iam-2", null, HttpStatusCode.NoContent);
        await Write(HttpMethod.Delete, "/zones/zone-iam", null, HttpStatusCode.NoContent);
        await Write(HttpMethod.Delete, "/zones/zone-iam", null, HttpStatusCode.NotFound);

        // Every route of the app was requested and answered a success at least once.
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => RouteRecorder.Name(m, e)))
            .ToHashSet(StringComparer.Ordinal);
        endpoints.Should().Contain(["GET /health", "GET /zones/", "GET /zones/{id}", "POST /alerts/{id}/resolve"], "the endpoint list is the app's");
        var requested = routes.Requests.ToList();
        output.WriteLine("routes: " + string.Join("; ", requested.GroupBy(r => r.Route).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} → {string.Join(",", g.Select(r => r.Status).Distinct().Order())}")));
        requested.Select(r => r.Route).Should().Contain(endpoints, "every route of the app must be driven (a new route needs a call here and, if it reaches the store, a policy change)");
        foreach (var endpoint in endpoints)
        {
            requested.Should().Contain(r => r.Route == endpoint && r.Status >= 200 && r.Status < 300, $"{endpoint} is driven on its success path");
        }

        // The recorded calls are exactly the policy's grants.
        var calls = recorder.Handler.Calls;
        output.WriteLine($"{calls.Count} DynamoDB requests:{Environment.NewLine}{IamPolicies.Describe(calls, world.Table)}");
        calls.Should().NotBeEmpty("the API's store client must be the recording one");
        var needed = calls.Select(c => IamPolicies.Needs(c, world.Table)).ToHashSet();
        var granted = IamPolicies.Read(Policy);
        needed.Except(granted).Should().BeEmpty($"every DynamoDB call of the API must be allowed by docs/iam/{Policy}");
        granted.Except(needed).Should().BeEmpty($"docs/iam/{Policy} must grant nothing the API does not call (least privilege)");
    }

    /// <summary>Records, for every request, the route the app matched (<c>METHOD pattern</c>) and the status, when the response starts.</summary>
    private sealed class RouteRecorder : IStartupFilter
    {
        public ConcurrentQueue<(string Route, int Status)> Requests { get; } = new();

        public static string Name(string method, RouteEndpoint endpoint) => method + " " + endpoint.RoutePattern.RawText;

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                context.Response.OnStarting(() =>
                {
                    var route = context.GetEndpoint() is RouteEndpoint e ? Name(context.Request.Method, e) : "(no route) " + context.Request.Path;
                    Requests.Enqueue((route, context.Response.StatusCode));
                    return Task.CompletedTask;
                });
                await nextMiddleware(context);
            });
            next(app);
        };
    }
}
