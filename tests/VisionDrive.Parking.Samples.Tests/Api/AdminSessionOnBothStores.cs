using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using VisionDrive.Parking.Datasets;
using VisionDrive.Parking.Samples.Tests.Support;
using Xunit.Abstractions;

namespace VisionDrive.Parking.Samples.Tests.Api;

/// <summary>
/// One scripted session of admin writes and reads, sent to the API on DynamoDB and to the API on PostgreSQL (same starting data, its own
/// world so the shared read fixture keeps the guide's data): after every step both answer the same status, body, ETag and Location,
/// including the 400, 404 (missing parent, another tenant's id), 409, 412 (stale If-Match) and 428 cases.
/// </summary>
public sealed class AdminSessionOnBothStores(ApiFixture fixture, ITestOutputHelper output) : IClassFixture<ApiFixture>
{
    private const string Site = GuideDataset.SiteId;
    private const string Zone = "zone-adm-1";
    private const string BayOne = "bay-adm-1";
    private const string BayTwo = "bay-adm-2";

    [Fact]
    public async Task A_session_of_admin_writes_answers_the_same_on_DynamoDb_and_Postgres()
    {
        var dynamo = new Session(fixture.DynamoDb);
        var postgres = new Session(fixture.Postgres);
        var steps = Script();
        var counts = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var d = await dynamo.RunAsync(step);
            var p = await postgres.RunAsync(step);
            var what = $"step {i + 1}: {step.Method} {step.Path} {step.Json}";
            output.WriteLine($"{what} → {(int)d.Status} {d.ETag}");
            d.Status.Should().Be(step.Expected, $"{what} on DynamoDB: {d.Body}");
            p.Status.Should().Be(step.Expected, $"{what} on PostgreSQL: {p.Body}");
            d.Canonical.Should().Be(p.Canonical, what);
            d.ETag.Should().Be(p.ETag, what);
            d.Location.Should().Be(p.Location, what);
            d.MediaType.Should().Be(p.MediaType, what);
            if ((int)step.Expected >= 400)
            {
                d.MediaType.Should().Be("application/problem+json", what);
            }

            counts[step.Expected] = counts.GetValueOrDefault(step.Expected) + 1;
        }

