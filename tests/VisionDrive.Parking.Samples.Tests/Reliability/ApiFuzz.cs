using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using VisionDrive.Parking.Datasets;
using VisionDrive.Parking.Samples.Tests.Api;
using VisionDrive.Parking.Samples.Tests.Support;
using Xunit.Abstractions;

namespace VisionDrive.Parking.Samples.Tests.Reliability;

/// <summary>
/// Fuzz-style: generated requests (seeded) with odd strings in every path segment, query value and the tenant header, sent to the API on
/// both stores. Every answer is a clear one — 200, or 400/404/409 problem details with a detail and no stack trace — never a 5xx; both
/// stores give the same status; a 200 never carries another tenant's data. Mutating routes only get ids that are not real alerts, so the
/// shared world is unchanged.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiFuzz(ApiFixture fixture, ITestOutputHelper output)
{
    /// <summary>Fixed so a failure reproduces; <c>VDP_FUZZ_SEED</c> explores others.</summary>
    private static readonly int Seed = int.TryParse(System.Environment.GetEnvironmentVariable("VDP_FUZZ_SEED"), out var s) ? s : 7_203;
    private const int Requests = 400;

    private static readonly string[] OddStrings =
    [
        "", " ", "%20", "%00", "%0A", "%2F", "%23", "%25", "%2525", "..", ".", "~", "#", "a#b", "TENANT#x", "METADATA", "SENSOR#PSL01B-001",
        "' OR 1=1--", "\"", "%22%7D", "{}", "[]", "null", "-1", "0", "1e309", "NaN", "%F0%9F%9A%97", "%D9%85%D9%88%D9%82%D9%81", "%E2%80%AE",
        "%EF%BB%BF", "%C0%AF", "%FF", new string('z', 129), new string('9', 1100), "PSL01B-001%00", "psl01b-001", "PSL01B-0001", "zone-001 ",
        "ZONE-001", "zone-0", "alert-999", "B0B0B0B0B0B0B001", "a8:40:41:00:01:81:23:45", "A8404100018123450", "A84041000181234G",
    ];

    private static readonly string[] Routes =
    [
        "GET /zones", "GET /zones/{zone}", "GET /zones/{zone}/bays", "GET /sensors/{sensor}", "GET /sensors/by-deveui/{deveui}",
        "GET /sensors/{sensor}/events", "GET /alerts", "POST /alerts/{fakealert}/acknowledge", "POST /alerts/{fakealert}/resolve",
    ];

    private static readonly string[] TenantBIds = [ParkingWorld.ZoneB, ParkingWorld.BayB, ParkingWorld.SensorB, ParkingWorld.SensorBDevEui, ParkingWorld.AlertB, ParkingWorld.EventB];

    private static readonly string[] GuideIds = ["\"zone-0", "\"bay-0", "\"PSL01B-", "\"GW-DXB-", "A840410001812"];

    // 405: a path that has only admin write routes for the method asked (e.g. GET /sensors/, where POST /sensors is the route).
    private static readonly HttpStatusCode[] Clear = [HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed, HttpStatusCode.Conflict];

    [Fact]
    public async Task Generated_odd_requests_get_a_clear_answer_the_same_on_both_stores_and_never_another_tenants_data()
    {
        var random = new Random(Seed);
        var statuses = new Dictionary<HttpStatusCode, int>();
        var kestrelRefusals = 0;
        for (var i = 0; i < Requests; i++)
        {
            var (method, path, tenant) = Generate(random);
            var answers = new List<ApiAnswer>();
            foreach (var api in new[] { fixture.DynamoDb, fixture.Postgres })
            {
                var answer = await api.SendAsync(path, tenant, method);
                var what = $"#{i}: {method} {path} (tenant {tenant ?? "default"}) on {(api == fixture.DynamoDb ? "DynamoDB" : "PostgreSQL")} → {(int)answer.Status}: {answer.Body}";
                answer.Status.Should().BeOneOf(Clear, what);
                answer.Body.Should().NotContain("   at ", what);
                if (answer.Status == HttpStatusCode.BadRequest && answer.Body.Length == 0 && path.Contains("%00", StringComparison.Ordinal))
                {
                    // Kestrel itself refuses a NUL in the decoded path, before any middleware runs: a bare 400, nothing the app could add to.
                    kestrelRefusals++;
                }
                else if (answer.Status != HttpStatusCode.OK)
                {
                    answer.MediaType.Should().Be("application/problem+json", what);
                    answer.Json["status"]!.GetValue<int>().Should().Be((int)answer.Status, what);
                    (answer.Json["detail"]?.GetValue<string>() ?? answer.Json["title"]?.GetValue<string>()).Should().NotBeNullOrWhiteSpace(what);
                }
                else
                {
                    // No header, or a blank one (a header value is trimmed of white space), is the configured default tenant.
                    var expectedTenant = string.IsNullOrWhiteSpace(tenant) ? ParkingWorld.TenantA : tenant;
                    TenantIds(JsonNode.Parse(answer.Body)).Where(t => t != expectedTenant).Should().BeEmpty(what);
                    // Bays and events carry no tenantId: the other tenant's ids must not appear either.
                    (expectedTenant == ParkingWorld.TenantB ? GuideIds : TenantBIds).Where(id => answer.Body.Contains(id, StringComparison.Ordinal))
                        .Should().BeEmpty(what + ": no id of another tenant in a 200");
                }

                answers.Add(answer);
            }

            answers[0].Status.Should().Be(answers[1].Status, $"#{i}: {method} {path}: DynamoDB and PostgreSQL must agree (DynamoDB: {answers[0].Body}; PostgreSQL: {answers[1].Body})");
            statuses[answers[0].Status] = statuses.GetValueOrDefault(answers[0].Status) + 1;
        }

        statuses.GetValueOrDefault(HttpStatusCode.BadRequest).Should().BeGreaterThan(0, "the generator must reach validation");
        statuses.GetValueOrDefault(HttpStatusCode.NotFound).Should().BeGreaterThan(0);
        statuses.GetValueOrDefault(HttpStatusCode.OK).Should().BeGreaterThan(0, "some generated requests are valid");
        output.WriteLine("[VDP-API-FUZZ] " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}: {s.Value}")) + $" (seed {Seed}, {Requests} requests × 2 stores; {kestrelRefusals} answers were Kestrel's bare 400 for a NUL in the path)");
    }

    private static (HttpMethod Method, string Path, string? Tenant) Generate(Random random)
    {
        var route = Routes[random.Next(Routes.Length)];
        var method = new HttpMethod(route[..route.IndexOf(' ', StringComparison.Ordinal)]);
        var path = route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..]
            .Replace("{zone}", Pick(random, [GuideDataset.FirstZoneId, "zone-036", ParkingWorld.ZoneB]), StringComparison.Ordinal)
            .Replace("{sensor}", Pick(random, [GuideDataset.FirstSensorId, GuideDataset.FirstGatewayId, ParkingWorld.SensorB]), StringComparison.Ordinal)
            .Replace("{deveui}", Pick(random, ["A840410001812345", "a8-40-41-00-01-81-23-45", ParkingWorld.SensorBDevEui]), StringComparison.Ordinal)
            .Replace("{fakealert}", random.Next(3) == 0 ? "alert-" + random.Next(1000, 99999).ToString(CultureInfo.InvariantCulture) : Odd(random), StringComparison.Ordinal);
        var query = new List<string>();
        foreach (var name in new[] { "limit", "cursor", "from", "to", "status" })
        {
            if (random.Next(4) == 0)
            {
                query.Add(name + "=" + QueryValue(random, name));
            }
        }

        if (random.Next(10) == 0)
        {
            query.Add(Odd(random) + "=" + Odd(random));
        }

        if (query.Count > 0)
        {
            path += "?" + string.Join('&', query);
        }

        var tenant = random.Next(6) switch
        {
            0 => ParkingWorld.TenantB,
            1 => OddHeader(random),
            2 => null,
            _ => ParkingWorld.TenantA,
        };
        return (method, path, tenant);
    }

    /// <summary>A real value (often) or an odd string in place of one path segment.</summary>
    private static string Pick(Random random, string[] real) => random.Next(3) == 0 ? Odd(random) : real[random.Next(real.Length)];

    /// <summary>An odd string as it goes into a URL: its percent sequences kept as written (they are part of the oddity), every other
    /// character that is not unreserved escaped — a raw <c>#</c> or <c>?</c> would end the path before the server sees it.</summary>
    private static string Odd(Random random)
    {
        var s = OddStrings[random.Next(OddStrings.Length)];
        s = random.Next(4) == 0 && s.Length > 0 ? s.Insert(random.Next(s.Length), ((char)random.Next('!', '~')).ToString()) : s;
        var url = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            url.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '%' ? c.ToString() : Uri.EscapeDataString(c.ToString()));
        }

        return url.ToString();
    }

    /// <summary>An odd string as a header value (no percent-encoding there): the raw string, or a fallback when it cannot be sent.</summary>
    private static string OddHeader(Random random)
    {
        var s = OddStrings[random.Next(OddStrings.Length)];
        return s.Length > 0 && !s.Contains('%', StringComparison.Ordinal) ? s : "not a tenant!";
    }

    private static string QueryValue(Random random, string name) => (name, random.Next(4)) switch
    {
        ("limit", 0) => random.Next(-5, 1200).ToString(CultureInfo.InvariantCulture),
        ("limit", 1) => "2.5",
        ("from" or "to", 0) => DateTimeOffset.UnixEpoch.AddSeconds(random.NextInt64(0, 4_102_444_800)).ToString("O", CultureInfo.InvariantCulture).Replace("+", "%2B", StringComparison.Ordinal),
        ("from" or "to", 1) => "2026-01-" + random.Next(0, 40).ToString("00", CultureInfo.InvariantCulture) + "T00:00:00Z",
        ("status", 0) => Pick(random, ["OPEN", "ACKNOWLEDGED", "RESOLVED", "open"]),
        ("cursor", 0) => Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"k\":\"" + Odd(random) + "\"}")).Replace("+", "%2B", StringComparison.Ordinal),
        _ => Odd(random),
    };

    /// <summary>Every <c>tenantId</c> value anywhere in the answer.</summary>
    private static IEnumerable<string> TenantIds(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == "tenantId" && value is JsonValue v && v.TryGetValue<string>(out var t))
                    {
                        yield return t;
                    }

                    foreach (var inner in TenantIds(value))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    foreach (var inner in TenantIds(item))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
