using System.Globalization;
using System.Linq;
using VisionDrive.Parking.Data.Infrastructure;

namespace VisionDrive.Parking.Datasets;

/// <summary>Deterministic rows of the <c>guide</c> and <c>scale:N</c> datasets (ids fixed; times and values from the seed).</summary>
internal sealed class DatasetGenerator
{
    private static readonly DateTimeOffset Created = new(2025, 11, 3, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset January = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly int[] Prices = [4, 5, 8, 10, 12, 15, 20];

    private readonly Random _random;

    public DatasetGenerator(int seed, int parkingSensors)
    {
        _random = new Random(seed);
        ParkingSensors = parkingSensors;
        Tenant = new Tenant(GuideDataset.TenantId, "VisionDrive", GuideDataset.TenantSlug, "ACTIVE", Created, Created.AddDays(30));
        Site = new Site(GuideDataset.SiteId, GuideDataset.TenantId, "Dubai Downtown", "Sheikh Mohammed bin Rashid Blvd, Downtown Dubai",
            25.1972, 55.2744, "Asia/Dubai", Created, Created.AddDays(2));
        Zones = Enumerable.Range(0, GuideDataset.ZoneCount).Select(MakeZone).ToList();
        Bays = Enumerable.Range(0, parkingSensors).Select(MakeBay).ToList();
        Sensors = MakeSensors();
    }

    public int ParkingSensors { get; }

    public Tenant Tenant { get; }

    public Site Site { get; }

    public List<Zone> Zones { get; }

    public List<Bay> Bays { get; }

    public List<Sensor> Sensors { get; }

    public static string SensorId(int i) => "PSL01B-" + (i + 1).ToString("000", CultureInfo.InvariantCulture);

    public static string BayId(int i) => "bay-" + (i + 1).ToString("000", CultureInfo.InvariantCulture);

    public static string ZoneId(int z) => "zone-" + (z + 1).ToString("000", CultureInfo.InvariantCulture);

    /// <summary>The zone of bay <paramref name="i"/>: zones 1-4 get two bays each among the first 8, then one each, then round robin.</summary>
    public static int ZoneOfBay(int i) => i < 8 ? i / 2 : (i - 8 + 4) % GuideDataset.ZoneCount;

    /// <summary>The guide's 192 events: per parking sensor an ARRIVE/LEAVE pair and two HEARTBEATs, a second ARRIVE for the first 20, six HEARTBEATs per gateway.</summary>
    public List<SensorEvent> GuideEvents()
    {
        var raw = new List<(DateTimeOffset Time, string Sensor, string Kind, string Decoded)>();
        for (var i = 0; i < ParkingSensors; i++)
        {
            var arrive = January.AddDays(1 + _random.Next(0, 20)).AddHours(6 + _random.Next(0, 12)).AddTicks(_random.NextInt64(0, TimeSpan.TicksPerHour) / 10 * 10);
            var leave = arrive.AddMinutes(20 + _random.Next(0, 280)).AddTicks(_random.Next(0, 1_000_000) * 10L);
            raw.Add((arrive, SensorId(i), EventKinds.Arrive, Payload(true)));
            raw.Add((leave, SensorId(i), EventKinds.Leave, Payload(false)));
            if (i < 20)
            {
                var again = leave.AddHours(2 + _random.Next(0, 48)).AddTicks(_random.Next(0, 1_000_000) * 10L);
                raw.Add((again, SensorId(i), EventKinds.Arrive, Payload(true)));
            }

            for (var h = 0; h < 2; h++)
            {
                raw.Add((RandomJanuaryTime(), SensorId(i), EventKinds.Heartbeat, Heartbeat()));
            }
        }

        foreach (var gateway in new[] { "GW-DXB-01", "GW-DXB-02" })
        {
            for (var h = 0; h < 6; h++)
            {
                raw.Add((RandomJanuaryTime(), gateway, EventKinds.Heartbeat, Heartbeat()));
            }
        }

        return raw.OrderBy(r => r.Time).ThenBy(r => r.Sensor, StringComparer.Ordinal)
            .Select((r, n) => new SensorEvent(EventId(n + 1), r.Time, GuideDataset.TenantId, r.Sensor, r.Kind, TrustedJson.Wrap(r.Decoded)))
            .ToList();
    }

    /// <summary>N events for <c>scale:N</c>, generated lazily in time order: each parking sensor cycles ARRIVE, HEARTBEAT, LEAVE, HEARTBEAT.</summary>
    public IEnumerable<SensorEvent> ScaleEvents(long count)
    {
        var step = TimeSpan.FromMilliseconds(250);
        for (long j = 0; j < count; j++)
        {
            var sensor = (int)(j % ParkingSensors);
            var kind = ((j / ParkingSensors) % 4) switch
            {
                0 => EventKinds.Arrive,
                2 => EventKinds.Leave,
                _ => EventKinds.Heartbeat,
            };
            var time = January.AddTicks((step.Ticks * j) + (_random.Next(0, 200_000) * 10L));
            var decoded = kind switch
            {
                EventKinds.Arrive => Payload(true),
                EventKinds.Leave => Payload(false),
                _ => Heartbeat(),
            };
            yield return new SensorEvent(EventId(j + 1), time, GuideDataset.TenantId, SensorId(sensor), kind, TrustedJson.Wrap(decoded));
        }
    }

    public static string EventId(long n) => "evt-" + n.ToString("000000", CultureInfo.InvariantCulture);

    public List<Alert> Alerts(int count)
    {
        var alerts = new List<Alert>(count);
        for (var i = 0; i < count; i++)
        {
            var sensorIndex = (i * 7) % ParkingSensors;
            var bay = Bays[sensorIndex];
            var created = RandomJanuaryTime();
            var status = (i % 10) switch
            {
                < 3 => AlertStatus.Open,
                < 6 => AlertStatus.Acknowledged,
                _ => AlertStatus.Resolved,
            };
            DateTimeOffset? resolved = status == AlertStatus.Resolved ? created.AddMinutes(30 + _random.Next(0, 48 * 60)).AddTicks(_random.Next(0, 1_000_000) * 10L) : null;
            var id = "alert-" + (i + 1).ToString("000", CultureInfo.InvariantCulture);
            alerts.Add((i % 3) switch
            {
                0 => new Alert(id, GuideDataset.TenantId, GuideDataset.SiteId, bay.ZoneId, null, SensorId(sensorIndex), "LOW_BATTERY", "WARNING", status,
                    string.Create(CultureInfo.InvariantCulture, $"Battery at {3.0 + (_random.Next(0, 15) / 100.0):0.00} V"), created, resolved),
                1 => i % 4 == 1
                    ? new Alert(id, GuideDataset.TenantId, GuideDataset.SiteId, GuideDataset.FirstZoneId, null, GuideDataset.FirstGatewayId, "OFFLINE", "CRITICAL", status,
                        "Gateway GW-DXB-01 has not reported for 15 minutes", created, resolved)
                    : new Alert(id, GuideDataset.TenantId, GuideDataset.SiteId, bay.ZoneId, null, SensorId(sensorIndex), "OFFLINE", "CRITICAL", status,
                        "Sensor " + SensorId(sensorIndex) + " has not reported for 2 hours", created, resolved),
                _ => new Alert(id, GuideDataset.TenantId, GuideDataset.SiteId, bay.ZoneId, bay.Id, SensorId(sensorIndex), "OVERSTAY", "INFO", status,
                    "Bay " + bay.Code + " occupied beyond the 4 h limit", created, resolved),
            });
        }

        return alerts;
    }

    private Zone MakeZone(int z)
    {
        var letter = (char)('A' + (z % 26));
        var name = z < 26 ? "Zone " + letter : "Zone " + letter + (1 + (z / 26)).ToString(CultureInfo.InvariantCulture);
        var (kind, tariff) = (z % 6) switch
        {
            4 => ("FREE", (string?)null),
            5 => ("PERMIT", "{\"permitFee\": 250, \"currency\": \"AED\", \"period\": \"month\"}"),
            _ => ("PAID", "{\"pricePerHour\": " + Prices[_random.Next(Prices.Length)].ToString(CultureInfo.InvariantCulture) + ", \"currency\": \"AED\"}"),
        };
        if (z == 0)
        {
            tariff = "{\"pricePerHour\": 10, \"currency\": \"AED\"}";
        }

        return new Zone(ZoneId(z), GuideDataset.TenantId, GuideDataset.SiteId, name, kind, tariff is null ? null : TrustedJson.Wrap(tariff), Created.AddHours(z), Created.AddDays(3));
    }

    private Bay MakeBay(int i)
    {
        var z = ZoneOfBay(i);
        var letter = (char)('A' + (z % 26));
        var code = letter + "-" + (i + 1).ToString("000", CultureInfo.InvariantCulture);
        return new Bay(BayId(i), GuideDataset.TenantId, GuideDataset.SiteId, ZoneId(z), code,
            Math.Round(25.1972 + (_random.NextDouble() - 0.5) / 100, 6), Math.Round(55.2744 + (_random.NextDouble() - 0.5) / 100, 6), Created.AddDays(1), Created.AddDays(4));
    }

    private List<Sensor> MakeSensors()
    {
        var sensors = new List<Sensor>(ParkingSensors + 6);
        var baseEui = Convert.ToUInt64(GuideDataset.FirstSensorDevEui, 16);
        for (var i = 0; i < ParkingSensors + 4; i++)
        {
            var devEui = (baseEui + (ulong)i).ToString("X16", CultureInfo.InvariantCulture);
            if (i < ParkingSensors)
            {
                var bay = Bays[i];
                sensors.Add(new Sensor(SensorId(i), GuideDataset.TenantId, GuideDataset.SiteId, bay.ZoneId, bay.Id, devEui, "PARKING",
                    i % 13 == 12 ? "faulty" : "active", January.AddDays(25).AddTicks(_random.NextInt64(0, TimeSpan.TicksPerDay) / 10 * 10), Created.AddDays(1), Created.AddDays(5)));
            }
            else
            {
                sensors.Add(new Sensor(SensorId(i), GuideDataset.TenantId, GuideDataset.SiteId, null, null, devEui, "PARKING", "inactive", null, Created.AddDays(1), Created.AddDays(1)));
            }
        }

        sensors.Add(new Sensor("GW-DXB-01", GuideDataset.TenantId, GuideDataset.SiteId, GuideDataset.FirstZoneId, null, "B827EBFFFE8A1C01", "GATEWAY", "active",
            January.AddDays(25), Created, Created.AddDays(5)));
        sensors.Add(new Sensor("GW-DXB-02", GuideDataset.TenantId, GuideDataset.SiteId, ZoneId(20), null, "B827EBFFFE8A1C02", "GATEWAY", "active",
            January.AddDays(25), Created, Created.AddDays(5)));
        return sensors;
    }

    private DateTimeOffset RandomJanuaryTime() => January.AddTicks(_random.NextInt64(0, 30 * TimeSpan.TicksPerDay) / 10 * 10);

    private string Payload(bool occupied) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"occupied\": {(occupied ? "true" : "false")}, \"battery\": {3.3 + (_random.Next(0, 40) / 100.0):0.00}, \"rssi\": {-70 - _random.Next(0, 45)}}}");

    private string Heartbeat() => string.Create(CultureInfo.InvariantCulture,
        $"{{\"battery\": {3.3 + (_random.Next(0, 40) / 100.0):0.00}, \"rssi\": {-70 - _random.Next(0, 45)}, \"snr\": {(_random.Next(-50, 120) / 10.0):0.0}}}");
}
