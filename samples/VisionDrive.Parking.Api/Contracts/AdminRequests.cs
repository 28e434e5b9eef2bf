using System.Text.Json;

namespace VisionDrive.Parking.Api.Contracts;

// The shapes of the admin bodies, for the OpenAPI document. The endpoints read bodies field by field (Endpoints/AdminBody.cs) so that an
// absent field (keep the stored value) differs from null (clear it); unknown fields are refused.

/// <summary><c>POST /zones</c>: a zone in a site of the tenant; <c>tariff</c> is any JSON object (<c>pricePerHour</c>, <c>currency</c> read from it).</summary>
public sealed record CreateZoneRequest(string Id, string SiteId, string Name, string Kind, JsonElement? Tariff);

/// <summary><c>PUT /zones/{id}</c>: name, kind, tariff; an absent field keeps its value. A zone stays in its site (a different <c>siteId</c> is 409).</summary>
public sealed record UpdateZoneRequest(string? Name, string? Kind, JsonElement? Tariff, string? SiteId);

/// <summary><c>POST /zones/{id}/bays</c>: a bay in the zone, vacant and without a sensor.</summary>
public sealed record CreateBayRequest(string Id, string Code, double? Lat, double? Lng);

/// <summary><c>PUT /bays/{id}</c>: a new code or position, or <c>zoneId</c> to move the bay to another zone of the tenant; an absent field keeps its value.</summary>
public sealed record UpdateBayRequest(string? Code, double? Lat, double? Lng, string? ZoneId);

/// <summary>
/// <c>POST /sensors</c>: placed on a bay (<c>bayId</c>), in a zone (<c>zoneId</c>) or in stock at a site (<c>siteId</c> only); <c>status</c>
/// defaults to <c>active</c>.
/// </summary>
public sealed record CreateSensorRequest(string Id, string DevEui, string Type, string? Status, string? SiteId, string? ZoneId, string? BayId);

/// <summary>
/// <c>PUT /sensors/{id}</c>: the assignment (<c>bayId</c>/<c>zoneId</c>: when either is given, the other absent is null; both null is in stock at
/// <c>siteId</c> or the current site), <c>status</c> (<c>decommissioned</c> frees the DevEUI), <c>devEui</c>, <c>type</c>; an absent field keeps its value.
/// </summary>
public sealed record UpdateSensorRequest(string? BayId, string? ZoneId, string? SiteId, string? DevEui, string? Type, string? Status);
