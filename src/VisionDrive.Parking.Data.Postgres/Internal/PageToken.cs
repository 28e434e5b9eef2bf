using System.Buffers.Text;
using System.Text.Json;

namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>
/// Opaque continuation tokens: base64url of a JSON array <c>[listing, sortKeyPart…]</c> holding the last row's sort key.
/// The listing tag makes a token from another listing a clear error instead of a silent wrong page.
/// </summary>
internal static class PageToken
{
    public static string Encode(string listing, params string[] parts)
    {
        var list = new List<string>(parts.Length + 1) { listing };
        list.AddRange(parts);
        return Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(list));
    }

    /// <summary>Decodes a token of <paramref name="listing"/> with <paramref name="count"/> parts, or <see langword="null"/> for the first page.</summary>
    public static string[]? Decode(string? token, string listing, int count)
    {
        if (token is null)
        {
            return null;
        }

        try
        {
            var bytes = Base64Url.DecodeFromChars(token);
            var list = JsonSerializer.Deserialize<string[]>(bytes);
            if (list is not null && list.Length == count + 1 && list[0] == listing && Array.TrueForAll(list, s => s is not null))
            {
                return list[1..];
            }
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            // Reported below with one message.
        }

        throw new ArgumentException(
            "The continuation token is malformed or was issued by another listing. Pass back the ContinuationToken of the previous page of the same listing unchanged, or null for the first page.",
            "page");
    }

    public static DateTime DecodeTime(string part)
    {
        if (Keys.KeyTime.TryParse(part, out var time))
        {
            return time.UtcDateTime;
        }

        throw new ArgumentException("The continuation token is malformed (bad time). Pass back the token of the previous page unchanged.", "page");
    }

}
