using VisionDrive.Parking.TestSupport;
using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data.DynamoDb.Mapping;

namespace VisionDrive.Parking.Data.Tests.Mapping;

public class ParkingItemMapperTests
{
    public static TheoryData<object> Entities()
    {
        var data = new TheoryData<object>();
        foreach (var entity in EntitySamples.All())
        {
            data.Add(entity);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Entities))]
    public void Every_entity_maps_to_an_item_and_back_to_an_equal_entity(object entity)
    {
        var item = ParkingItemMapper.ToItem(entity);
        ParkingItemMapper.FromItem(item).Should().Be(entity);
    }

    [Theory]
    [MemberData(nameof(Entities))]
    public void Every_item_has_its_entity_type_and_the_key_that_get_key_returns(object entity)
    {
        var item = ParkingItemMapper.ToItem(entity);
        var (pk, sk) = ParkingItemMapper.GetKey(entity);
        item["PK"].S.Should().Be(pk);
        item["SK"].S.Should().Be(sk);
        ParkingItemMapper.GetEntityType(item).Should().Be(entity switch
        {
            Tenant => EntityType.Tenant,
            Site => EntityType.Site,
            Zone => EntityType.Zone,
            Bay => EntityType.Bay,
            Sensor => EntityType.Sensor,
            SensorEvent => EntityType.Event,
            _ => EntityType.Alert,
        });
        item["entityType"].S.Should().Be(ParkingItemMapper.GetEntityType(item).Name());
    }

    [Theory]
    [MemberData(nameof(Entities))]
    public void No_item_holds_an_empty_key_attribute_or_a_null_attribute(object entity)
    {
        var item = ParkingItemMapper.ToItem(entity);
        foreach (var name in new[] { "PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK" })
        {
            if (item.TryGetValue(name, out var key))
            {
                key.S.Should().NotBeNullOrEmpty(name);
            }
        }

        // Optional columns that are null are omitted: the only NULL attribute values are JSON nulls inside documents.
        item.Values.Should().NotContain(v => v.NULL == true);
        item.Values.Should().OnlyContain(v => v.S != null || v.N != null || v.M != null || v.L != null);
    }

    [Fact]
    public void A_tenant_item_has_the_documented_attributes()
    {
        var item = ParkingItemMapper.ToItem(EntitySamples.Tenant());
        Strings(item).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["PK"] = "TENANT#77a38d1d-2c63-41e3-a6e5-1c7a06cb1716",
            ["SK"] = "METADATA",
            ["GSI2PK"] = "SLUG#visiondrive",
            ["GSI2SK"] = "TENANT",
            ["entityType"] = "TENANT",
            ["tenantId"] = "77a38d1d-2c63-41e3-a6e5-1c7a06cb1716",
            ["name"] = "VisionDrive",
            ["slug"] = "visiondrive",
            ["status"] = "ACTIVE",
            ["createdAt"] = "2025-03-01T08:00:00.123456Z",
            ["updatedAt"] = "2026-01-10T08:00:00.987654Z",
        });
    }

    [Fact]
    public void A_site_item_keeps_coordinates_bit_identical()
    {
        var site = EntitySamples.Site() with { Lat = 0.1 + 0.2, Lng = -179.99999999999997 };
        var item = ParkingItemMapper.ToItem(site);
        item["lat"].N.Should().Be("0.30000000000000004");
        item["GSI1PK"].S.Should().Be("TENANT#77a38d1d-2c63-41e3-a6e5-1c7a06cb1716");
        item["GSI1SK"].S.Should().Be("SITE#site-1");
        item.Should().NotContainKey("GSI2PK");
        var back = ParkingItemMapper.ToSite(item);
        BitConverter.DoubleToInt64Bits(back.Lat!.Value).Should().Be(BitConverter.DoubleToInt64Bits(site.Lat!.Value));
        BitConverter.DoubleToInt64Bits(back.Lng!.Value).Should().Be(BitConverter.DoubleToInt64Bits(site.Lng!.Value));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(5e-324)]
    public void A_coordinate_dynamodb_cannot_hold_is_rejected_naming_the_field(double lat)
    {
        var act = () => ParkingItemMapper.ToItem(EntitySamples.Site() with { Lat = lat });
        var ex = act.Should().Throw<InvalidEntityException>().Which;
        ex.EntityType.Should().Be(EntityType.Site);
        ex.EntityId.Should().Be("site-1");
        ex.Field.Should().Be("lat");
    }

    [Fact]
    public void A_zone_item_has_the_tariff_as_a_map_plus_price_and_currency()
    {
        var item = ParkingItemMapper.ToItem(EntitySamples.Zone());
        item["GSI1PK"].S.Should().Be("TENANT#t-1");
        item["GSI1SK"].S.Should().Be("ZONE#zone-1");
        item["GSI2PK"].S.Should().Be("SITE#site-1");
        item["GSI2SK"].S.Should().Be("ZONE#zone-1");
        item["pricePerHour"].N.Should().Be("10.50");
        item["currency"].S.Should().Be("AED");
        item["tariff"].M!["rules"].L![1].NULL.Should().BeTrue();
        item["tariff"].M!["note"].S.Should().BeEmpty();
        item["kind"].S.Should().Be("PAID");
    }

    [Fact]
    public void A_zone_without_a_tariff_has_no_tariff_price_or_currency()
    {
        var item = ParkingItemMapper.ToItem(EntitySamples.ZoneMinimal());
        item.Should().NotContainKeys("tariff", "pricePerHour", "currency");
    }

    [Fact]
    public void A_zone_whose_tariff_is_json_null_keeps_it_as_a_null_attribute()
    {
        var zone = EntitySamples.ZoneMinimal() with { Tariff = JsonText.Parse("null") };
        var item = ParkingItemMapper.ToItem(zone);
        item["tariff"].NULL.Should().BeTrue();
        ParkingItemMapper.ToZone(item).Should().Be(zone);
        ParkingItemMapper.ToZone(item).Tariff.Should().NotBeNull();
    }

    [Fact]
    public void A_bay_item_has_code_and_id_in_its_sort_key_and_its_live_status()
    {
        var item = ParkingItemMapper.ToItem(EntitySamples.Bay());
        Strings(item).Should().Contain(new Dictionary<string, string>
        {
            ["PK"] = "ZONE#zone-1",
            ["SK"] = "BAY#A-001#bay-1",
            ["GSI1PK"] = "SITE#site-1",
            ["GSI1SK"] = "BAY#bay-1",
            ["GSI2PK"] = "BAY#bay-1",
            ["GSI2SK"] = "BAY",
            ["bayNumber"] = "A-001",
            ["status"] = "occupied",
            ["sensorId"] = "PSL01B-001",
            ["statusChangedAt"] = "2026-01-12T10:30:00.123456Z",
            ["statusEventId"] = "ev-1",
        });
        ParkingItemMapper.ToItem(EntitySamples.BayMinimal()).Should().NotContainKeys("sensorId", "statusChangedAt", "statusEventId", "lat", "lng");
    }

    [Fact]
    public void Two_bays_with_the_same_code_in_one_zone_get_different_keys()
    {
        var a = EntitySamples.Bay();
        var b = a with { Id = "bay-9" };
        ParkingItemMapper.GetKey(a).Should().NotBe(ParkingItemMapper.GetKey(b));
    }

    [Fact]
    public void A_sensor_item_keeps_the_dev_eui_as_stored_and_normalises_it_only_in_gsi2()
    {
        var item = ParkingItemMapper.ToItem(EntitySamples.Sensor());
        item["devEui"].S.Should().Be("a8:40:41:00:01:81:23:45");
        item["GSI2PK"].S.Should().Be("DEVEUI#A840410001812345");
        item["GSI2SK"].S.Should().Be("SENSOR");
        item["GSI1PK"].S.Should().Be("ZONE#zone-1");
        item["GSI1SK"].S.Should().Be("SENSOR#PSL01B-001");
        item["lastSeenAt"].S.Should().Be("2026-01-12T10:30:00.123456Z");
    }

    [Fact]
    public void A_sensor_in_stock_is_listed_under_its_site_on_gsi1_and_has_no_zone_attributes()
    {
        var sensor = EntitySamples.SensorMinimal();
        var item = ParkingItemMapper.ToItem(sensor);
        item.Should().NotContainKeys("zoneId", "bayId", "lastSeenAt");
        item["GSI1PK"].S.Should().Be("SITE#" + sensor.SiteId, "a site that still has sensors in stock must be found before it is deleted");
        item["GSI1SK"].S.Should().Be("SENSOR#" + sensor.Id);
        item.Should().ContainKeys("GSI2PK", "GSI2SK");
    }

    [Fact]
    public void An_event_item_has_a_unique_time_ordered_key_a_day_bucket_and_a_ttl_after_the_event()
    {
        var e = EntitySamples.Event();
        var item = ParkingItemMapper.ToItem(e);
        item["PK"].S.Should().Be("SENSOR#PSL01B-001");
        item["SK"].S.Should().Be("EVENT#2026-01-12T10:30:00.123456Z#ev-1");
        item["GSI1PK"].S.Should().Be("TENANT#t-1#EVENTS#2026-01-12");
        item["GSI1SK"].S.Should().Be(item["SK"].S);
        item.Should().NotContainKeys("GSI2PK", "GSI2SK");
        item["eventType"].S.Should().Be("ARRIVE");
        item["timestamp"].S.Should().Be("2026-01-12T10:30:00.123456Z");
        item["ttl"].N.Should().Be(e.Time.AddDays(400).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        item["decoded"].M!["payload"].M!["reading"].N.Should().Be("12345678901234567890.123456789");
        item["decoded"].M!["tags"].L.Should().BeEmpty();
        item["decoded"].M!["extra"].M.Should().BeEmpty();
        item["decoded"].M!["none"].NULL.Should().BeTrue();
    }

    [Fact]
    public void Event_retention_is_an_option()
    {
        var e = EntitySamples.Event();
        var item = ParkingItemMapper.ToItem(e, new ItemMappingOptions { EventRetention = TimeSpan.FromDays(30) });
        long.Parse(item["ttl"].N, System.Globalization.CultureInfo.InvariantCulture).Should().Be(e.Time.AddDays(30).ToUnixTimeSeconds());
        ParkingItemMapper.ToItem((object)e, new ItemMappingOptions { EventRetention = TimeSpan.FromDays(1) })["ttl"].N
            .Should().Be(e.Time.AddDays(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Event_retention_must_be_positive(int days) =>
        FluentActions.Invoking(() => new ItemMappingOptions { EventRetention = TimeSpan.FromDays(days) }).Should().Throw<ArgumentOutOfRangeException>();

    [Fact]
    public void An_item_is_expired_when_its_ttl_is_not_after_the_write_time()
    {
        var e = EntitySamples.Event();
        var item = ParkingItemMapper.ToItem(e);
        ParkingItemMapper.IsExpired(item, e.Time).Should().BeFalse();
        ParkingItemMapper.IsExpired(item, e.Time.AddDays(399)).Should().BeFalse();
        ParkingItemMapper.IsExpired(item, e.Time.AddDays(400)).Should().BeTrue();
        ParkingItemMapper.IsExpired(ParkingItemMapper.ToItem(EntitySamples.Tenant()), DateTimeOffset.MaxValue).Should().BeFalse();
    }

    [Fact]
    public void Two_events_of_one_sensor_in_the_same_microsecond_get_different_keys()
    {
        var a = EntitySamples.Event();
        var b = a with { Id = "ev-2" };
        ParkingItemMapper.GetKey(a).Should().NotBe(ParkingItemMapper.GetKey(b));
    }

    [Fact]
    public void An_alert_with_a_zone_is_indexed_under_the_zone_else_under_its_sensor_else_not_at_all()
    {
        var alert = EntitySamples.Alert();
        var item = ParkingItemMapper.ToItem(alert);
        item["GSI1PK"].S.Should().Be("TENANT#t-1");
        item["GSI1SK"].S.Should().Be("ALERT#RESOLVED#2025-03-01T08:00:00.123456Z#al-1");
        item["GSI2PK"].S.Should().Be("ZONE#zone-1");
        item["GSI2SK"].S.Should().Be("ALERT#2025-03-01T08:00:00.123456Z#al-1");

        ParkingItemMapper.ToItem(alert with { ZoneId = null })["GSI2PK"].S.Should().Be("SENSOR#PSL01B-001");

        var none = ParkingItemMapper.ToItem(EntitySamples.AlertMinimal());
        none.Should().NotContainKeys("GSI2PK", "GSI2SK", "siteId", "zoneId", "bayId", "sensorId", "message", "resolvedAt");
        none["GSI1SK"].S.Should().StartWith("ALERT#OPEN#");
    }

    [Fact]
    public void Source_key_is_the_id_and_for_events_the_id_at_the_time()
    {
        ParkingItemMapper.SourceKey(EntitySamples.Tenant()).Should().Be("77a38d1d-2c63-41e3-a6e5-1c7a06cb1716");
        ParkingItemMapper.SourceKey(EntitySamples.Bay()).Should().Be("bay-1");
        ParkingItemMapper.SourceKey(EntitySamples.Event()).Should().Be("ev-1@2026-01-12T10:30:00.123456Z");
        FluentActions.Invoking(() => ParkingItemMapper.SourceKey("not an entity")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => ParkingItemMapper.ToItem(42)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Ids_with_hash_and_percent_are_escaped_in_keys_and_kept_raw_in_attributes()
    {
        var bay = EntitySamples.Bay() with { Id = "b#1%", ZoneId = "z#1", Code = "A#1" };
        var item = ParkingItemMapper.ToItem(bay);
        item["PK"].S.Should().Be("ZONE#z%231");
        item["SK"].S.Should().Be("BAY#A%231#b%231%25");
        item["bayId"].S.Should().Be("b#1%");
        ParkingItemMapper.ToBay(item).Should().Be(bay);
    }

    [Fact]
    public void An_empty_id_is_rejected_naming_the_entity_and_the_field()
    {
        var ex = FluentActions.Invoking(() => ParkingItemMapper.ToItem(EntitySamples.Tenant() with { Id = "" }))
            .Should().Throw<InvalidEntityException>().Which;
        ex.EntityType.Should().Be(EntityType.Tenant);
        ex.Field.Should().Be("tenantId");

        FluentActions.Invoking(() => ParkingItemMapper.ToItem(EntitySamples.Tenant() with { Slug = "" }))
            .Should().Throw<InvalidEntityException>().Which.Field.Should().Be("slug");
        FluentActions.Invoking(() => ParkingItemMapper.ToItem(EntitySamples.Bay() with { Code = "" }))
            .Should().Throw<InvalidEntityException>().Which.Field.Should().Be("code");
        FluentActions.Invoking(() => ParkingItemMapper.ToItem(EntitySamples.Sensor() with { DevEui = " - " }))
            .Should().Throw<InvalidEntityException>().Which.Field.Should().Be("devEui");
        FluentActions.Invoking(() => ParkingItemMapper.ToItem(EntitySamples.Event() with { Id = "" }))
            .Should().Throw<InvalidEntityException>().Which.Field.Should().Be("eventId");
        FluentActions.Invoking(() => ParkingItemMapper.ToItem(EntitySamples.Event() with { SensorId = "" }))
            .Should().Throw<InvalidEntityException>().Which.Field.Should().Be("sensorId");
        FluentActions.Invoking(() => ParkingItemMapper.ToItem(EntitySamples.Alert() with { Status = "" }))
            .Should().Throw<InvalidEntityException>().Which.Field.Should().Be("status");
        FluentActions.Invoking(() => ParkingItemMapper.GetKey(EntitySamples.Site() with { Id = "" }))
            .Should().Throw<InvalidEntityException>().Which.Field.Should().Be("siteId");
    }

    [Fact]
    public void A_null_required_column_is_rejected_naming_the_field()
    {
        FluentActions.Invoking(() => ParkingItemMapper.ToItem(EntitySamples.Site() with { Name = null! }))
            .Should().Throw<InvalidEntityException>().Which.Field.Should().Be("name");
        FluentActions.Invoking(() => ParkingItemMapper.ToItem(EntitySamples.Event() with { Kind = null! }))
            .Should().Throw<InvalidEntityException>().Which.Field.Should().Be("kind");
    }

    [Fact]
    public void A_key_over_dynamodbs_size_limit_is_rejected_naming_the_key_attribute()
    {
        var longId = new string('x', 2050);
        FluentActions.Invoking(() => ParkingItemMapper.ToItem(EntitySamples.Tenant() with { Id = longId }))
            .Should().Throw<InvalidEntityException>().Which.Field.Should().Be("PK");

        var longCode = new string('é', 520); // 1,040 bytes of UTF-8
        FluentActions.Invoking(() => ParkingItemMapper.ToItem(EntitySamples.Bay() with { Code = longCode }))
            .Should().Throw<InvalidEntityException>().Which.Field.Should().Be("SK");

        FluentActions.Invoking(() => ParkingItemMapper.ToItem(EntitySamples.Tenant() with { Slug = new string('s', 2048) }))
            .Should().Throw<InvalidEntityException>().Which.Field.Should().Be("GSI2PK");

        // An id just under the limits is fine.
        ParkingItemMapper.ToItem(EntitySamples.Tenant() with { Id = new string('x', 2048 - "TENANT#".Length) })["PK"].S.Should().HaveLength(2048);
    }

    [Fact]
    public void A_decoded_number_dynamodb_cannot_hold_is_rejected_naming_entity_key_and_field_path()
    {
        var e = EntitySamples.Event() with { Decoded = JsonText.Parse("""{"payload": {"reading": 1234567890123456789012345678901234567890}}""") };
        var ex = FluentActions.Invoking(() => ParkingItemMapper.ToItem(e)).Should().Throw<InvalidEntityException>().Which;
        ex.EntityType.Should().Be(EntityType.Event);
        ex.EntityId.Should().Be("ev-1@2026-01-12T10:30:00.123456Z");
        ex.Field.Should().Be("decoded.payload.reading");
        ex.Message.Should().Contain("EVENT").And.Contain("ev-1@").And.Contain("decoded.payload.reading").And.Contain("38");
    }

    [Fact]
    public void A_tariff_nested_too_deep_is_rejected_naming_the_zone()
    {
        var zone = EntitySamples.Zone() with { Tariff = JsonText.Parse(JsonAttributeConverterTests.Nested(32)) };
        var ex = FluentActions.Invoking(() => ParkingItemMapper.ToItem(zone)).Should().Throw<InvalidEntityException>().Which;
        ex.EntityType.Should().Be(EntityType.Zone);
        ex.EntityId.Should().Be("zone-1");
        ex.Field.Should().StartWith("tariff");
    }

    [Fact]
    public void An_item_just_under_400_kb_is_accepted_and_just_over_is_rejected_naming_the_entity_and_key()
    {
        var e = EntitySamples.EventMinimal() with { Decoded = JsonText.Parse("\"\"") };
        var baseSize = ItemSize.Compute(ParkingItemMapper.ToItem(e));
        var fill = ItemSize.MaxItemBytes - baseSize;

        var fits = e with { Decoded = JsonText.Parse("\"" + new string('a', fill) + "\"") };
        var item = ParkingItemMapper.ToItem(fits);
        ItemSize.Compute(item).Should().Be(ItemSize.MaxItemBytes);

        var tooBig = e with { Decoded = JsonText.Parse("\"" + new string('a', fill + 1) + "\"") };
        var ex = FluentActions.Invoking(() => ParkingItemMapper.ToItem(tooBig)).Should().Throw<InvalidEntityException>().Which;
        ex.EntityType.Should().Be(EntityType.Event);
        ex.EntityId.Should().Be(ParkingItemMapper.SourceKey(tooBig));
        ex.Field.Should().Be("decoded");
        ex.Message.Should().Contain("409601").And.Contain("400 KB");
    }

    [Fact]
    public void Reading_an_item_without_a_required_attribute_names_the_key_and_the_attribute()
    {
        var item = ParkingItemMapper.ToItem(EntitySamples.Sensor());
        item.Remove("devEui");
        var ex = FluentActions.Invoking(() => ParkingItemMapper.ToSensor(item)).Should().Throw<InvalidEntityException>().Which;
        ex.Field.Should().Be("devEui");
        ex.EntityId.Should().Contain("SENSOR#PSL01B-001").And.Contain("METADATA");
    }

    [Fact]
    public void Reading_an_item_as_the_wrong_entity_or_with_wrong_types_fails_clearly()
    {
        var tenant = ParkingItemMapper.ToItem(EntitySamples.Tenant());
        FluentActions.Invoking(() => ParkingItemMapper.ToSite(tenant)).Should().Throw<InvalidEntityException>().Which.Field.Should().Be("entityType");

        var site = ParkingItemMapper.ToItem(EntitySamples.Site());
        site["lat"] = new AttributeValue { S = "25.1" };
        FluentActions.Invoking(() => ParkingItemMapper.ToSite(site)).Should().Throw<InvalidEntityException>().WithMessage("*lat*N (number)*");

        var alert = ParkingItemMapper.ToItem(EntitySamples.Alert());
        alert["createdAt"] = new AttributeValue { S = "2026-01-12T10:30:00Z" };
        FluentActions.Invoking(() => ParkingItemMapper.ToAlert(alert)).Should().Throw<InvalidEntityException>().Which.Field.Should().Be("createdAt");

        FluentActions.Invoking(() => ParkingItemMapper.FromItem(new Dictionary<string, AttributeValue> { ["PK"] = new() { S = "X#1" } }))
            .Should().Throw<ParkingDataException>().WithMessage("*PK=X#1*entityType*");
        FluentActions.Invoking(() => ParkingItemMapper.GetEntityType(new Dictionary<string, AttributeValue> { ["entityType"] = new() { S = "PARKING_LOT" } }))
            .Should().Throw<ParkingDataException>().WithMessage("*PARKING_LOT*");
    }

    [Fact]
    public void Every_call_returns_new_attribute_values()
    {
        var a = ParkingItemMapper.ToItem(EntitySamples.Tenant());
        var b = ParkingItemMapper.ToItem(EntitySamples.Tenant());
        foreach (var name in a.Keys)
        {
            a[name].Should().NotBeSameAs(b[name]);
        }

        a["SK"].S = "CHANGED";
        ParkingItemMapper.ToItem(EntitySamples.Tenant())["SK"].S.Should().Be("METADATA");
    }

    [Fact]
    public void Timestamps_in_any_offset_are_written_in_utc()
    {
        var tenant = EntitySamples.Tenant() with { CreatedAt = new DateTimeOffset(2026, 1, 1, 3, 0, 0, TimeSpan.FromHours(4)) };
        ParkingItemMapper.ToItem(tenant)["createdAt"].S.Should().Be("2025-12-31T23:00:00.000000Z");
        ParkingItemMapper.ToTenant(ParkingItemMapper.ToItem(tenant)).Should().Be(tenant);
    }

    [Fact]
    public void Bay_equality_after_the_round_trip_includes_the_derived_status_properties()
    {
        var bay = EntitySamples.Bay();
        var back = ParkingItemMapper.ToBay(ParkingItemMapper.ToItem(bay));
        back.Status.Should().Be(bay.Status);
        back.SensorId.Should().Be(bay.SensorId);
        back.StatusChangedAt.Should().Be(bay.StatusChangedAt);
        back.StatusEventId.Should().Be(bay.StatusEventId);
        back.Should().NotBe(bay with { Status = BayStatus.Vacant });
    }

    internal static Dictionary<string, string> Strings(Dictionary<string, AttributeValue> item) =>
        item.Where(p => p.Value.S is not null).ToDictionary(p => p.Key, p => p.Value.S!);
}
