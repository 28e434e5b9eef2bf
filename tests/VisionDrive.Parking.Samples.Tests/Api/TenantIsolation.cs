using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using VisionDrive.Parking.Samples.Tests.Support;

namespace VisionDrive.Parking.Samples.Tests.Api;

/// <summary>One tenant never reads another's data: ids guessed across tenants are 404 (as unknown ids), listings hold only the caller's.</summary>
[Collection(ApiCollection.Name)]
public sealed class TenantIsolation(ApiFixture fixture)
{
    public static TheoryData<string, string> OtherTenantsEntities => new()
    {
        { "GET", "/zones/" + ParkingWorld.ZoneB },
        { "GET", "/zones/" + ParkingWorld.ZoneB + "/bays" },
        { "GET", "/sensors/" + ParkingWorld.SensorB },
        { "GET", "/sensors/by-deveui/" + ParkingWorld.SensorBDevEui },
        { "GET", "/sensors/" + ParkingWorld.SensorB + "/events?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z" },
        { "POST", "/alerts/" + ParkingWorld.AlertB + "/acknowledge" },
        { "POST", "/alerts/" + ParkingWorld.AlertB + "/resolve" },
        { "GET", "/bays/" + ParkingWorld.BayB },
        { "DELETE", "/zones/" + ParkingWorld.ZoneB },
        { "DELETE", "/bays/" + ParkingWorld.BayB },
        { "DELETE", "/sensors/" + ParkingWorld.SensorB },
    };

    [Theory]
    [MemberData(nameof(OtherTenantsEntities))]
    public async Task Another_tenants_entity_is_404_for_the_default_tenant_and_by_header(string method, string path)
    {
        foreach (var api in new[] { fixture.DynamoDb, fixture.Postgres })
        {
            (await api.SendAsync(path, method: new HttpMethod(method))).Status.Should().Be(HttpStatusCode.NotFound);
            (await api.SendAsync(path, tenant: ParkingWorld.TenantA, method: new HttpMethod(method))).Status.Should().Be(HttpStatusCode.NotFound);
        }

        // Nothing was changed by the refused writes.
        var alerts = await fixture.DynamoDb.SendAsync("/alerts", tenant: ParkingWorld.TenantB);
        alerts.Json["items"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).Should().Contain(ParkingWorld.AlertB);
    }

    [Theory]
    [InlineData("/zones/zone-001")]
    [InlineData("/zones/zone-001/bays")]
    [InlineData("/sensors/PSL01B-001")]
    [InlineData("/sensors/by-deveui/A840410001812345")]
    [InlineData("/sensors/PSL01B-001/events")]
    public async Task The_guide_tenants_entities_are_404_for_the_other_tenant(string path)
    {
        foreach (var api in new[] { fixture.DynamoDb, fixture.Postgres })
        {
            (await api.SendAsync(path, tenant: ParkingWorld.TenantB)).Status.Should().Be(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Listings_hold_only_the_callers_tenant()
    {
        foreach (var api in new[] { fixture.DynamoDb, fixture.Postgres })
        {
            var zonesA = await api.SendAsync("/zones");
            zonesA.Json["count"]!.GetValue<int>().Should().Be(36);
            zonesA.Json["items"]!.AsArray().Select(z => z!["id"]!.GetValue<string>()).Should().NotContain(ParkingWorld.ZoneB);

            var zonesB = await api.SendAsync("/zones", tenant: ParkingWorld.TenantB);
            zonesB.Json["items"]!.AsArray().Select(z => z!["id"]!.GetValue<string>()).Should().Equal(ParkingWorld.ZoneB);

            var alertsA = await api.SendAsync("/alerts");
            alertsA.Json["items"]!.AsArray().Select(a => a!["tenantId"]!.GetValue<string>()).Should().AllBe(ParkingWorld.TenantA);

            var alertsB = await api.SendAsync("/alerts", tenant: ParkingWorld.TenantB);
            alertsB.Json["items"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).Should().Equal(ParkingWorld.AlertB);

            var sensorB = await api.SendAsync("/sensors/" + ParkingWorld.SensorB + "/events?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z", tenant: ParkingWorld.TenantB);
            sensorB.Json["items"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()).Should().Equal(ParkingWorld.EventB);
        }
    }
}
