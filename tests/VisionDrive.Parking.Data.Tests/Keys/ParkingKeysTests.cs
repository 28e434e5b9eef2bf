using System;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.Keys;

namespace VisionDrive.Parking.Data.Tests.Keys;

public class ParkingKeysTests
{
    private static readonly DateTimeOffset T = new DateTimeOffset(2026, 1, 12, 10, 30, 0, TimeSpan.Zero).AddTicks(1234560);

    [Fact]
    public void Every_key_builder_produces_the_documented_key()
    {
        ParkingKeys.Tenant("t-1").Should().Be("TENANT#t-1");
        ParkingKeys.Site("s-1").Should().Be("SITE#s-1");
        ParkingKeys.Zone("z-1").Should().Be("ZONE#z-1");
        ParkingKeys.Sensor("PSL01B-001").Should().Be("SENSOR#PSL01B-001");
        ParkingKeys.Alert("a-1").Should().Be("ALERT#a-1");
        ParkingKeys.BayById("b-1").Should().Be("BAY#b-1");
        ParkingKeys.BaySort("A-001", "b-1").Should().Be("BAY#A-001#b-1");
        ParkingKeys.EventSort(T, "ev-1").Should().Be("EVENT#2026-01-12T10:30:00.123456Z#ev-1");
        ParkingKeys.EventSortBound(T).Should().Be("EVENT#2026-01-12T10:30:00.123456Z");
        ParkingKeys.TenantEventsDay("t-1", T).Should().Be("TENANT#t-1#EVENTS#2026-01-12");
        ParkingKeys.TenantEventsDay("t-1", new DateOnly(2026, 1, 12)).Should().Be("TENANT#t-1#EVENTS#2026-01-12");
        ParkingKeys.Slug("visiondrive").Should().Be("SLUG#visiondrive");
        ParkingKeys.DevEuiKey("a8-40-41-00-01-81-23-45").Should().Be("DEVEUI#A840410001812345");
        ParkingKeys.AlertByStatus("OPEN", T, "a-1").Should().Be("ALERT#OPEN#2026-01-12T10:30:00.123456Z#a-1");
        ParkingKeys.AlertStatusPrefix("OPEN").Should().Be("ALERT#OPEN#");
        ParkingKeys.AlertByTime(T, "a-1").Should().Be("ALERT#2026-01-12T10:30:00.123456Z#a-1");
        ParkingKeys.Metadata.Should().Be("METADATA");
    }

    [Fact]
    public void Event_day_bucket_is_the_utc_day_not_the_local_day()
    {
        var dubaiEarlyMorning = new DateTimeOffset(2026, 1, 13, 2, 0, 0, TimeSpan.FromHours(4));
        ParkingKeys.TenantEventsDay("t", dubaiEarlyMorning).Should().Be("TENANT#t#EVENTS#2026-01-12");
    }

    [Theory]
    [InlineData("TENANT#t-1", "METADATA", EntityType.Tenant, "t-1")]
    [InlineData("SITE#s-1", "METADATA", EntityType.Site, "s-1")]
    [InlineData("ZONE#z-1", "METADATA", EntityType.Zone, "z-1")]
    [InlineData("SENSOR#x", "METADATA", EntityType.Sensor, "x")]
    [InlineData("ALERT#a", "METADATA", EntityType.Alert, "a")]
    public void Metadata_keys_parse_back_to_type_and_id(string pk, string sk, EntityType type, string id)
    {
        ParkingKeys.TryParse(pk, sk, out var key).Should().BeTrue();
        key.Should().Be(new ParsedKey(type, id));
    }

    [Fact]
    public void Bay_and_event_keys_parse_back_to_ids_code_and_time()
    {
        ParkingKeys.TryParse(ParkingKeys.Zone("z#1"), ParkingKeys.BaySort("A#1%", "b#%1"), out var bay).Should().BeTrue();
        bay.Should().Be(new ParsedKey(EntityType.Bay, "b#%1", "z#1", Code: "A#1%"));

        ParkingKeys.TryParse(ParkingKeys.Sensor("s#1"), ParkingKeys.EventSort(T, "e#%23"), out var ev).Should().BeTrue();
        ev.Should().Be(new ParsedKey(EntityType.Event, "e#%23", "s#1", T));
    }

