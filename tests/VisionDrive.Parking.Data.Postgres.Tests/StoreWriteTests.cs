using System;
using System.Threading.Tasks;
using VisionDrive.Parking.Datasets;

namespace VisionDrive.Parking.Data.Postgres.Tests;

public sealed class StoreWriteTests(WritableGuideDatabase db) : IClassFixture<WritableGuideDatabase>
{
    private static readonly DateTimeOffset February = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Redelivered_event_writes_nothing_new()
    {
        var ev = new SensorEvent("evt-redelivery", February, GuideDataset.TenantId, "PSL01B-030", EventKinds.Heartbeat, JsonText.Parse("{\"battery\": 3.6}"));
        (await db.Store.RecordEventAsync(ev)).Should().Be(new RecordEventResult(true, false));
        (await db.Store.RecordEventAsync(ev)).Should().Be(new RecordEventResult(false, false));
        // One documented key on both stores (docs/access-patterns.md): (id, time), the source's primary key. The same id at another time is
        // another event, as on DynamoDB, where the key is SENSOR#<sensor> / EVENT#<time>#<id>.
        var later = ev with { Time = February.AddHours(1) };
        (await db.Store.RecordEventAsync(later)).Created.Should().BeTrue("(id, time), not the id alone, identifies an event");
        (await db.Store.RecordEventAsync(later)).Created.Should().BeFalse("a redelivery of that one writes nothing new");
        var page = await db.Store.ListSensorEventsAsync("PSL01B-030", new TimeRange(February, February.AddDays(1)));
        page.Items.Should().Equal(later, ev);
    }

    [Fact]
    public async Task Out_of_order_events_do_not_flip_a_bay_back()
    {
        const string sensor = "PSL01B-031";
        const string bayId = "bay-031";
        (await db.Store.GetBayAsync(bayId))!.Status.Should().Be(BayStatus.Vacant);

        var arrive = new SensorEvent("evt-ooo-arrive", February.AddMinutes(10), GuideDataset.TenantId, sensor, EventKinds.Arrive, null);
        (await db.Store.RecordEventAsync(arrive)).Should().Be(new RecordEventResult(true, true));
        (await db.Store.GetBayAsync(bayId))!.Status.Should().Be(BayStatus.Occupied);

        var lateLeave = new SensorEvent("evt-ooo-late-leave", February.AddMinutes(5), GuideDataset.TenantId, sensor, EventKinds.Leave, null);
        (await db.Store.RecordEventAsync(lateLeave)).Should().Be(new RecordEventResult(true, false));
        var bay = await db.Store.GetBayAsync(bayId);
        bay!.Status.Should().Be(BayStatus.Occupied);
        bay.StatusEventId.Should().Be(arrive.Id);

        var sameStatus = new SensorEvent("evt-ooo-arrive-again", February.AddMinutes(12), GuideDataset.TenantId, sensor, EventKinds.Arrive, null);
        (await db.Store.RecordEventAsync(sameStatus)).Should().Be(new RecordEventResult(true, false), "an ARRIVE on an occupied bay does not change its status");

        var leave = new SensorEvent("evt-ooo-leave", February.AddMinutes(20), GuideDataset.TenantId, sensor, EventKinds.Leave, null);
        (await db.Store.RecordEventAsync(leave)).Should().Be(new RecordEventResult(true, true));
        bay = await db.Store.GetBayAsync(bayId);
        bay!.Status.Should().Be(BayStatus.Vacant);
        bay.StatusChangedAt.Should().Be(leave.Time);
    }

    [Fact]
    public async Task Events_of_sensors_without_bay_or_unknown_sensors_are_recorded()
    {
        (await db.Store.RecordEventAsync(new SensorEvent("evt-gw", February, GuideDataset.TenantId, "GW-DXB-02", EventKinds.Arrive, null)))
            .Should().Be(new RecordEventResult(true, false));
        (await db.Store.RecordEventAsync(new SensorEvent("evt-ghost", February, GuideDataset.TenantId, "NO-SUCH-SENSOR", EventKinds.Arrive, JsonText.Parse("[1,2]"))))
            .Should().Be(new RecordEventResult(true, false));
    }

