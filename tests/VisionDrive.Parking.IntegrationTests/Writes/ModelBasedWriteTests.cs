using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using CsCheck;
using VisionDrive.Parking.Data;
using Xunit.Abstractions;

namespace VisionDrive.Parking.IntegrationTests.Writes;

/// <summary>
/// Model-based test of the write side: CsCheck generates seeded random sequences of writes (every write, on purpose with stale versions,
/// duplicate ids, other tenants' ids, missing parents, out-of-order and redelivered events, bay moves, sensor moves, deletes of parents) and
/// runs each step on PostgreSQL, DynamoDB Local and <see cref="ParkingModel"/>, comparing the step's answer and the reads of everything it
/// touched after every step. A divergence fails with CsCheck's seed and the shrunk (shortest) failing sequence.
/// </summary>
public sealed class ModelBasedWriteTests(WriteModelWorld world, ITestOutputHelper output) : IClassFixture<WriteModelWorld>
{
    private const int Iterations = 24;
    private const int MinOps = 80;
    private const int MaxOps = 100;
    private static readonly DateTimeOffset EventBase = new(2030, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeRange AllTime = new(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private static readonly string?[] Tariffs = [null, """{"pricePerHour": 10, "currency": "AED"}""", """{"currency":"USD","pricePerHour":2.5,"maxHours":[1,2]}""", """{"free": true}"""];

    private static int s_run;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private long _operations;

    public enum Kind
    {
        CreateTenant, UpdateTenant, DeleteTenant, CreateSite, UpdateSite, DeleteSite, CreateZone, UpdateZone, DeleteZone,
        CreateBay, UpdateBay, DeleteBay, RegisterSensor, UpdateSensor, DeleteSensor, RecordEvent,
    }

    /// <summary>One generated step; the numbers pick ids from small pools so that steps collide.</summary>
    public sealed record Op(Kind Kind, int A, int B, int C, int D, int E, bool Stale, bool Tick)
    {
        public override string ToString() => $"{Kind}({A},{B},{C},{D},{E}{(Stale ? ",stale" : "")}{(Tick ? "" : ",same-µs")})";
    }

    private static readonly Gen<Kind> GenKind = Gen.Frequency(
        (3, Gen.Const(Kind.CreateTenant)), (2, Gen.Const(Kind.UpdateTenant)), (1, Gen.Const(Kind.DeleteTenant)),
        (3, Gen.Const(Kind.CreateSite)), (2, Gen.Const(Kind.UpdateSite)), (1, Gen.Const(Kind.DeleteSite)),
        (4, Gen.Const(Kind.CreateZone)), (2, Gen.Const(Kind.UpdateZone)), (1, Gen.Const(Kind.DeleteZone)),
        (5, Gen.Const(Kind.CreateBay)), (3, Gen.Const(Kind.UpdateBay)), (1, Gen.Const(Kind.DeleteBay)),
        (5, Gen.Const(Kind.RegisterSensor)), (5, Gen.Const(Kind.UpdateSensor)), (1, Gen.Const(Kind.DeleteSensor)),
        (8, Gen.Const(Kind.RecordEvent)));

    private static readonly Gen<Op> GenOp = Gen.Select(
        GenKind, Gen.Int[0, 7], Gen.Int[0, 7], Gen.Int[0, 7], Gen.Int[0, 7], Gen.Int[0, 7], Gen.Int[0, 4], Gen.Int[0, 3],
        (k, a, b, c, d, e, stale, tick) => new Op(k, a, b, c, d, e, stale == 0, tick != 0));

    [Fact]
    public async Task Random_write_sequences_give_the_same_answers_on_PostgreSQL_DynamoDB_and_the_model_after_every_step()
    {
        await Check.SampleAsync(
            GenOp.Array[MinOps, MaxOps],
            RunAsync,
            writeLine: output.WriteLine,
            iter: Iterations,
            threads: 1,
            print: ops => string.Join(Environment.NewLine, ops.Select((op, i) => $"{i + 1,3}. {op}")));

        output.WriteLine($"{Interlocked.Read(ref _operations)} operations compared on three targets.");
        foreach (var (outcome, count) in _outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{outcome}: {count}");
        }

        Interlocked.Read(ref _operations).Should().BeGreaterThanOrEqualTo(Iterations * MinOps);

        // The sequences reach every write's success and every typed refusal (else the comparison proves little).
        foreach (var kind in Enum.GetValues<Kind>())
        {
            _outcomes.Keys.Should().Contain(kind + " ok", $"some {kind} should succeed");
        }

        foreach (var refusal in new[] { "StaleVersionException", "EntityNotFoundException", "EntityConflictException", "ArgumentException" })
        {
            _outcomes.Keys.Should().Contain(k => k.EndsWith(refusal, StringComparison.Ordinal), $"some write should fail with {refusal}");
        }

        // A bay that still holds a sensor is rare in random sequences (a CI run had none in 2,183 steps): its refused delete is asserted
        // on both stores by the conformance suite (ParkingStoreConformanceTests.Writes), so it is not required of every random sample.
        _outcomes.Keys.Should().Contain(["UpdateBay ok", "DeleteTenant !EntityConflictException", "DeleteSite !EntityConflictException", "DeleteZone !EntityConflictException"]);
    }

    private async Task RunAsync(Op[] ops)
    {
        var ids = new Ids(Interlocked.Increment(ref s_run));
        var model = new ParkingModel(world.Clock);
        var targets = new (string Name, IParkingStore Store)[] { ("PostgreSQL", world.Postgres), ("DynamoDB", world.DynamoDb), ("model", model) };
        for (var step = 0; step < ops.Length; step++)
        {
            var op = ops[step];
            if (op.Tick)
            {
                world.Clock.Advance(TimeSpan.FromMilliseconds(1));
            }

            var action = Build(op, ids, model);
            var answers = new string[targets.Length];
            for (var t = 0; t < targets.Length; t++)
            {
                answers[t] = await DescribeAsync(() => action.Write(targets[t].Store));
                answers[t] += " | " + await action.Read(targets[t].Store);
            }

            Interlocked.Increment(ref _operations);
            var outcome = answers[2].StartsWith('!') ? answers[2][..answers[2].IndexOf(' ', StringComparison.Ordinal)] : "ok";
            _outcomes.AddOrUpdate(op.Kind + " " + outcome, 1, (_, n) => n + 1);
            if (answers.Distinct(StringComparer.Ordinal).Count() != 1)
            {
                throw new InvalidOperationException(
                    $"Step {step + 1} {op} diverged:\n" + string.Join("\n", targets.Select((t, i) => $"  {t.Name}: {answers[i]}")));
            }
        }
    }

    private sealed record Step(Func<IParkingStore, Task<object?>> Write, Func<IParkingStore, Task<string>> Read);

    private sealed class Ids(int run)
    {
        private readonly string _p = "m" + run.ToString(CultureInfo.InvariantCulture) + "-";

        public string Tenant(int i) => _p + "t" + (i % 3);

        public string Slug(int i) => _p + "slug-" + (i % 3);

        public string Site(int i) => _p + "s" + (i % 6);

        public string Zone(int i) => _p + "z" + (i % 8);

        public string Bay(int i) => _p + "b" + (i % 12);

        public string Sensor(int i) => _p + "n" + (i % 10);

        public string DevEui(int i) => string.Create(CultureInfo.InvariantCulture, $"{run:X8}000000{i % 4:X2}");

        public string Event(string sensorId, int i) => sensorId + "-e" + (i % 4);
    }

    /// <summary>An existing entity of the model most of the time (so that sequences build deep trees), else an id of the pool (maybe missing).</summary>
    private static string Pick(ParkingModel model, EntityType type, int i, Func<int, string> pool)
    {
        var existing = model.Ids(type);
        return i < 6 && existing.Count > 0 ? existing[i % existing.Count] : pool(i + 3);
    }

    /// <summary>The tenant a step names: the owner of the entity in the model (most of the time), or any tenant (another tenant's id).</summary>
    private static string TenantFor(Ids ids, int c, string? owner) => c < 6 && owner is not null ? owner : ids.Tenant(c);

    private static DateTimeOffset VersionFor(bool stale, DateTimeOffset? current) =>
        current is { } v ? (stale ? v.AddTicks(-10) : v) : new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Step Build(Op op, Ids ids, ParkingModel model)
    {
        switch (op.Kind)
        {
            case Kind.CreateTenant:
            {
                var t = new Tenant(ids.Tenant(op.A), "Tenant " + op.B, ids.Slug(op.B), "ACTIVE", default, default);
                return new(async s => await s.CreateTenantAsync(t), s => ReadTenantAsync(s, t.Id, t.Slug));
            }

            case Kind.UpdateTenant:
            {
                var id = Pick(model, EntityType.Tenant, op.A, ids.Tenant);
                var current = model.Tenant(id);
                var t = new Tenant(id, "Renamed " + op.C, ids.Slug(op.B), op.D < 6 ? "ACTIVE" : "SUSPENDED", default, VersionFor(op.Stale, current?.UpdatedAt));
                return new(async s => await s.UpdateTenantAsync(t), s => ReadTenantAsync(s, id, t.Slug, current?.Slug));
            }

            case Kind.DeleteTenant:
            {
                var id = Pick(model, EntityType.Tenant, op.A, ids.Tenant);
                var current = model.Tenant(id);
                return new(async s => { await s.DeleteTenantAsync(id, VersionFor(op.Stale, current?.UpdatedAt)); return "deleted"; }, s => ReadTenantAsync(s, id, current?.Slug ?? ids.Slug(0)));
            }

            case Kind.CreateSite:
            {
                var site = new Site(ids.Site(op.A), Pick(model, EntityType.Tenant, op.C, ids.Tenant), "Site " + op.B, op.B % 2 == 0 ? null : "Street " + op.B, op.D % 2 == 0 ? null : 25.2 + op.D, op.D % 2 == 0 ? null : 55.3, "Asia/Dubai", default, default);
                return new(async s => await s.CreateSiteAsync(site), s => ReadSiteAsync(s, site.Id, site.TenantId));
            }

            case Kind.UpdateSite:
            {
                var siteId = Pick(model, EntityType.Site, op.A, ids.Site);
                var current = model.Site(siteId);
                var tenant = TenantFor(ids, op.C, current?.TenantId);
                var site = new Site(siteId, tenant, "Site v" + op.B, "Avenue " + op.D, null, op.E % 2 == 0 ? null : 54.0 + op.E, op.E < 4 ? "Asia/Dubai" : "UTC", default, VersionFor(op.Stale, current?.UpdatedAt));
                return new(async s => await s.UpdateSiteAsync(site), s => ReadSiteAsync(s, site.Id, tenant));
            }

            case Kind.DeleteSite:
            {
                var siteId = Pick(model, EntityType.Site, op.A, ids.Site);
                var current = model.Site(siteId);
                var tenant = TenantFor(ids, op.C, current?.TenantId);
                return new(async s => { await s.DeleteSiteAsync(tenant, siteId, VersionFor(op.Stale, current?.UpdatedAt)); return "deleted"; }, s => ReadSiteAsync(s, siteId, tenant));
            }

            case Kind.CreateZone:
            {
                var siteId = Pick(model, EntityType.Site, op.B, ids.Site);
                var site = model.Site(siteId);
                var zone = new Zone(ids.Zone(op.A), TenantFor(ids, op.C, site?.TenantId), siteId, "Zone " + op.D, op.D % 2 == 0 ? "PAID" : "FREE", Tariff(op.D), default, default);
                return new(async s => await s.CreateZoneAsync(zone), s => ReadZoneAsync(s, zone.Id, zone.SiteId));
            }

            case Kind.UpdateZone:
            {
                var zoneId = Pick(model, EntityType.Zone, op.A, ids.Zone);
                var current = model.Zone(zoneId);
                var siteId = op.B == 7 ? ids.Site(op.E) : current?.SiteId ?? ids.Site(op.E);
                var zone = new Zone(zoneId, TenantFor(ids, op.C, current?.TenantId), siteId, "Zone v" + op.D, op.D % 2 == 0 ? "PAID" : "PERMIT", Tariff(op.E), default, VersionFor(op.Stale, current?.UpdatedAt));
                return new(async s => await s.UpdateZoneAsync(zone), s => ReadZoneAsync(s, zone.Id, current?.SiteId ?? siteId));
            }

            case Kind.DeleteZone:
            {
                var zoneId = Pick(model, EntityType.Zone, op.A, ids.Zone);
                var current = model.Zone(zoneId);
                var tenant = TenantFor(ids, op.C, current?.TenantId);
                return new(async s => { await s.DeleteZoneAsync(tenant, zoneId, VersionFor(op.Stale, current?.UpdatedAt)); return "deleted"; }, s => ReadZoneAsync(s, zoneId, current?.SiteId ?? ids.Site(0)));
            }

            case Kind.CreateBay:
            {
                var zoneId = Pick(model, EntityType.Zone, op.B, ids.Zone);
                var zone = model.Zone(zoneId);
                var bay = new Bay(ids.Bay(op.A), TenantFor(ids, op.C, zone?.TenantId), "ignored", zoneId, "A-" + op.D, op.E % 2 == 0 ? null : 25.1, null, default, default);
                return new(async s => await s.CreateBayAsync(bay), s => ReadBayAsync(s, bay.Id, bay.ZoneId));
            }

            case Kind.UpdateBay:
            {
                var bayId = Pick(model, EntityType.Bay, op.A, ids.Bay);
                var current = model.Bay(bayId);
                var zoneId = op.B < 5 ? current?.ZoneId ?? ids.Zone(op.B) : Pick(model, EntityType.Zone, op.E, ids.Zone);
                var bay = new Bay(bayId, TenantFor(ids, op.C, current?.TenantId), "ignored", zoneId, op.D < 4 ? current?.Code ?? "A-0" : "B-" + op.D, op.E % 2 == 0 ? 24.9 : null, 55.0, default, VersionFor(op.Stale, current?.UpdatedAt))
                {
                    Status = BayStatus.Occupied, // ignored: the live status is the store's
                };
                return new(async s => await s.UpdateBayAsync(bay), s => ReadBayAsync(s, bay.Id, zoneId, current?.ZoneId));
            }

            case Kind.DeleteBay:
            {
                var bayId = Pick(model, EntityType.Bay, op.A, ids.Bay);
                var current = model.Bay(bayId);
                var tenant = TenantFor(ids, op.C, current?.TenantId);
                return new(async s => { await s.DeleteBayAsync(tenant, bayId, VersionFor(op.Stale, current?.UpdatedAt)); return "deleted"; }, s => ReadBayAsync(s, bayId, current?.ZoneId ?? ids.Zone(0)));
            }

            case Kind.RegisterSensor:
            case Kind.UpdateSensor:
            {
                var id = op.Kind == Kind.RegisterSensor ? ids.Sensor(op.A) : Pick(model, EntityType.Sensor, op.A, ids.Sensor);
                var current = model.Sensor(id);
                var (site, zone, bay) = Placement(op.B, op.E, ids, model);
                var owner = bay is not null ? model.Bay(bay)?.TenantId : zone is not null ? model.Zone(zone)?.TenantId : model.Site(site)?.TenantId;
                var tenant = TenantFor(ids, op.C, op.Kind == Kind.UpdateSensor ? current?.TenantId : owner);
                var devEui = op.D % 2 == 0 ? ids.DevEui(op.D / 2) : ids.DevEui(op.D / 2).ToLowerInvariant().Insert(2, ":");
                var status = op.Kind == Kind.UpdateSensor && op.E >= 6 ? SensorStatuses.Decommissioned : SensorStatuses.Active;
                var sensor = new Sensor(id, tenant, site, zone, bay, devEui, "PARKING", status, null, default, VersionFor(op.Stale, current?.UpdatedAt));
                Func<IParkingStore, Task<object?>> write = op.Kind == Kind.RegisterSensor ? async s => await s.RegisterSensorAsync(sensor) : async s => await s.UpdateSensorAsync(sensor);
                return new(write, s => ReadSensorAsync(s, id, devEui, current?.BayId, bay, current?.ZoneId, zone));
            }

            case Kind.DeleteSensor:
            {
                var sensorId = Pick(model, EntityType.Sensor, op.A, ids.Sensor);
                var current = model.Sensor(sensorId);
                var tenant = TenantFor(ids, op.C, current?.TenantId);
                return new(
                    async s => { await s.DeleteSensorAsync(tenant, sensorId, VersionFor(op.Stale, current?.UpdatedAt)); return "deleted"; },
                    s => ReadSensorAsync(s, sensorId, current?.DevEui ?? ids.DevEui(0), current?.BayId, null, current?.ZoneId, null));
            }

            case Kind.RecordEvent:
            {
                var sensorId = Pick(model, EntityType.Sensor, op.A, ids.Sensor);
                var current = model.Sensor(sensorId);
                var kind = op.D switch { < 3 => EventKinds.Arrive, < 6 => EventKinds.Leave, _ => EventKinds.Heartbeat };
                var ev = new SensorEvent(ids.Event(sensorId, op.B), EventBase.AddMinutes(op.C % 4), current?.TenantId ?? ids.Tenant(0), sensorId, kind, op.E % 2 == 0 ? null : JsonText.Parse("""{"battery": 3.6}"""));
                return new(async s => await s.RecordEventAsync(ev), async s =>
                    "bay " + Text(current?.BayId is { } b ? await s.GetBayAsync(b) : null)
                    + " events " + string.Join(",", (await s.ListSensorEventsAsync(sensorId, AllTime)).Items.Select(Text)));
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(op), op.Kind, "Unknown kind.");
        }
    }

    /// <summary>Where a sensor goes: on a bay (no zone passed, or a wrong one), in a zone, or in stock at a site.</summary>
    private static (string Site, string? Zone, string? Bay) Placement(int b, int e, Ids ids, ParkingModel model) => (b % 4) switch
    {
        0 or 1 => (ids.Site(e), e == 5 ? ids.Zone(b) : null, Pick(model, EntityType.Bay, e, ids.Bay)),
        2 => (ids.Site(e), Pick(model, EntityType.Zone, e, ids.Zone), null),
        _ => (Pick(model, EntityType.Site, e, ids.Site), null, null),
    };

    private static JsonText? Tariff(int i) => Tariffs[i % Tariffs.Length] is { } json ? JsonText.Parse(json) : null;

    private static async Task<string> ReadTenantAsync(IParkingStore s, string id, string slug, string? oldSlug = null) =>
        $"{Text(await s.GetTenantAsync(id))} slug {Text(await s.GetTenantBySlugAsync(slug))} old {(oldSlug is null ? "-" : Text(await s.GetTenantBySlugAsync(oldSlug)))}";

    private static async Task<string> ReadSiteAsync(IParkingStore s, string id, string tenantId) =>
        $"{Text(await s.GetSiteAsync(id))} of {tenantId}: {string.Join(",", (await s.ListSitesByTenantAsync(tenantId)).Items.Select(x => x.Id))}";

    private static async Task<string> ReadZoneAsync(IParkingStore s, string id, string siteId) =>
        $"{Text(await s.GetZoneAsync(id))} of {siteId}: {string.Join(",", (await s.ListZonesBySiteAsync(siteId)).Items.Select(Text))}";

    private static async Task<string> ReadBayAsync(IParkingStore s, string id, string zoneId, string? oldZoneId = null) =>
        $"{Text(await s.GetBayAsync(id))} in {Text(await s.GetZoneWithBaysAsync(zoneId))} old {(oldZoneId is null ? "-" : Text(await s.GetZoneWithBaysAsync(oldZoneId)))}";

    private static async Task<string> ReadSensorAsync(IParkingStore s, string id, string devEui, string? oldBay, string? newBay, string? oldZone, string? newZone)
    {
        var text = new StringBuilder();
        text.Append(Text(await s.GetSensorAsync(id))).Append(" by DevEUI ").Append(Text(await s.GetSensorByDevEuiAsync(devEui)));
        foreach (var bay in new[] { oldBay, newBay }.Where(b => b is not null).Distinct())
        {
            text.Append(" bay ").Append(Text(await s.GetBayAsync(bay!)));
        }

        foreach (var zone in new[] { oldZone, newZone }.Where(z => z is not null).Distinct())
        {
            text.Append(" zone ").Append(zone).Append(": ").Append(string.Join(",", (await s.ListSensorsByZoneAsync(zone!)).Items.Select(x => x.Id)));
        }

        return text.ToString();
    }

    private static async Task<string> DescribeAsync(Func<Task<object?>> write)
    {
        try
        {
            return Text(await write());
        }
        catch (ParkingDataException ex) when (ex is EntityNotFoundException or EntityConflictException or StaleVersionException)
        {
            return "!" + ex.GetType().Name;
        }
        catch (ArgumentException ex)
        {
            return "!" + ex.GetType().Name;
        }
        catch (Exception ex)
        {
            return "!unexpected " + ex.GetType().Name + ": " + ex.Message;
        }
    }

    /// <summary>A comparable text of an answer: records print their members; JSON is canonicalised (key order, spacing).</summary>
    private static string Text(object? value) => value switch
    {
        null => "null",
        string s => s,
        Zone z => (z with { Tariff = null }).ToString() + " tariff " + Canonical(z.Tariff),
        ZoneWithBays zb => Text(zb.Zone) + " bays [" + string.Join(", ", zb.Bays.Select(Text)) + "]",
        SensorEvent e => (e with { Decoded = null }).ToString() + " decoded " + Canonical(e.Decoded),
        _ => value.ToString() ?? "",
    };

    private static string Canonical(JsonText? json) => json is null ? "null" : Sort(JsonNode.Parse(json.Raw))?.ToJsonString() ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sort).ToArray()),
        JsonValue v => JsonNode.Parse(v.ToJsonString(new JsonSerializerOptions())),
        _ => null,
    };
}