    [Theory]
    [InlineData("a#b")]
    [InlineData("a%b")]
    [InlineData("%23")]
    [InlineData("%25")]
    [InlineData("#")]
    [InlineData("%")]
    [InlineData("a#EVENTS#2026-01-12")]
    [InlineData("100%")]
    [InlineData("ünïcødé 🚗")]
    public void Ids_with_separators_or_escapes_round_trip_through_every_key(string id)
    {
        KeyComponent.Unescape(KeyComponent.Escape(id)).Should().Be(id);
        KeyComponent.Escape(id).Should().NotContain("#");

        ParkingKeys.TryParse(ParkingKeys.Tenant(id), ParkingKeys.Metadata, out var tenant).Should().BeTrue();
        tenant!.Id.Should().Be(id);
        ParkingKeys.TryParse(ParkingKeys.Zone(id), ParkingKeys.BaySort(id, id), out var bay).Should().BeTrue();
        bay.Should().Be(new ParsedKey(EntityType.Bay, id, id, Code: id));
        ParkingKeys.TryParse(ParkingKeys.Sensor(id), ParkingKeys.EventSort(T, id), out var ev).Should().BeTrue();
        ev.Should().Be(new ParsedKey(EntityType.Event, id, id, T));
    }

    [Fact]
    public void An_id_containing_a_separator_never_collides_with_another_key()
    {
        // Without escaping, code "A#b1" + id "x" and code "A" + id "b1#x" would both give BAY#A#b1#x.
        ParkingKeys.BaySort("A#b1", "x").Should().NotBe(ParkingKeys.BaySort("A", "b1#x"));

        // A tenant id that looks like an event bucket is not a tenant's event bucket.
        ParkingKeys.Tenant("t#EVENTS#2026-01-12").Should().NotBe(ParkingKeys.TenantEventsDay("t", new DateOnly(2026, 1, 12)));

        // The escape character itself is escaped, so '%23' in an id is not '#'.
        KeyComponent.Escape("%23").Should().NotBe(KeyComponent.Escape("#"));
        ParkingKeys.Site("%23").Should().NotBe(ParkingKeys.Site("#"));

        // An escaped event id cannot smuggle a second time/id pair.
        ParkingKeys.EventSort(T, "x#2026-01-12T10:30:00.123456Z#y").Split('#').Should().HaveCount(3);
    }

    [Fact]
    public void An_unescaped_separator_in_a_stored_key_does_not_parse()
    {
        ParkingKeys.TryParse("TENANT#a#b", "METADATA", out _).Should().BeFalse();
        ParkingKeys.TryParse("ZONE#z", "BAY#A#b#c", out _).Should().BeFalse();
        ParkingKeys.TryParse("SENSOR#s", "EVENT#2026-01-12T10:30:00.123456Z#a#b", out _).Should().BeFalse();
        ParkingKeys.TryParse("SENSOR#s", "EVENT#2026-01-12T10:30:00Z#a", out _).Should().BeFalse();
        ParkingKeys.TryParse("BAY#b", "METADATA", out _).Should().BeFalse();
        ParkingKeys.TryParse("TENANT#", "METADATA", out _).Should().BeFalse();
        ParkingKeys.TryParse("TENANT", "METADATA", out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void An_empty_id_is_rejected_naming_the_field(string? id)
    {
        FluentActions.Invoking(() => ParkingKeys.Tenant(id!)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("tenantId");
        FluentActions.Invoking(() => ParkingKeys.BaySort(id!, "b")).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("code");
        FluentActions.Invoking(() => ParkingKeys.EventSort(T, id!)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("eventId");
        FluentActions.Invoking(() => ParkingKeys.Slug(id!)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("slug");
    }

    [Fact]
    public void Bay_sort_keys_order_by_code_then_id()
    {
        var keys = new[]
        {
            ParkingKeys.BaySort("A-002", "b-0"),
            ParkingKeys.BaySort("A-001", "b-9"),
            ParkingKeys.BaySort("A-001", "b-1"),
        };
        Array.Sort(keys, StringComparer.Ordinal);
        keys.Should().Equal(ParkingKeys.BaySort("A-001", "b-1"), ParkingKeys.BaySort("A-001", "b-9"), ParkingKeys.BaySort("A-002", "b-0"));
    }

    [Fact]
    public void Event_range_bounds_select_from_inclusive_to_exclusive()
    {
        var from = ParkingKeys.EventSortBound(T);
        var to = ParkingKeys.EventSortBound(T.AddSeconds(1));
        var atFrom = ParkingKeys.EventSort(T, "a");
        var before = ParkingKeys.EventSort(T.AddTicks(-10), "zzz");
        var atTo = ParkingKeys.EventSort(T.AddSeconds(1), "a");

        string.CompareOrdinal(atFrom, from).Should().BeGreaterThanOrEqualTo(0);
        string.CompareOrdinal(atFrom, to).Should().BeLessThan(0);
        string.CompareOrdinal(before, from).Should().BeLessThan(0);
        string.CompareOrdinal(atTo, to).Should().BeGreaterThan(0);
    }
}
