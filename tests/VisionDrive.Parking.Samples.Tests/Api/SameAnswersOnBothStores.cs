using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using VisionDrive.Parking.Samples.Tests.Support;

namespace VisionDrive.Parking.Samples.Tests.Api;

/// <summary>Every read route answers the same on DynamoDB and on PostgreSQL (the rollback plan is one setting), item for item.</summary>
[Collection(ApiCollection.Name)]
public sealed class SameAnswersOnBothStores(ApiFixture fixture)
{
    private const string January = "from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z";

    public static TheoryData<string> Reads => new()
    {
        "/zones",
        "/zones?limit=5",
        "/zones/zone-001",
        "/zones/zone-036",
        "/zones/zone-001/bays",
        "/zones/zone-005/bays",
        "/zones/zone-036/bays",
        "/sensors/PSL01B-001",
        "/sensors/PSL01B-041",
        "/sensors/GW-DXB-01",
        "/sensors/by-deveui/A840410001812345",
        "/sensors/by-deveui/a8-40-41-00-01-81-23-46",
        "/sensors/PSL01B-001/events?" + January,
        "/sensors/PSL01B-002/events?" + January + "&limit=2",
        "/sensors/GW-DXB-01/events?" + January,
        "/sensors/PSL01B-001/events",
        "/alerts",
        "/alerts?status=OPEN&limit=3",
        "/alerts?status=resolved",
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Read_answers_the_same_on_DynamoDb_and_Postgres(string path)
    {
        var dynamo = await fixture.DynamoDb.SendAsync(path);
        var postgres = await fixture.Postgres.SendAsync(path);

        dynamo.Status.Should().Be(HttpStatusCode.OK, dynamo.Body);
        postgres.Status.Should().Be(HttpStatusCode.OK, postgres.Body);
        dynamo.Canonical.Should().Be(postgres.Canonical);
    }

    [Fact]
    public async Task Zones_lists_the_guides_36_zones()
    {
        var answer = await fixture.DynamoDb.SendAsync("/zones");

        answer.Json["count"]!.GetValue<int>().Should().Be(36);
        answer.Json["items"]!.AsArray().Should().HaveCount(36);
        answer.Json["items"]![0]!["id"]!.GetValue<string>().Should().Be("zone-001");
    }

    [Fact]
    public async Task Zone_bays_report_live_vacant_and_occupied_counts()
    {
        var answer = await fixture.DynamoDb.SendAsync("/zones/zone-001/bays");

        var json = answer.Json;
        json["count"]!.GetValue<int>().Should().Be(2);
        (json["vacant"]!.GetValue<int>() + json["occupied"]!.GetValue<int>()).Should().Be(2);
        foreach (var bay in json["items"]!.AsArray())
        {
            bay!["status"]!.GetValue<string>().Should().BeOneOf("vacant", "occupied");
        }
    }

    [Fact]
    public async Task Paging_events_with_cursors_reads_the_same_sequence_on_both_stores()
    {
        async Task<List<string>> ReadAll(RunningApi api)
        {
            var ids = new List<string>();
            string? cursor = null;
            for (var pages = 0; pages < 50; pages++)
            {
                var path = "/sensors/PSL01B-001/events?" + January + "&limit=1" + (cursor is null ? "" : "&cursor=" + System.Uri.EscapeDataString(cursor));
                var answer = await api.SendAsync(path);
                answer.Status.Should().Be(HttpStatusCode.OK, answer.Body);
                foreach (var item in answer.Json["items"]!.AsArray())
                {
                    ids.Add(item!["id"]!.GetValue<string>());
                }

                cursor = answer.Json["nextCursor"]?.GetValue<string>();
                if (cursor is null)
                {
                    return ids;
                }
            }

            return ids;
        }

        var dynamo = await ReadAll(fixture.DynamoDb);
        var postgres = await ReadAll(fixture.Postgres);

        dynamo.Should().HaveCountGreaterThan(2).And.OnlyHaveUniqueItems();
        dynamo.Should().Equal(postgres);
    }

    [Fact]
    public async Task Health_is_200_with_the_store_name()
    {
        (await fixture.DynamoDb.SendAsync("/health")).Json["store"]!.GetValue<string>().Should().Be("DynamoDb");
        (await fixture.Postgres.SendAsync("/health")).Json["store"]!.GetValue<string>().Should().Be("Postgres");
    }

    [Fact]
    public async Task OpenApi_document_describes_every_route()
    {
        var answer = await fixture.DynamoDb.SendAsync("/openapi/v1.json");

        answer.Status.Should().Be(HttpStatusCode.OK);
        answer.Json["openapi"]!.GetValue<string>().Should().StartWith("3.");
        var paths = answer.Json["paths"]!.AsObject();
        foreach (var path in new[] { "/zones", "/zones/{id}", "/zones/{id}/bays", "/sensors/{id}", "/sensors/by-deveui/{devEui}", "/sensors/{id}/events", "/alerts", "/alerts/{id}/acknowledge", "/alerts/{id}/resolve", "/health", "/bays/{id}", "/sensors" })
        {
            paths.ContainsKey(path).Should().BeTrue($"the OpenAPI document should describe {path}");
        }
    }
}