        foreach (var status in new[] { HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.Conflict, HttpStatusCode.PreconditionFailed, (HttpStatusCode)428 })
        {
            counts.GetValueOrDefault(status).Should().BePositive($"the script covers {status}");
        }
    }

    private static List<Step> Script()
    {
        const string B = ParkingWorld.TenantB;
        var zoneBody = $$$"""{"id":"{{{Zone}}}","siteId":"{{{Site}}}","name":"Admin Zone","kind":"PAID","tariff":{"pricePerHour":12.5,"currency":"AED","free":[{"from":"22:00","to":"08:00"}]}}""";
        return
        [
            // Zones: create, the same id again, a site of another tenant, bad bodies.
            new("POST", "/zones", zoneBody, HttpStatusCode.Created),
            new("POST", "/zones", zoneBody, HttpStatusCode.Conflict),
            new("POST", "/zones", $$"""{"id":"zone-adm-x","siteId":"site-b-001","name":"X","kind":"PAID"}""", HttpStatusCode.NotFound),
            new("POST", "/zones", $$"""{"id":"zone-adm-x","siteId":"{{Site}}","kind":"PAID"}""", HttpStatusCode.BadRequest),
            new("POST", "/zones", $$"""{"id":"zone-adm-x","siteId":"{{Site}}","name":"X","kind":"PAID","colour":"red"}""", HttpStatusCode.BadRequest),
            new("GET", "/zones/" + Zone, null, HttpStatusCode.OK),

            // Zone updates: with the ETag, with the old one (412), without If-Match (428), moving site (409), another tenant's zone (404).
            new("PUT", "/zones/" + Zone, """{"name":"Admin Zone (renamed)","tariff":{"pricePerHour":15,"currency":"AED"}}""", HttpStatusCode.OK, IfMatch.Latest("/zones/" + Zone)),
            new("PUT", "/zones/" + Zone, """{"name":"lost update"}""", HttpStatusCode.PreconditionFailed, IfMatch.First("/zones/" + Zone)),
            new("PUT", "/zones/" + Zone, """{"name":"no precondition"}""", (HttpStatusCode)428),
            new("PUT", "/zones/" + Zone, """{"siteId":"site-b-001"}""", HttpStatusCode.Conflict, IfMatch.Latest("/zones/" + Zone)),
            new("PUT", "/zones/" + ParkingWorld.ZoneB, """{"name":"not yours"}""", HttpStatusCode.NotFound, IfMatch.Any),
            new("PUT", "/zones/" + Zone, """{"kind":"FREE"}""", HttpStatusCode.OK, IfMatch.Any),
            new("GET", "/zones/" + Zone, null, HttpStatusCode.OK),

            // Bays: create two, in another tenant's zone (404), a taken id (409), read, another tenant's bay (404).
            new("POST", $"/zones/{Zone}/bays", $$"""{"id":"{{BayOne}}","code":"ADM-001","lat":25.1972,"lng":55.2744}""", HttpStatusCode.Created),
            new("POST", $"/zones/{Zone}/bays", $$"""{"id":"{{BayTwo}}","code":"ADM-002"}""", HttpStatusCode.Created),
            new("POST", $"/zones/{ParkingWorld.ZoneB}/bays", """{"id":"bay-adm-x","code":"X"}""", HttpStatusCode.NotFound),
            new("POST", "/zones/zone-nope/bays", """{"id":"bay-adm-x","code":"X"}""", HttpStatusCode.NotFound),
            new("POST", $"/zones/{Zone}/bays", $$"""{"id":"{{BayOne}}","code":"ADM-009"}""", HttpStatusCode.Conflict),
            new("POST", $"/zones/{Zone}/bays", """{"id":"bay-adm-x","code":"X","lat":91}""", HttpStatusCode.BadRequest),
            new("GET", "/bays/" + BayOne, null, HttpStatusCode.OK),
            new("GET", "/bays/" + ParkingWorld.BayB, null, HttpStatusCode.NotFound),
            new("GET", "/bays/" + ParkingWorld.BayB, null, HttpStatusCode.OK, Tenant: B),

            // Bay updates: a new code, a move to the guide's zone-001, a move into another tenant's zone (404), a stale version (412).
            new("PUT", "/bays/" + BayOne, """{"code":"ADM-101"}""", HttpStatusCode.OK, IfMatch.Latest("/bays/" + BayOne)),
            new("PUT", "/bays/" + BayTwo, """{"zoneId":"zone-001"}""", HttpStatusCode.OK, IfMatch.Latest("/bays/" + BayTwo)),
            new("PUT", "/bays/" + BayTwo, $$"""{"zoneId":"{{ParkingWorld.ZoneB}}"}""", HttpStatusCode.NotFound, IfMatch.Latest("/bays/" + BayTwo)),
            new("PUT", "/bays/" + BayOne, """{"code":"ADM-lost"}""", HttpStatusCode.PreconditionFailed, IfMatch.First("/bays/" + BayOne)),
            new("PUT", "/bays/" + BayOne, """{"code":"ADM-bad"}""", HttpStatusCode.BadRequest, "\"yesterday\""),
            new("GET", $"/zones/{Zone}/bays", null, HttpStatusCode.OK),
            new("GET", "/zones/zone-001/bays", null, HttpStatusCode.OK),

            // Sensors: register on a bay, a taken DevEUI (also another tenant's), an occupied bay, in stock, in a zone; a bay of another tenant.
            new("POST", "/sensors", $$"""{"id":"SNS-ADM-1","devEui":"aa:00:00:00:00:00:00:01","type":"PARKING","bayId":"{{BayOne}}"}""", HttpStatusCode.Created),
            new("POST", "/sensors", """{"id":"SNS-ADM-2","devEui":"AA00000000000001","type":"PARKING","siteId":"site-001"}""".Replace("site-001", Site, StringComparison.Ordinal), HttpStatusCode.Conflict),
            new("POST", "/sensors", $$"""{"id":"SNS-ADM-2","devEui":"{{ParkingWorld.SensorBDevEui}}","type":"PARKING","siteId":"{{Site}}"}""", HttpStatusCode.Conflict),
            new("POST", "/sensors", $$"""{"id":"SNS-ADM-3","devEui":"AA00000000000003","type":"PARKING","bayId":"{{BayOne}}"}""", HttpStatusCode.Conflict),
            new("POST", "/sensors", $$"""{"id":"SNS-ADM-3","devEui":"AA00000000000003","type":"PARKING","bayId":"{{ParkingWorld.BayB}}"}""", HttpStatusCode.NotFound),
            new("POST", "/sensors", """{"id":"SNS-ADM-3","devEui":"not-hex","type":"PARKING","zoneId":"zone-001"}""", HttpStatusCode.BadRequest),
            new("POST", "/sensors", $$"""{"id":"SNS-ADM-3","devEui":"AA00000000000003","type":"PARKING","siteId":"{{Site}}"}""", HttpStatusCode.Created),
            new("POST", "/sensors", $$"""{"id":"SNS-ADM-4","devEui":"AA00000000000004","type":"PARKING","zoneId":"{{Zone}}","status":"active"}""", HttpStatusCode.Created),
            new("GET", "/bays/" + BayOne, null, HttpStatusCode.OK),
            new("GET", "/sensors/by-deveui/AA00000000000001", null, HttpStatusCode.OK),

            // Sensor updates: move to the moved bay, a stale version, assign from stock to a bay, decommission, reuse the freed DevEUI.
            new("PUT", "/sensors/SNS-ADM-1", $$"""{"bayId":"{{BayTwo}}"}""", HttpStatusCode.OK, IfMatch.Latest("/sensors/SNS-ADM-1")),
            new("PUT", "/sensors/SNS-ADM-1", $$"""{"bayId":"{{BayOne}}"}""", HttpStatusCode.PreconditionFailed, IfMatch.First("/sensors/SNS-ADM-1")),
            new("GET", "/bays/" + BayOne, null, HttpStatusCode.OK),
            new("GET", "/bays/" + BayTwo, null, HttpStatusCode.OK),
            new("PUT", "/sensors/SNS-ADM-3", $$"""{"bayId":"{{BayTwo}}"}""", HttpStatusCode.Conflict, IfMatch.Latest("/sensors/SNS-ADM-3")),
            new("PUT", "/sensors/SNS-ADM-3", $$"""{"bayId":"{{BayOne}}","type":"PARKING-V2"}""", HttpStatusCode.OK, IfMatch.Latest("/sensors/SNS-ADM-3")),
            new("PUT", "/sensors/SNS-ADM-4", """{"devEui":"AA00000000000003"}""", HttpStatusCode.Conflict, IfMatch.Latest("/sensors/SNS-ADM-4")),
            new("PUT", "/sensors/SNS-ADM-4", """{"devEui":"AA-00-00-00-00-00-00-44"}""", HttpStatusCode.OK, IfMatch.Latest("/sensors/SNS-ADM-4")),
            new("PUT", "/sensors/SNS-ADM-1", """{"status":"decommissioned"}""", HttpStatusCode.OK, IfMatch.Latest("/sensors/SNS-ADM-1")),
            new("POST", "/sensors", $$"""{"id":"SNS-ADM-2","devEui":"AA00000000000001","type":"PARKING","zoneId":"{{Zone}}"}""", HttpStatusCode.Created),
            new("PUT", "/sensors/" + ParkingWorld.SensorB, """{"status":"decommissioned"}""", HttpStatusCode.NotFound, IfMatch.Any),
            new("GET", "/sensors/SNS-ADM-1", null, HttpStatusCode.OK),

            // Deletes: parents with children (409), a stale version (412), no If-Match (428), then children first and the zone last.
            new("DELETE", "/bays/" + BayTwo, null, HttpStatusCode.Conflict, IfMatch.Latest("/bays/" + BayTwo)),
            new("DELETE", "/zones/" + Zone, null, HttpStatusCode.Conflict, IfMatch.Latest("/zones/" + Zone)),
            new("DELETE", "/sensors/SNS-ADM-1", null, HttpStatusCode.PreconditionFailed, IfMatch.First("/sensors/SNS-ADM-1")),
            new("DELETE", "/sensors/SNS-ADM-1", null, (HttpStatusCode)428),
            new("DELETE", "/sensors/SNS-ADM-1", null, HttpStatusCode.NoContent, IfMatch.Latest("/sensors/SNS-ADM-1")),
            new("DELETE", "/sensors/" + ParkingWorld.SensorB, null, HttpStatusCode.NotFound, IfMatch.Any),
            new("GET", "/bays/" + BayTwo, null, HttpStatusCode.OK),
            new("DELETE", "/bays/" + BayTwo, null, HttpStatusCode.NoContent, IfMatch.Any),
            new("PUT", "/sensors/SNS-ADM-3", """{"bayId":null,"zoneId":null}""", HttpStatusCode.OK, IfMatch.Latest("/sensors/SNS-ADM-3")),
            new("DELETE", "/bays/" + BayOne, null, HttpStatusCode.NoContent, IfMatch.Any),
            new("DELETE", "/sensors/SNS-ADM-2", null, HttpStatusCode.NoContent, IfMatch.Any),
            new("DELETE", "/zones/" + Zone, null, HttpStatusCode.Conflict, IfMatch.Any),
            new("DELETE", "/sensors/SNS-ADM-4", null, HttpStatusCode.NoContent, IfMatch.Any),
            new("DELETE", "/zones/" + Zone, null, HttpStatusCode.NoContent, IfMatch.Latest("/zones/" + Zone)),
            new("GET", "/zones/" + Zone, null, HttpStatusCode.NotFound),
            new("DELETE", "/zones/" + Zone, null, HttpStatusCode.NotFound, IfMatch.Any),
            new("DELETE", "/zones/" + ParkingWorld.ZoneB, null, HttpStatusCode.NotFound, IfMatch.Any),
            new("GET", "/sensors/SNS-ADM-3", null, HttpStatusCode.OK),

            // The other tenant acts on its own zone.
            new("PUT", "/zones/" + ParkingWorld.ZoneB, """{"name":"B Zone (renamed)"}""", HttpStatusCode.OK, IfMatch.Any, B),
            new("DELETE", "/zones/" + ParkingWorld.ZoneB, null, HttpStatusCode.Conflict, IfMatch.Any, B),
            new("GET", "/zones", null, HttpStatusCode.OK, Tenant: B),
            new("GET", "/zones", null, HttpStatusCode.OK),
        ];
    }

    /// <summary>One request of the script; <see cref="IfMatch"/> is a literal header value or one of the <c>IfMatch</c> references.</summary>
    private sealed record Step(string Method, string Path, string? Json, HttpStatusCode Expected, string? IfMatch = null, string? Tenant = null);

    /// <summary>If-Match values: the latest or the first ETag the session saw for a resource path, resolved per store.</summary>
    private static class IfMatch
    {
        public const string Any = "*";

        public static string Latest(string path) => "latest:" + path;

        public static string First(string path) => "first:" + path;
    }

    /// <summary>The ETags one API gave per resource path (from GET, PUT and the Location of a POST).</summary>
    private sealed class Session(RunningApi api)
    {
        private readonly Dictionary<string, List<string>> _etags = new(StringComparer.Ordinal);

        public async Task<ApiAnswer> RunAsync(Step step)
        {
            var ifMatch = step.IfMatch switch
            {
                null => null,
                var s when s.StartsWith("latest:", StringComparison.Ordinal) => _etags[s["latest:".Length..]][^1],
                var s when s.StartsWith("first:", StringComparison.Ordinal) => _etags[s["first:".Length..]][0],
                var s => s,
            };
            var answer = await api.WriteAsync(new HttpMethod(step.Method), step.Path, step.Json, ifMatch, step.Tenant);
            var resource = answer.Location ?? step.Path;
            if (answer.ETag is { } etag && answer.Status is HttpStatusCode.OK or HttpStatusCode.Created)
            {
                if (!_etags.TryGetValue(resource, out var list))
                {
                    _etags[resource] = list = [];
                }

                list.Add(etag);
            }

            return answer;
        }
    }
}
