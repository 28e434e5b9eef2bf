using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;
using VisionDrive.Parking.Data.Keys;

namespace VisionDrive.Parking.Data.Benchmarks.Mapping;

/// <content>The SDK's Document model, written by hand: same keys (ParkingKeys), the payload through <c>Document.FromJson</c>/<c>ToJson</c>.</content>
public partial class ItemMappingBenchmarks
{
    [Benchmark(Description = "SDK Document"), BenchmarkCategory("Event→item")]
    public Dictionary<string, AttributeValue> EventToItem_Document()
    {
        var e = _event;
        var sk = ParkingKeys.EventSort(e.Time, e.Id);
        var doc = new Document
        {
            ["PK"] = ParkingKeys.Sensor(e.SensorId),
            ["SK"] = sk,
            ["GSI1PK"] = ParkingKeys.TenantEventsDay(e.TenantId, e.Time),
            ["GSI1SK"] = sk,
            ["entityType"] = "EVENT",
            ["eventId"] = e.Id,
            ["timestamp"] = KeyTime.ToKey(e.Time),
            ["tenantId"] = e.TenantId,
            ["sensorId"] = e.SensorId,
            ["eventType"] = e.Kind,
        };
        if (e.Decoded is not null)
        {
            doc["decoded"] = Document.FromJson(e.Decoded.Raw);
        }

        doc["ttl"] = e.Time.AddDays(400).ToUnixTimeSeconds();
        return doc.ToAttributeMap();
    }

    [Benchmark(Description = "SDK Document"), BenchmarkCategory("Item→event")]
    public SensorEvent ItemToEvent_Document()
    {
        var doc = Document.FromAttributeMap(_eventItem);
        KeyTime.TryParse(doc["timestamp"].AsString(), out var time);
        var decoded = doc.TryGetValue("decoded", out var d) ? JsonText.FromTrusted(d.AsDocument().ToJson()) : null;
        return new SensorEvent(doc["eventId"].AsString(), time, doc["tenantId"].AsString(), doc["sensorId"].AsString(), doc["eventType"].AsString(), decoded);
    }

    [Benchmark(Description = "SDK Document"), BenchmarkCategory("Bay→item")]
    public Dictionary<string, AttributeValue> BayToItem_Document()
    {
        var b = _bay;
        var byId = ParkingKeys.BayById(b.Id);
        var doc = new Document
        {
            ["PK"] = ParkingKeys.Zone(b.ZoneId),
            ["SK"] = ParkingKeys.BaySort(b.Code, b.Id),
            ["GSI1PK"] = ParkingKeys.Site(b.SiteId),
            ["GSI1SK"] = byId,
            ["GSI2PK"] = byId,
            ["GSI2SK"] = ParkingKeys.BayGsi2Sort,
            ["entityType"] = "BAY",
            ["bayId"] = b.Id,
            ["tenantId"] = b.TenantId,
            ["siteId"] = b.SiteId,
            ["zoneId"] = b.ZoneId,
            ["bayNumber"] = b.Code,
            ["status"] = b.Status,
            ["createdAt"] = KeyTime.ToKey(b.CreatedAt),
            ["updatedAt"] = KeyTime.ToKey(b.UpdatedAt),
        };
        if (b.Lat is { } lat)
        {
            doc["lat"] = lat;
        }

        if (b.Lng is { } lng)
        {
            doc["lng"] = lng;
        }

        if (b.SensorId is not null)
        {
            doc["sensorId"] = b.SensorId;
        }

        if (b.StatusChangedAt is { } changed)
        {
            doc["statusChangedAt"] = KeyTime.ToKey(changed);
        }

        if (b.StatusEventId is not null)
        {
            doc["statusEventId"] = b.StatusEventId;
        }

        return doc.ToAttributeMap();
    }

    [Benchmark(Description = "SDK Document"), BenchmarkCategory("Item→bay")]
    public Bay ItemToBay_Document()
    {
        var doc = Document.FromAttributeMap(_bayItem);
        KeyTime.TryParse(doc["createdAt"].AsString(), out var created);
        KeyTime.TryParse(doc["updatedAt"].AsString(), out var updated);
        DateTimeOffset? changed = doc.TryGetValue("statusChangedAt", out var c) && KeyTime.TryParse(c.AsString(), out var ct) ? ct : null;
        return new Bay(
            doc["bayId"].AsString(), doc["tenantId"].AsString(), doc["siteId"].AsString(), doc["zoneId"].AsString(), doc["bayNumber"].AsString(),
            doc.TryGetValue("lat", out var lat) ? lat.AsDouble() : null,
            doc.TryGetValue("lng", out var lng) ? lng.AsDouble() : null,
            created, updated)
        {
            Status = doc["status"].AsString(),
            SensorId = doc.TryGetValue("sensorId", out var s) ? s.AsString() : null,
            StatusChangedAt = changed,
            StatusEventId = doc.TryGetValue("statusEventId", out var ev) ? ev.AsString() : null,
        };
    }
}
