using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace VisionDrive.Parking.Samples.Tests.Api;

/// <summary>Bad input is 400 and an unknown id 404, as RFC 7807 problem details that say what is wrong — the same on both stores.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputAndUnknownIds(ApiFixture fixture)
{
    private const string Events = "/sensors/PSL01B-001/events";

    public static TheoryData<string, string> BadRequests => new()
    {
        { "/zones/bad%20id", "zone id" },
        { "/zones/" + new string('z', 129), "zone id" },
        { "/zones/a%23b/bays", "zone id" },
        { "/sensors/PSL01B%2F001", "sensor id" },
        { "/sensors/by-deveui/XYZ", "DevEUI" },
        { "/sensors/by-deveui/A8404100018123450", "DevEUI" },
        { Events + "?from=yesterday", "from" },
        { Events + "?to=2026-13-01T00:00:00Z", "to" },
        { Events + "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "before" },
        { Events + "?from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "before" },
        { Events + "?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "366" },
        { Events + "?limit=0", "limit" },
        { Events + "?limit=1001", "limit" },
        { Events + "?limit=ten", "limit" },
        { Events + "?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&cursor=not-a-token", "cursor" },
        { Events + "?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&cursor=eyJ4IjoxfQ", "cursor" },
        { "/zones?cursor=%7B%7D", "cursor" },
        { "/zones?limit=-1", "limit" },
        { "/alerts?status=BOGUS", "status" },
        { "/alerts?limit=100000", "limit" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_400_problem_details_saying_what_is_wrong(string path, string mentions)
    {
        foreach (var api in new[] { fixture.DynamoDb, fixture.Postgres })
        {
            var answer = await api.SendAsync(path);

            answer.Status.Should().Be(HttpStatusCode.BadRequest, answer.Body);
            answer.MediaType.Should().Be("application/problem+json");
            answer.Json["status"]!.GetValue<int>().Should().Be(400);
            var detail = answer.Json["detail"]!.GetValue<string>();
            detail.Should().NotBeNullOrWhiteSpace();
            (detail + " parameter=" + answer.Json["parameter"]?.GetValue<string>()).Should().Contain(mentions);
            answer.Body.Should().NotContain("   at ", "no stack trace is ever returned");
        }
    }

    [Fact]
    public async Task A_bad_tenant_header_is_400()
    {
        var answer = await fixture.DynamoDb.SendAsync("/zones", tenant: "not a tenant!");

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Json["detail"]!.GetValue<string>().Should().Contain("X-Tenant-Id");
    }

    public static TheoryData<string, string> NotFounds => new()
    {
        { "GET", "/zones/zone-999" },
        { "GET", "/zones/zone-999/bays" },
        { "GET", "/sensors/PSL01B-999" },
        { "GET", "/sensors/by-deveui/FFFFFFFFFFFFFFFF" },
        { "GET", "/sensors/PSL01B-999/events" },
        { "POST", "/alerts/alert-999/acknowledge" },
        { "POST", "/alerts/alert-999/resolve" },
        { "GET", "/bays/bay-999" },
        { "DELETE", "/zones/zone-999" },
        { "DELETE", "/bays/bay-999" },
        { "DELETE", "/sensors/PSL01B-999" },
        { "GET", "/no/such/route" },
    };

    [Theory]
    [MemberData(nameof(NotFounds))]
    public async Task Unknown_id_is_404_problem_details(string method, string path)
    {
        foreach (var api in new[] { fixture.DynamoDb, fixture.Postgres })
        {
            var answer = await api.SendAsync(path, method: new HttpMethod(method));

            answer.Status.Should().Be(HttpStatusCode.NotFound, answer.Body);
            answer.MediaType.Should().Be("application/problem+json");
            answer.Json["status"]!.GetValue<int>().Should().Be(404);
        }
    }
}
