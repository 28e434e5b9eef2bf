using System;
using VisionDrive.Parking.Data;

namespace VisionDrive.Parking.Data.Benchmarks;

/// <summary>Realistic entities shared by the benchmarks (values shaped like the guide's items).</summary>
public static class Samples
{
    public const string TenantId = "77a38d1d-2c63-41e3-a6e5-1c7a06cb1716";

    /// <summary>A decoded PSL01B uplink as the network server delivers it (375 bytes).</summary>
    public const string DecodedJson =
        "{\"occupied\":true,\"battery\":3.61,\"rssi\":-97,\"snr\":7.25,\"raw\":\"AQE=\",\"fPort\":2,\"fCnt\":48213,\"temperatu"
        + "re\":24.5,\"magnetometer\":{\"x\":123,\"y\":-45,\"z\":678,\"baseline\":[120,-40,670]},\"gateway\":{\"id\":\"eui-a840"
        + "411f8c304150\",\"rssi\":-97,\"snr\":7.25,\"channel\":3,\"time\":\"2026-01-12T10:30:00.123456Z\"},\"dataRate\":{\"s"
        + "preadingFactor\":9,\"bandwidth\":125000},\"confirmed\":false,\"firmware\":\"1.4.2\"}";

    public static readonly DateTimeOffset EventTime = new DateTimeOffset(2026, 1, 12, 10, 30, 0, TimeSpan.Zero).AddTicks(1_234_560);

    public static readonly DateTimeOffset Created = new DateTimeOffset(2025, 11, 3, 9, 15, 27, TimeSpan.Zero).AddTicks(4_817_230);

    public static SensorEvent Event() =>
        new("evt-7f3c9a2e-0042", EventTime, TenantId, "PSL01B-001", "ARRIVE", JsonText.Parse(DecodedJson));

    public static Bay Bay() =>
        new("bay-0001", TenantId, "site-dxb-01", "zone-a", "A-001", 25.19721, 55.27441, Created, Created)
        {
            Status = BayStatus.Occupied,
            SensorId = "PSL01B-001",
            StatusChangedAt = EventTime,
            StatusEventId = "evt-7f3c9a2e-0042",
        };

    /// <summary>A JSON document of about <paramref name="bytes"/> bytes: an array of readings like a batched uplink.</summary>
    public static string JsonOfSize(int bytes)
    {
        var sb = new System.Text.StringBuilder("""{"device":"PSL01B-001","batch":true,"readings":[""");
        var i = 0;
        while (sb.Length < bytes - 120)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(System.Globalization.CultureInfo.InvariantCulture,
                $$"""{"t":{{1768213800 + i}},"occ":{{(i % 2 == 0 ? "true" : "false")}},"bat":3.{{60 + (i % 9)}},"rssi":-{{90 + (i % 17)}},"tag":"r{{i}}"}""");
            i++;
        }

        sb.Append("""],"meta":{"fw":"1.4.2","gw":"eui-a840411f8c304150"}}""");
        return sb.ToString();
    }
}
