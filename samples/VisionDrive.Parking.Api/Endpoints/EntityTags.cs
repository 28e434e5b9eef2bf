using System;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using VisionDrive.Parking.Data.Keys;

namespace VisionDrive.Parking.Api.Endpoints;

/// <summary>
/// ETags and <c>If-Match</c>: the ETag of an entity is its version (<c>updatedAt</c>, microseconds) as a strong tag,
/// <c>"2026-01-31T12:00:00.000000Z"</c>. A write to an existing entity needs <c>If-Match</c> with the ETag read (or <c>*</c>: whatever is
/// stored); without it the answer is 428, and a tag that is no longer the stored version is 412 from the store's
/// <see cref="Data.StaleVersionException"/>.
/// </summary>
internal static class EntityTags
{
    public static string Of(DateTimeOffset version) => "\"" + KeyTime.ToKey(version) + "\"";

    public static void Set(HttpContext context, DateTimeOffset version) => context.Response.Headers.ETag = Of(version);

    /// <summary>The version <c>If-Match</c> names; <paramref name="current"/> for <c>*</c>; a 428 or 400 problem when it is missing or malformed.</summary>
    public static ProblemHttpResult? IfMatch(HttpContext context, DateTimeOffset current, out DateTimeOffset version)
    {
        version = current;
        var values = context.Request.Headers.IfMatch;
        if (values.Count == 0 || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return TypedResults.Problem(
                "This write needs an If-Match header with the entity's ETag (from its GET or the previous write), or If-Match: * to write whatever is stored.",
                statusCode: StatusCodes.Status428PreconditionRequired, title: "Precondition required",
                extensions: new System.Collections.Generic.Dictionary<string, object?> { ["parameter"] = HeaderNames.IfMatch });
        }

        var text = values.ToString().Trim();
        if (text == "*")
        {
            return null;
        }

        if (text.Length < 2 || text[0] != '"' || text[^1] != '"' || !KeyTime.TryParse(text.AsSpan(1, text.Length - 2), out version))
        {
            return RequestValidation.BadRequest(HeaderNames.IfMatch, $"If-Match '{RequestValidation.Shorten(text)}' is not an ETag of this API: send one strong ETag as given in the ETag header (e.g. \"2026-01-31T12:00:00.000000Z\"), or *.");
        }

        return null;
    }
}
