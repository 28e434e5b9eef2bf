using System;
using System.Collections.Generic;
using System.Text.Json;
using VisionDrive.Parking.Data;

namespace VisionDrive.Parking.Api.Contracts;

/// <summary>One page of a listing: <c>count</c> items of this page, and <c>nextCursor</c> to pass as <c>cursor</c> for the next one (null on the last page).</summary>
public sealed record ListResponse<T>(int Count, IReadOnlyList<T> Items, string? NextCursor)
{
    public static ListResponse<T> From<TSource>(Page<TSource> page, Func<TSource, T> map)
    {
        var items = new List<T>(page.Items.Count);
        foreach (var item in page.Items)
        {
            items.Add(map(item));
        }

        return new ListResponse<T>(items.Count, items, page.ContinuationToken);
    }
}

public sealed record ZoneResponse(
    string Id, string TenantId, string SiteId, string Name, string Kind, JsonElement? PricePerHour, string? Currency, JsonElement? Tariff,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ZoneResponse From(Zone z) => new(
        z.Id, z.TenantId, z.SiteId, z.Name, z.Kind, Json.Number(z.PricePerHour), z.Currency, Json.Element(z.Tariff), Json.Utc(z.CreatedAt), Json.Utc(z.UpdatedAt));
}

public sealed record BayResponse(
    string Id, string ZoneId, string SiteId, string Code, string Status, string? SensorId, DateTimeOffset? StatusChangedAt, string? StatusEventId,
    double? Lat, double? Lng, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static BayResponse From(Bay b) => new(
        b.Id, b.ZoneId, b.SiteId, b.Code, b.Status, b.SensorId, Json.Utc(b.StatusChangedAt), b.StatusEventId, b.Lat, b.Lng, Json.Utc(b.CreatedAt), Json.Utc(b.UpdatedAt));
}

public sealed record ZoneBaysResponse(string ZoneId, string ZoneName, int Count, int Vacant, int Occupied, IReadOnlyList<BayResponse> Items)
{
    public static ZoneBaysResponse From(ZoneWithBays z)
    {
        var items = new List<BayResponse>(z.Bays.Count);
        var occupied = 0;
        foreach (var bay in z.Bays)
        {
            items.Add(BayResponse.From(bay));
            occupied += bay.Status == BayStatus.Occupied ? 1 : 0;
        }

        return new ZoneBaysResponse(z.Zone.Id, z.Zone.Name, items.Count, items.Count - occupied, occupied, items);
    }
}

public sealed record SensorResponse(
    string Id, string TenantId, string SiteId, string? ZoneId, string? BayId, string DevEui, string Type, string Status,
    DateTimeOffset? LastSeenAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static SensorResponse From(Sensor s) => new(
        s.Id, s.TenantId, s.SiteId, s.ZoneId, s.BayId, s.DevEui, s.Type, s.Status, Json.Utc(s.LastSeenAt), Json.Utc(s.CreatedAt), Json.Utc(s.UpdatedAt));
}

public sealed record EventResponse(string Id, DateTimeOffset Time, string SensorId, string Kind, JsonElement? Decoded)
{
    public static EventResponse From(SensorEvent e) => new(e.Id, Json.Utc(e.Time), e.SensorId, e.Kind, Json.Element(e.Decoded));
}

public sealed record AlertResponse(
    string Id, string TenantId, string? SiteId, string? ZoneId, string? BayId, string? SensorId, string Type, string Severity, string Status,
    string? Message, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt)
{
    public static AlertResponse From(Alert a) => new(
        a.Id, a.TenantId, a.SiteId, a.ZoneId, a.BayId, a.SensorId, a.Type, a.Severity, a.Status, a.Message, Json.Utc(a.CreatedAt), Json.Utc(a.ResolvedAt));
}

/// <summary>JSON documents of the store as JSON (never re-encoded as strings), numbers kept as written, times in UTC.</summary>
internal static class Json
{
    public static JsonElement? Element(JsonText? text)
    {
        if (text is null)
        {
            return null;
        }

        using var doc = JsonDocument.Parse(text.Raw, new JsonDocumentOptions { MaxDepth = 256 });
        return doc.RootElement.Clone();
    }

    public static JsonElement? Number(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        using var doc = JsonDocument.Parse(raw);
        return doc.RootElement.Clone();
    }

    public static DateTimeOffset Utc(DateTimeOffset value) => value.ToUniversalTime();

    public static DateTimeOffset? Utc(DateTimeOffset? value) => value?.ToUniversalTime();
}
