using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.Keys;

namespace VisionDrive.Parking.Api.Endpoints;

/// <summary>
/// An admin request body, read field by field so that an absent field (keep the stored value) differs from an explicit <c>null</c> (clear
/// it). Every failure is a <see cref="RequestBodyException"/> naming the field and saying what to send; unknown fields are refused, so a
/// misspelt field is never ignored silently.
/// </summary>
internal sealed class AdminBody
{
    public const int MaxTextLength = 256;

    private readonly JsonObject _json;

    private AdminBody(JsonObject json) => _json = json;

    public static async Task<AdminBody> ReadAsync(HttpRequest request, IReadOnlyCollection<string> fields, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestBodyException("body", $"The body must be JSON: send Content-Type: application/json and an object with the fields {string.Join(", ", fields)}.");
        }

        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new RequestBodyException("body", $"The body is not well-formed JSON ({ex.Message}): send one object with the fields {string.Join(", ", fields)}.");
        }

        if (node is not JsonObject json)
        {
            throw new RequestBodyException("body", $"The body must be a JSON object with the fields {string.Join(", ", fields)}.");
        }

        foreach (var (name, _) in json)
        {
            if (!fields.Contains(name, StringComparer.Ordinal))
            {
                throw new RequestBodyException(name, $"Field '{RequestValidation.Shorten(name)}' is not known here: use {string.Join(", ", fields)} (camelCase).");
            }
        }

        return new AdminBody(json);
    }

    public bool Has(string field) => _json.ContainsKey(field);

    /// <summary>A required id.</summary>
    public string Id(string field) => OptionalId(field) ?? throw Missing(field, RequestValidation.IdRule);

    /// <summary>An id that may be absent or null (both give null; use <see cref="Has"/> to tell them apart).</summary>
    public string? OptionalId(string field)
    {
        var value = String(field);
        if (value is not null && !RequestValidation.IsValidId(value))
        {
            throw new RequestBodyException(field, $"Field '{field}' ('{RequestValidation.Shorten(value)}') is not a valid id: {RequestValidation.IdRule}.");
        }

        return value;
    }

    /// <summary>A required text of 1 to <see cref="MaxTextLength"/> characters.</summary>
    public string Text(string field) => OptionalText(field) ?? throw Missing(field, $"a text of 1 to {MaxTextLength} characters");

    /// <summary>A text that may be absent or null.</summary>
    public string? OptionalText(string field)
    {
        var value = String(field);
        if (value is not null && (value.Trim().Length == 0 || value.Length > MaxTextLength))
        {
            throw new RequestBodyException(field, $"Field '{field}' must be a text of 1 to {MaxTextLength} characters, not blank.");
        }

        return value;
    }

    /// <summary>A DevEUI, normalised (case and separators do not matter), 1 to 16 hex digits.</summary>
    public string? OptionalDevEui(string field)
    {
        var value = String(field);
        if (value is null)
        {
            return null;
        }

        var normalized = DevEui.Normalize(value);
        if (normalized.Length is < 1 or > 16 || !normalized.All(char.IsAsciiHexDigit))
        {
            throw new RequestBodyException(field, $"Field '{field}' ('{RequestValidation.Shorten(value)}') is not a DevEUI: a LoRaWAN DevEUI is 16 hexadecimal digits, e.g. A840410001812345 (separators ':', '-' and '.' are ignored).");
        }

        return normalized;
    }

    /// <summary>A coordinate in degrees, or null.</summary>
    public double? Degrees(string field, double limit)
    {
        var node = _json[field];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.Number || !double.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value) || Math.Abs(value) > limit)
        {
            throw new RequestBodyException(field, $"Field '{field}' must be a number of degrees between -{limit} and {limit}, or null.");
        }

        return value;
    }

    /// <summary>A JSON object (e.g. a tariff), kept as sent, or null.</summary>
    public JsonText? Object(string field)
    {
        var node = _json[field];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject)
        {
            throw new RequestBodyException(field, $"Field '{field}' must be a JSON object (e.g. {{\"pricePerHour\": 10, \"currency\": \"AED\"}}) or null.");
        }

        return JsonText.Parse(node.ToJsonString());
    }

    private string? String(string field)
    {
        var node = _json[field];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            throw new RequestBodyException(field, $"Field '{field}' must be a string, not {node.GetValueKind().ToString().ToLowerInvariant()}.");
        }

        return node.GetValue<string>();
    }

    private static RequestBodyException Missing(string field, string rule) =>
        new(field, $"Field '{field}' is required: {rule}.");
}
