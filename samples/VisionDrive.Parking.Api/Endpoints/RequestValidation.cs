using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.Keys;

namespace VisionDrive.Parking.Api.Endpoints;

/// <summary>Checks of route and query values, each failure a 400 problem that names the parameter and says what to send.</summary>
internal static class RequestValidation
{
    public const int MaxIdLength = 128;
    public const int MaxCursorLength = 4096;
    public const string IdRule = "use 1 to 128 characters: letters, digits, '-', '_', '.' or ':'";
    public static readonly TimeSpan MaxEventRange = TimeSpan.FromDays(366);
    public static readonly TimeSpan DefaultEventRange = TimeSpan.FromDays(7);

    public static bool IsValidId(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxIdLength)
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

    public static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");

    public static ProblemHttpResult? CheckId(string what, string parameter, string? value) =>
        IsValidId(value) ? null : BadRequest(parameter, $"The {what} id '{Shorten(value ?? "")}' is not valid: {IdRule}.");

    /// <summary>A DevEUI is normalised (case and <c>:</c>/<c>-</c>/<c>.</c>/space separators do not matter) and must then be 1 to 16 hex digits.</summary>
    public static ProblemHttpResult? CheckDevEui(string value, out string normalized)
    {
        normalized = DevEui.Normalize(value);
        var ok = normalized.Length is >= 1 and <= 16;
        foreach (var c in normalized)
        {
            ok &= char.IsAsciiHexDigit(c);
        }

        return ok ? null : BadRequest("devEui", $"The DevEUI '{Shorten(value)}' is not valid: a LoRaWAN DevEUI is 16 hexadecimal digits, e.g. A840410001812345 (separators ':', '-' and '.' are ignored).");
    }

    public static ProblemHttpResult? ParsePage(string? limit, string? cursor, int defaultLimit, out PageRequest page)
    {
        page = default;
        var size = defaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > PageRequest.MaxLimit))
        {
            return BadRequest("limit", $"limit '{Shorten(limit)}' is not valid: give an integer between 1 and {PageRequest.MaxLimit}.");
        }

        if (cursor is not null && (cursor.Length == 0 || cursor.Length > MaxCursorLength))
        {
            return BadRequest("cursor", $"cursor is not valid: pass the nextCursor of the previous page as it is (at most {MaxCursorLength} characters), or leave it out for the first page.");
        }

        page = new PageRequest(size, cursor);
        return null;
    }

    public static ProblemHttpResult? ParseRange(string? from, string? to, DateTimeOffset now, out TimeRange range)
    {
        range = default;
        var end = now;
        if (to is not null && !TryParseTime(to, out end))
        {
            return BadRequest("to", $"to '{Shorten(to)}' is not a time: give an ISO 8601 time with an offset, e.g. 2026-01-12T10:30:00Z.");
        }

        var start = end - DefaultEventRange;
        if (from is not null && !TryParseTime(from, out start))
        {
            return BadRequest("from", $"from '{Shorten(from)}' is not a time: give an ISO 8601 time with an offset, e.g. 2026-01-05T00:00:00Z.");
        }

        if (start >= end)
        {
            return BadRequest("from", $"The time range is empty or reversed: from ({start:O}) must be before to ({end:O}).");
        }

        if (end - start > MaxEventRange)
        {
            return BadRequest("from", $"The time range ({(end - start).TotalDays:0.#} days) is longer than {MaxEventRange.TotalDays:0} days: ask for a shorter range and page through it.");
        }

        range = new TimeRange(start, end);
        return null;
    }

    public static bool TryParseTime(string value, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    public static ProblemHttpResult BadRequest(string parameter, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    public static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem($"No {what} '{Shorten(id)}' for this tenant.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
