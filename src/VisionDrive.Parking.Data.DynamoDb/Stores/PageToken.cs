using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VisionDrive.Parking.Data.DynamoDb.Stores;

/// <summary>
/// Opaque continuation tokens of the DynamoDB store: base64url of a small JSON document holding the listing's name, the key of the last item
/// returned (a DynamoDB <c>ExclusiveStartKey</c>, every attribute a string) and, for the tenant-event fan-out, the UTC day being read; for
/// the alerts of a sensor, the sort key of the last alert returned. The listing name makes a token of another listing a clear error.
/// </summary>
internal static class PageToken
{
    private const string Malformed =
        "The continuation token is malformed or was issued by another listing (or another query). Pass back the ContinuationToken of the previous page " +
        "of the same listing unchanged, or null for the first page.";

    public static string Encode(string listing, Dictionary<string, AttributeValue>? key, string? day = null, string? after = null)
    {
        Dictionary<string, string>? k = null;
        if (key is not null)
        {
            k = new Dictionary<string, string>(key.Count, StringComparer.Ordinal);
            foreach (var (name, value) in key)
            {
                k[name] = value.S ?? throw new InvalidOperationException($"Key attribute {name} is not a string.");
            }
        }

        var body = new TokenBody { Listing = listing, Key = k, Day = day, After = after };
        return Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(body, TokenJsonContext.Default.TokenBody));
    }

    /// <summary>Decodes a token of <paramref name="listing"/>, or returns <see langword="null"/> for the first page.</summary>
    /// <exception cref="ArgumentException">The token is not one this listing issued.</exception>
    public static TokenBody? Decode(string? token, string listing)
    {
        if (token is null)
        {
            return null;
        }

        TokenBody? body = null;
        try
        {
            body = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(token), TokenJsonContext.Default.TokenBody);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            throw Invalid(ex);
        }

        if (body is null || !string.Equals(body.Listing, listing, StringComparison.Ordinal))
        {
            throw Invalid();
        }

        return body;
    }

    /// <summary>The token's <c>ExclusiveStartKey</c>, checked to hold exactly <paramref name="names"/> (all non-empty) and to be in <paramref name="partitionValue"/>.</summary>
    /// <exception cref="ArgumentException">The key has other attributes or another partition.</exception>
    public static Dictionary<string, AttributeValue> StartKey(TokenBody body, string partitionName, string partitionValue, params ReadOnlySpan<string> names)
    {
        if (body.Key is null || body.Key.Count != names.Length)
        {
            throw Invalid();
        }

        var key = new Dictionary<string, AttributeValue>(names.Length, StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!body.Key.TryGetValue(name, out var value) || string.IsNullOrEmpty(value))
            {
                throw Invalid();
            }

            key[name] = new AttributeValue { S = value };
        }

        if (!string.Equals(body.Key[partitionName], partitionValue, StringComparison.Ordinal))
        {
            throw Invalid();
        }

        return key;
    }

    public static ArgumentException Invalid(Exception? inner = null) => new(Malformed, "page", inner);

    /// <summary>The JSON body of a token.</summary>
    internal sealed class TokenBody
    {
        [JsonPropertyName("l")]
        public string? Listing { get; set; }

        [JsonPropertyName("k")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public Dictionary<string, string>? Key { get; set; }

        [JsonPropertyName("d")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Day { get; set; }

        [JsonPropertyName("a")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? After { get; set; }
    }
}

/// <summary>Source-generated JSON for <see cref="PageToken"/> (no reflection).</summary>
[JsonSerializable(typeof(PageToken.TokenBody))]
internal sealed partial class TokenJsonContext : JsonSerializerContext
{
}
