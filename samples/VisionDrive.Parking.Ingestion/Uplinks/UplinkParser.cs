using System;
using System.Globalization;
using System.Text.Json;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.Keys;

namespace VisionDrive.Parking.Ingestion.Uplinks;

/// <summary>Parses and checks an uplink message; every refusal says what is wrong, for the log and the dead-letter message.</summary>
internal static class UplinkParser
{
    public static bool TryParse(string topic, ReadOnlySpan<byte> payload, DateTimeOffset now, IngestionOptions options, out Uplink? uplink, out string reason)
    {
        uplink = null;
        var segments = topic.Split('/');
        if (segments.Length < 5 || segments[^1] != "up" || segments[^3] != "sensors" || segments[^2].Length == 0 || segments[^4].Length == 0)
        {
            reason = $"The topic '{topic}' is not {{prefix}}/{{tenant}}/sensors/{{devEui}}/up.";
            return false;
        }

        var topicTenant = segments[^4];
        var topicDevEui = DevEui.Normalize(segments[^2]);
        if (payload.Length == 0)
        {
            reason = "The payload is empty: send the JSON uplink document.";
            return false;
        }

        if (payload.Length > options.MaxPayloadBytes)
        {
            reason = $"The payload has {payload.Length} bytes, more than the {options.MaxPayloadBytes} accepted.";
            return false;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(payload.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            reason = "The payload is not JSON: " + ex.Message;
            return false;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                reason = $"The payload is a JSON {root.ValueKind}, not an object.";
                return false;
            }

            if (!root.TryGetProperty("deviceEui", out var eui) || eui.ValueKind != JsonValueKind.String || !DevEui.IsWellFormed(eui.GetString()!))
            {
                reason = "deviceEui is missing or not 16 hexadecimal digits.";
                return false;
            }

            var devEui = DevEui.Normalize(eui.GetString()!);
            if (!string.Equals(devEui, topicDevEui, StringComparison.Ordinal))
            {
                reason = $"deviceEui {devEui} does not match the topic's DevEUI {topicDevEui}.";
                return false;
            }

            if (!root.TryGetProperty("receivedAt", out var receivedAtElement) || receivedAtElement.ValueKind != JsonValueKind.String
                || !HasOffset(receivedAtElement.GetString()!)
                || !DateTimeOffset.TryParseExact(receivedAtElement.GetString(), ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var receivedAt))
            {
                reason = "receivedAt is missing or not an ISO 8601 time with an offset (e.g. 2026-01-12T10:30:00.123456Z).";
                return false;
            }

            receivedAt = new DateTimeOffset(receivedAt.UtcTicks - (receivedAt.UtcTicks % 10), TimeSpan.Zero);
            if (receivedAt > now + options.MaxClockSkew)
            {
                reason = $"receivedAt {receivedAt:O} is more than {options.MaxClockSkew.TotalMinutes:0} minutes in the future: check the network server's clock.";
                return false;
            }

            if (!root.TryGetProperty("fCnt", out var fCntElement) || fCntElement.ValueKind != JsonValueKind.Number
                || !fCntElement.TryGetInt64(out var fCnt) || fCnt is < 0 or > uint.MaxValue)
            {
                reason = "fCnt is missing or not an integer between 0 and 4294967295.";
                return false;
            }

            string? eventId = null;
            if (root.TryGetProperty("eventId", out var eventIdElement) && eventIdElement.ValueKind != JsonValueKind.Null)
            {
                eventId = eventIdElement.ValueKind == JsonValueKind.String ? eventIdElement.GetString() : null;
                if (!IsValidEventId(eventId))
                {
                    reason = "eventId, when given, must be a string of 1 to 128 letters, digits, '-', '_', '.' or ':'.";
                    return false;
                }
            }

            bool? occupied = null;
            double? battery = null;
            JsonText? decoded = null;
            if (root.TryGetProperty("decoded", out var d) && d.ValueKind != JsonValueKind.Null)
            {
                if (d.ValueKind != JsonValueKind.Object)
                {
                    reason = $"decoded is a JSON {d.ValueKind}, not an object.";
                    return false;
                }

                if (d.TryGetProperty("occupied", out var o) && o.ValueKind != JsonValueKind.Null)
                {
                    if (o.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        reason = "decoded.occupied must be true or false.";
                        return false;
                    }

                    occupied = o.GetBoolean();
                }

                if (d.TryGetProperty("battery", out var b) && b.ValueKind != JsonValueKind.Null)
                {
                    if (b.ValueKind != JsonValueKind.Number || !b.TryGetDouble(out var volts) || !double.IsFinite(volts) || volts is < 0 or > 100)
                    {
                        reason = "decoded.battery must be a number of volts (e.g. 3.6).";
                        return false;
                    }

                    battery = volts;
                }

                if (d.TryGetProperty("temperature", out var t) && t.ValueKind != JsonValueKind.Null && t.ValueKind != JsonValueKind.Number)
                {
                    reason = "decoded.temperature must be a number (°C).";
                    return false;
                }

                decoded = JsonText.Parse(d.GetRawText());
            }

            uplink = new Uplink(topicTenant, devEui, receivedAt, fCnt, eventId, occupied, battery, decoded);
            reason = "";
            return true;
        }
    }

    private static bool HasOffset(string value) =>
        value.EndsWith('Z') || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':');

    private static bool IsValidEventId(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 128)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
