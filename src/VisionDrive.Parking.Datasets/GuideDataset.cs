namespace VisionDrive.Parking.Datasets;

/// <summary>
/// Well-known ids of the <c>guide</c> dataset (also the base of <c>scale:N</c> and <c>dirty</c>). Ids do not depend on the seed;
/// times, coordinates and payload values do.
/// </summary>
public static class GuideDataset
{
    /// <summary>The tenant id, as in the migration guide.</summary>
    public const string TenantId = "77a38d1d-2c63-41e3-a6e5-1c7a06cb1716";

    /// <summary>The tenant slug.</summary>
    public const string TenantSlug = "visiondrive";

    /// <summary>The one site (Dubai).</summary>
    public const string SiteId = "3f1c9a52-8d4e-4b7a-9c21-5e6f7a8b9c0d";

    /// <summary>Zones are <c>zone-001</c> … <c>zone-036</c>; this one (PAID) has bays <c>bay-001</c> and <c>bay-002</c>.</summary>
    public const string FirstZoneId = "zone-001";

    /// <summary>Bays are <c>bay-001</c> … <c>bay-040</c>, codes <c>A-001</c>, …; bay <c>bay-00n</c> is watched by sensor <c>PSL01B-00n</c>.</summary>
    public const string FirstBayId = "bay-001";

    /// <summary>Parking sensors are <c>PSL01B-001</c> … <c>PSL01B-040</c>; <c>PSL01B-041</c> … <c>PSL01B-044</c> are in stock (no zone, no bay).</summary>
    public const string FirstSensorId = "PSL01B-001";

    /// <summary>The DevEUI of <see cref="FirstSensorId"/>; sensor n (1-based) has <c>A840410001812345 + n - 1</c> in hex.</summary>
    public const string FirstSensorDevEui = "A840410001812345";

    /// <summary>The two gateways: <c>GW-DXB-01</c>, <c>GW-DXB-02</c> (type GATEWAY, zone <c>zone-001</c>, no bay).</summary>
    public const string FirstGatewayId = "GW-DXB-01";

    /// <summary>Rows per table: 1 tenant, 1 site, 36 zones, 40 bays, 46 sensors, 192 events, 40 alerts.</summary>
    public const int TotalRows = 356;

    /// <summary>Zones in the dataset.</summary>
    public const int ZoneCount = 36;

    /// <summary>Bays in the dataset.</summary>
    public const int BayCount = 40;

    /// <summary>Sensors in the dataset.</summary>
    public const int SensorCount = 46;

    /// <summary>Events in the dataset.</summary>
    public const int EventCount = 192;

    /// <summary>Alerts in the dataset.</summary>
    public const int AlertCount = 40;
}
