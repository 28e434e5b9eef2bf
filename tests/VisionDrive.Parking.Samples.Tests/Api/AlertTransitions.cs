using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace VisionDrive.Parking.Samples.Tests.Api;

/// <summary>Acknowledge and resolve: the same transitions and bodies on both stores; idempotent; a resolved alert cannot be acknowledged.</summary>
[Collection(ApiCollection.Name)]
public sealed class AlertTransitions(ApiFixture fixture)
{
    [Fact]
    public async Task Acknowledge_then_resolve_moves_an_open_alert_the_same_way_on_both_stores()
    {
        var open = await fixture.Postgres.SendAsync("/alerts?status=OPEN");
        var id = open.Json["items"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).Last();

        var steps = new (string Path, HttpStatusCode Status, string? AlertStatus)[]
        {
            ($"/alerts/{id}/acknowledge", HttpStatusCode.OK, "ACKNOWLEDGED"),
            ($"/alerts/{id}/acknowledge", HttpStatusCode.OK, "ACKNOWLEDGED"),
            ($"/alerts/{id}/resolve", HttpStatusCode.OK, "RESOLVED"),
            ($"/alerts/{id}/resolve", HttpStatusCode.OK, "RESOLVED"),
            ($"/alerts/{id}/acknowledge", HttpStatusCode.Conflict, null),
        };
        foreach (var (path, status, alertStatus) in steps)
        {
            var dynamo = await fixture.DynamoDb.SendAsync(path, method: HttpMethod.Post);
            var postgres = await fixture.Postgres.SendAsync(path, method: HttpMethod.Post);

            dynamo.Status.Should().Be(status, dynamo.Body);
            postgres.Status.Should().Be(status, postgres.Body);
            dynamo.Canonical.Should().Be(postgres.Canonical);
            if (alertStatus is not null)
            {
                dynamo.Json["status"]!.GetValue<string>().Should().Be(alertStatus);
            }
        }

        foreach (var api in new[] { fixture.DynamoDb, fixture.Postgres })
        {
            (await api.SendAsync("/alerts?status=OPEN&limit=1000")).Json["items"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).Should().NotContain(id);
            var resolved = (await api.SendAsync("/alerts?status=RESOLVED&limit=1000")).Json["items"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == id)!;
            resolved["resolvedAt"]!.GetValue<System.DateTimeOffset>().Should().Be(Support.RunningApi.Now);
        }
    }
}
