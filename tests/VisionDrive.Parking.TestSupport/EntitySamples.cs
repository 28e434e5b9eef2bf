using System;
using VisionDrive.Parking.Data;

namespace VisionDrive.Parking.TestSupport;

/// <summary>Entities with every column set, and with every optional column null.</summary>
public static class EntitySamples
{
    public static readonly DateTimeOffset Created = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero).AddTicks(1234560);
    public static readonly DateTimeOffset Updated = new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.FromHours(4)).AddTicks(9876540);
    public static readonly DateTimeOffset EventTime = new DateTimeOffset(2026, 1, 12, 10, 30, 0, TimeSpan.Zero).AddTicks(1234560);

    public static Tenant Tenant() => new("77a38d1d-2c63-41e3-a6e5-1c7a06cb1716", "VisionDrive", "visiondrive", "ACTIVE", Created, Updated);

    public static Site Site() => new("site-1", "77a38d1d-2c63-41e3-a6e5-1c7a06cb1716", "Dubai Mall", "Financial Centre Rd, Dubai", 25.197197, 55.2743764, "Asia/Dubai", Created, Updated);

    public static Site SiteMinimal() => new("site-2", "t-1", "Depot", null, null, null, "Asia/Dubai", Created, Updated);

    public static Zone Zone() => new(
        "zone-1", "t-1", "site-1", "Zone A", "PAID",
        JsonText.Parse("""{"pricePerHour": 10.50, "currency": "AED", "rules": [{"from": "08:00", "to": "22:00", "free": false}, null], "note": ""}"""),
        Created, Updated);

    public static Zone ZoneMinimal() => new("zone-2", "t-1", "site-1", "Free zone", "FREE", null, Created, Updated);

    public static Bay Bay() => new("bay-1", "t-1", "site-1", "zone-1", "A-001", 25.1971, -55.2743764123, Created, Updated)
    {
        Status = BayStatus.Occupied,
        SensorId = "PSL01B-001",
        StatusChangedAt = EventTime,
        StatusEventId = "ev-1",
    };

    public static Bay BayMinimal() => new("bay-2", "t-1", "site-1", "zone-1", "A-002", null, null, Created, Updated);

    public static Sensor Sensor() => new("PSL01B-001", "t-1", "site-1", "zone-1", "bay-1", "a8:40:41:00:01:81:23:45", "PARKING", "active", EventTime, Created, Updated);

    public static Sensor SensorMinimal() => new("GW-1", "t-1", "site-1", null, null, "A840410001812346", "GATEWAY", "inactive", null, Created, Updated);

    public static SensorEvent Event() => new(
        "ev-1", EventTime, "t-1", "PSL01B-001", "ARRIVE",
        JsonText.Parse("""{"battery": 3.61, "occupied": true, "rssi": -97, "payload": {"raw": "AQID", "reading": 12345678901234567890.123456789}, "tags": [], "extra": {}, "none": null}"""));

    public static SensorEvent EventMinimal() => new("ev-2", EventTime.AddSeconds(1), "t-1", "PSL01B-001", "HEARTBEAT", null);

    public static Alert Alert() => new("al-1", "t-1", "site-1", "zone-1", "bay-1", "PSL01B-001", "LOW_BATTERY", "WARNING", "RESOLVED", "Battery below 3.3 V", Created, Updated);

    public static Alert AlertMinimal() => new("al-2", "t-1", null, null, null, null, "OFFLINE", "CRITICAL", "OPEN", null, Created, null);

    public static object[] All() =>
    [
        Tenant(), Site(), SiteMinimal(), Zone(), ZoneMinimal(), Bay(), BayMinimal(), Sensor(), SensorMinimal(), Event(), EventMinimal(), Alert(), AlertMinimal(),
    ];
}
