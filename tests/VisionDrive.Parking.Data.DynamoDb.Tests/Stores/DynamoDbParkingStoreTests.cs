using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data.DynamoDb.Mapping;
using VisionDrive.Parking.Data.DynamoDb.Provisioning;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.Data.DynamoDb.Tests.Stores;

/// <summary>What only the DynamoDB store has to prove (the shared behaviour is in the conformance suite): tokens, the fan-outs, self-repair.</summary>
public sealed class DynamoDbParkingStoreTests(DynamoDbServer server) : IClassFixture<DynamoDbServer>
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_tampered_or_foreign_continuation_token_is_an_ArgumentException()
    {
        var (store, tenant) = await SeedAsync();
        var first = await store.ListZonesByTenantAsync(tenant, new PageRequest(2));
        first.ContinuationToken.Should().NotBeNull();

        var sites = await store.ListSitesByTenantAsync(tenant);
        var otherListing = Encode("""{"l":"sites-of-tenant","k":{"PK":"SITE#x","SK":"METADATA","GSI1PK":"TENANT#x","GSI1SK":"SITE#x"}}""");
        var otherTenant = Encode(Decode(first.ContinuationToken!).Replace("TENANT#" + tenant, "TENANT#someone-else", StringComparison.Ordinal));
        var missingKey = Encode("""{"l":"zones-of-tenant"}""");
        foreach (var token in new[] { "not a token!", "e30", otherListing, otherTenant, missingKey, first.ContinuationToken![..^4] })
        {
            var act = () => store.ListZonesByTenantAsync(tenant, new PageRequest(2, token));
            (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("continuation token");
        }

        sites.Items.Should().ContainSingle();
        var unknownTenant = () => store.ListZonesByTenantAsync("", new PageRequest(2, "garbage"));
        await unknownTenant.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task Listings_page_without_an_empty_last_page()
    {
        var (store, tenant) = await SeedAsync();
        var ids = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await store.ListZonesByTenantAsync(tenant, new PageRequest(2, token));
            page.Items.Should().NotBeEmpty();
            ids.AddRange(page.Items.Select(z => z.Id));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        ids.Should().Equal("z-1", "z-2", "z-3", "z-4");
        pages.Should().Be(2);
    }

    [Fact]
    public async Task Alerts_of_a_sensor_merge_its_zone_alerts_and_its_zoneless_alerts_newest_first_across_pages()
    {
        var (store, tenant) = await SeedAsync();
        for (var i = 0; i < 5; i++)
        {
            (await store.RaiseAlertAsync(Alert($"a-zone-{i}", tenant, "z-1", "s-1", T0.AddMinutes(i * 2)))).Should().BeTrue();
            (await store.RaiseAlertAsync(Alert($"a-none-{i}", tenant, null, "s-1", T0.AddMinutes((i * 2) + 1)))).Should().BeTrue();
            (await store.RaiseAlertAsync(Alert($"a-other-{i}", tenant, "z-1", "s-2", T0.AddMinutes(i * 2)))).Should().BeTrue();
        }

        var all = new List<string>();
        string? token = null;
        do
        {
            var page = await store.ListAlertsBySensorAsync("s-1", new PageRequest(3, token));
            all.AddRange(page.Items.Select(a => a.Id));
            token = page.ContinuationToken;
        }
        while (token is not null);

        all.Should().Equal("a-none-4", "a-zone-4", "a-none-3", "a-zone-3", "a-none-2", "a-zone-2", "a-none-1", "a-zone-1", "a-none-0", "a-zone-0");
        (await store.ListAlertsByZoneAsync("z-1", new PageRequest(100))).Items.Should().HaveCount(10);
        (await store.ListAlertsBySensorAsync("s-unknown")).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task A_redelivery_repairs_a_bay_update_lost_between_the_two_writes()
    {
        var (store, _) = await SeedAsync();
        var arrive = new SensorEvent("e-lost", T0, "t", "s-1", EventKinds.Arrive, null);

        // The process died after the Put and before the bay update: the event is there, the bay does not know.
        await server.Client.PutItemAsync(new PutItemRequest { TableName = store.TableName, Item = ParkingItemMapper.ToItem(arrive) });
        (await store.GetBayAsync("b-1"))!.Status.Should().Be(BayStatus.Vacant);

        var redelivered = await store.RecordEventAsync(arrive);

        redelivered.Should().Be(new RecordEventResult(Created: false, BayStatusChanged: true));
        var bay = await store.GetBayAsync("b-1");
        bay!.Status.Should().Be(BayStatus.Occupied);
        bay.StatusEventId.Should().Be("e-lost");
        bay.SensorId.Should().Be("s-1");
        (await store.RecordEventAsync(arrive)).Should().Be(new RecordEventResult(Created: false, BayStatusChanged: false));
    }

    [Fact]
    public async Task Equal_times_are_ordered_by_event_id_for_the_bay_status()
    {
        var (store, _) = await SeedAsync();
        (await store.RecordEventAsync(new SensorEvent("e-b", T0, "t", "s-1", EventKinds.Arrive, null))).BayStatusChanged.Should().BeTrue();
        (await store.RecordEventAsync(new SensorEvent("e-a", T0, "t", "s-1", EventKinds.Leave, null))).BayStatusChanged.Should().BeFalse();
        (await store.RecordEventAsync(new SensorEvent("e-c", T0, "t", "s-1", EventKinds.Leave, null))).BayStatusChanged.Should().BeTrue();
        (await store.GetBayAsync("b-1"))!.StatusEventId.Should().Be("e-c");
    }

    [Fact]
    public async Task A_tenant_event_range_over_ten_years_is_refused_and_an_empty_range_reads_nothing()
    {
        var (store, tenant) = await SeedAsync();
        var act = () => store.ListTenantEventsAsync(tenant, new TimeRange(T0, T0.AddYears(11)));
        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("Split the range");
        (await store.ListTenantEventsAsync(tenant, new TimeRange(T0, T0))).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Tenant_events_across_days_page_through_the_day_buckets_newest_first()
    {
        var (store, tenant) = await SeedAsync();
        var expected = new List<string>();
        for (var d = 0; d < 4; d++)
        {
            for (var k = 0; k < (d == 1 ? 0 : 3); k++)
            {
                var e = new SensorEvent($"ev-{d}-{k}", T0.AddDays(d).AddHours(k), tenant, "s-1", EventKinds.Heartbeat, null);
                (await store.RecordEventAsync(e)).Created.Should().BeTrue();
                expected.Add(e.Id);
            }
        }

        expected.Reverse();
        var all = new List<string>();
        string? token = null;
        do
        {
            var page = await store.ListTenantEventsAsync(tenant, new TimeRange(T0.AddDays(-1), T0.AddDays(5)), new PageRequest(2, token));
            all.AddRange(page.Items.Select(e => e.Id));
            token = page.ContinuationToken;
        }
        while (token is not null);

        all.Should().Equal(expected);
    }

    private async Task<(DynamoDbParkingStore Store, string TenantId)> SeedAsync()
    {
        var table = server.NewTableName("vdp-store");
        await new TableProvisioner(server.Client).EnsureTableAsync(table);
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..8];
        var created = new DateTimeOffset(2025, 11, 3, 8, 0, 0, TimeSpan.Zero);
        var entities = new List<object>
        {
            new Tenant(tenant, "Tenant", tenant, "ACTIVE", created, created),
            new Site("site-1", tenant, "Site", null, null, null, "Asia/Dubai", created, created),
        };
        for (var z = 1; z <= 4; z++)
        {
            entities.Add(new Zone($"z-{z}", tenant, "site-1", $"Zone {z}", "FREE", null, created, created));
        }

        entities.Add(new Bay("b-1", tenant, "site-1", "z-1", "A-001", null, null, created, created) { SensorId = "s-1" });
        entities.Add(new Sensor("s-1", tenant, "site-1", "z-1", "b-1", "A840410001812345", "PARKING", "active", null, created, created));
        entities.Add(new Sensor("s-2", tenant, "site-1", "z-1", null, "A840410001812346", "PARKING", "active", null, created, created));
        foreach (var entity in entities)
        {
            await server.Client.PutItemAsync(new PutItemRequest { TableName = table, Item = ParkingItemMapper.ToItem(entity) });
        }

        return (new DynamoDbParkingStore(server.Client, new DynamoDbStoreOptions { TableName = table, ConsistentReads = true }), tenant);
    }

    private static Alert Alert(string id, string tenant, string? zone, string sensor, DateTimeOffset created) =>
        new(id, tenant, "site-1", zone, null, sensor, "OFFLINE", "CRITICAL", AlertStatus.Open, null, created, null);

    private static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Decode(string token)
    {
        var s = token.Replace('-', '+').Replace('_', '/');
        return Encoding.UTF8.GetString(Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=')));
    }
}