    [Fact]
    public async Task Event_times_keep_microseconds()
    {
        var time = new DateTimeOffset(2026, 2, 2, 10, 30, 0, TimeSpan.Zero).AddTicks(1_234_567);
        await db.Store.RecordEventAsync(new SensorEvent("evt-micro", time, GuideDataset.TenantId, "PSL01B-032", EventKinds.Heartbeat, null));
        var page = await db.Store.ListSensorEventsAsync("PSL01B-032", new TimeRange(time.AddSeconds(-1), time.AddSeconds(1)));
        page.Items.Should().ContainSingle().Which.Time.Should().Be(time.AddTicks(-7), "the source keeps microseconds; the 100 ns tick is truncated");
    }

    [Fact]
    public async Task Touch_last_seen_is_monotonic()
    {
        const string sensor = "PSL01B-041";
        (await db.Store.GetSensorAsync(sensor))!.LastSeenAt.Should().BeNull();
        (await db.Store.TouchLastSeenAsync(sensor, February.AddHours(2))).Should().BeTrue();
        (await db.Store.TouchLastSeenAsync(sensor, February.AddHours(1))).Should().BeFalse();
        (await db.Store.TouchLastSeenAsync(sensor, February.AddHours(2))).Should().BeFalse();
        (await db.Store.GetSensorAsync(sensor))!.LastSeenAt.Should().Be(February.AddHours(2));
        (await db.Store.TouchLastSeenAsync(sensor, February.AddHours(3))).Should().BeTrue();
        (await db.Store.GetSensorAsync(sensor))!.LastSeenAt.Should().Be(February.AddHours(3));
        (await db.Store.TouchLastSeenAsync("NO-SUCH-SENSOR", February)).Should().BeFalse();
    }

    [Fact]
    public async Task Alerts_are_raised_idempotently_acknowledged_from_open_and_resolved_once()
    {
        var alert = new Alert("alert-write-1", GuideDataset.TenantId, GuideDataset.SiteId, GuideDataset.FirstZoneId, null, GuideDataset.FirstSensorId,
            "LOW_BATTERY", "WARNING", AlertStatus.Open, "Battery at 3.0 V", February, null);
        (await db.Store.RaiseAlertAsync(alert)).Should().BeTrue();
        (await db.Store.RaiseAlertAsync(alert with { Message = "changed" })).Should().BeFalse();
        (await db.Store.GetAlertAsync(alert.Id)).Should().Be(alert);

        var acked = await db.Store.AcknowledgeAlertAsync(alert.Id);
        acked.Should().Be(alert with { Status = AlertStatus.Acknowledged });
        (await db.Store.AcknowledgeAlertAsync(alert.Id)).Should().Be(acked);

        var resolved = await db.Store.ResolveAlertAsync(alert.Id, February.AddHours(1));
        resolved.Should().Be(alert with { Status = AlertStatus.Resolved, ResolvedAt = February.AddHours(1) });
        (await db.Store.ResolveAlertAsync(alert.Id, February.AddHours(5))).Should().Be(resolved, "an already resolved alert is unchanged");
        (await db.Store.AcknowledgeAlertAsync(alert.Id)).Should().Be(resolved, "only an open alert can be acknowledged");

        (await db.Store.AcknowledgeAlertAsync("no-such-alert")).Should().BeNull();
        (await db.Store.ResolveAlertAsync("no-such-alert", February)).Should().BeNull();
    }

    [Fact]
    public async Task An_open_alert_can_be_resolved_directly()
    {
        var alert = new Alert("alert-write-2", GuideDataset.TenantId, null, null, null, null, "OFFLINE", "CRITICAL", AlertStatus.Open, null, February, null);
        (await db.Store.RaiseAlertAsync(alert)).Should().BeTrue();
        (await db.Store.ResolveAlertAsync(alert.Id, February.AddMinutes(1)))!.Status.Should().Be(AlertStatus.Resolved);
    }
}
