using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Ingestion.Uplinks;

namespace VisionDrive.Parking.Ingestion.Processing;

/// <summary>
/// One uplink into the store: resolve the sensor by DevEUI, record the event (idempotent on its deterministic id; the bay moves only for a
/// newer ARRIVE/LEAVE), touch <c>lastSeenAt</c>, and raise or resolve the sensor's LOW_BATTERY alert. Calls for one device never overlap
/// (the lanes keep each device in order), which the per-sensor battery state relies on. Store failures are thrown (the lane retries);
/// bad input comes back as a rejection.
/// </summary>
internal sealed class UplinkProcessor(IParkingStore store, IOptions<IngestionOptions> options, TimeProvider clock)
{
    public const string LowBatteryType = "LOW_BATTERY";

    private readonly IngestionOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, string> _tenantSlugs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BatteryState> _battery = new(StringComparer.Ordinal);

    public async Task<UplinkOutcome> ProcessAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (!UplinkParser.TryParse(topic, payload.Span, clock.GetUtcNow(), _options, out var uplink, out var reason))
        {
            return UplinkOutcome.Reject(reason);
        }

        var sensor = await store.GetSensorByDevEuiAsync(uplink!.DevEui, cancellationToken);
        if (sensor is null)
        {
            return UplinkOutcome.Reject($"Unknown device: no sensor has DevEUI {uplink.DevEui}.");
        }

        if (!await IsSensorTenantAsync(uplink.TopicTenant, sensor.TenantId, cancellationToken))
        {
            return UplinkOutcome.Reject($"The topic's tenant '{uplink.TopicTenant}' is not the tenant of the sensor with DevEUI {uplink.DevEui}.");
        }

        var sensorEvent = new SensorEvent(uplink.DeterministicEventId, uplink.ReceivedAt, sensor.TenantId, sensor.Id, uplink.Kind, uplink.Decoded);
        RecordEventResult result;
        try
        {
            result = await store.RecordEventAsync(sensorEvent, cancellationToken);
        }
        catch (InvalidEntityException ex)
        {
            return UplinkOutcome.Reject("The event cannot be stored: " + ex.Message);
        }

        await store.TouchLastSeenAsync(sensor.Id, uplink.ReceivedAt, cancellationToken);
        if (uplink.Battery is { } volts)
        {
            await HandleBatteryAsync(sensor, uplink.ReceivedAt, volts, cancellationToken);
        }

        return new UplinkOutcome(sensor.Id, sensorEvent.Id, result.Created, result.BayStatusChanged, null);
    }

    /// <summary>The deterministic id of a LOW_BATTERY episode: the sensor and the time of the reading that opened it.</summary>
    public static string LowBatteryAlertId(string sensorId, DateTimeOffset openedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"lowbat-{sensorId}-{openedAt.UtcDateTime:yyyyMMdd'T'HHmmssffffff'Z'}");

    private async ValueTask<bool> IsSensorTenantAsync(string topicTenant, string tenantId, CancellationToken cancellationToken)
    {
        if (string.Equals(topicTenant, tenantId, StringComparison.Ordinal))
        {
            return true;
        }

        if (!_tenantSlugs.TryGetValue(tenantId, out var slug))
        {
            var tenant = await store.GetTenantAsync(tenantId, cancellationToken);
            slug = tenant?.Slug ?? "";
            _tenantSlugs[tenantId] = slug;
        }

        return string.Equals(topicTenant, slug, StringComparison.Ordinal);
    }

    private async Task HandleBatteryAsync(Sensor sensor, DateTimeOffset readAt, double volts, CancellationToken cancellationToken)
    {
        var state = _battery.GetOrAdd(sensor.Id, static _ => new BatteryState());
        if (state.LastReadingAt is { } last && readAt <= last)
        {
            return; // an older (or redelivered) reading must not reopen or close an episode decided by a newer one
        }

        if (volts < _options.LowBatteryVolts)
        {
            await LoadAsync(state, sensor.Id, cancellationToken);
            if (state.OpenAlertId is null)
            {
                var id = LowBatteryAlertId(sensor.Id, readAt);
                var message = string.Create(CultureInfo.InvariantCulture, $"Battery {volts:0.###} V is below {_options.LowBatteryVolts:0.###} V.");
                await store.RaiseAlertAsync(
                    new Alert(id, sensor.TenantId, sensor.SiteId, sensor.ZoneId, sensor.BayId, sensor.Id, LowBatteryType, "WARNING", AlertStatus.Open, message, readAt, null),
                    cancellationToken);
                state.OpenAlertId = id;
            }
        }
        else if (volts >= _options.BatteryRecoveredVolts)
        {
            await LoadAsync(state, sensor.Id, cancellationToken);
            if (state.OpenAlertId is { } open)
            {
                await store.ResolveAlertAsync(open, readAt, cancellationToken);
                state.OpenAlertId = null;
            }
        }

        state.LastReadingAt = readAt;
    }

    /// <summary>Once per sensor and process: the newest unresolved LOW_BATTERY alert of the sensor, from the store.</summary>
    private async Task LoadAsync(BatteryState state, string sensorId, CancellationToken cancellationToken)
    {
        if (state.Loaded)
        {
            return;
        }

        var page = new PageRequest(100);
        for (var pages = 0; pages < 10; pages++)
        {
            var alerts = await store.ListAlertsBySensorAsync(sensorId, page, cancellationToken);
            foreach (var alert in alerts.Items)
            {
                if (alert.Type == LowBatteryType && alert.Status != AlertStatus.Resolved)
                {
                    state.OpenAlertId = alert.Id;
                    state.Loaded = true;
                    return;
                }
            }

            if (alerts.ContinuationToken is null)
            {
                break;
            }

            page = new PageRequest(100, alerts.ContinuationToken);
        }

        state.Loaded = true;
    }

    private sealed class BatteryState
    {
        public bool Loaded { get; set; }

        public string? OpenAlertId { get; set; }

        public DateTimeOffset? LastReadingAt { get; set; }
    }
}
