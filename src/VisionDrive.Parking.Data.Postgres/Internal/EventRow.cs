namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>A <c>sensor_events</c> row as Dapper reads it (<c>decoded</c> as JSON text).</summary>
internal sealed record EventRow(string Id, DateTime Time, string? TenantId, string? SensorId, string? Kind, string? Decoded)
{
    public const string Columns = "id, time, \"tenantId\", \"sensorId\", kind, decoded::text AS decoded";

    public SensorEvent ToEntity()
    {
        var key = Id + "@" + Keys.KeyTime.ToKey(Required.Utc(Time));
        return new SensorEvent(
            Id,
            Required.Utc(Time),
            Required.Text(TenantId, EntityType.Event, key, "tenantId"),
            Required.Text(SensorId, EntityType.Event, key, "sensorId"),
            Required.Text(Kind, EntityType.Event, key, "kind"),
            Required.Json(Decoded));
    }
}
