using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using VisionDrive.Parking.Data.Infrastructure;

namespace VisionDrive.Parking.Data;

/// <summary>
/// A JSON document kept as text, exactly as the source stored it (numbers are never rounded through a <see cref="double"/>).
/// Two instances are equal when they hold the same JSON value: object member order, white space and number spelling
/// (<c>10</c> vs <c>10.0</c>) do not matter.
/// </summary>
public sealed class JsonText : IEquatable<JsonText>
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly JsonWriterOptions CanonicalWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private string? _canonical;

    private JsonText(string raw) => Raw = raw;

    /// <summary>The JSON text.</summary>
    public string Raw { get; }

    /// <summary>Wraps <paramref name="json"/> after checking that it is one well-formed JSON value.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The wrapped value.</returns>
    /// <exception cref="FormatException"><paramref name="json"/> is not well-formed JSON; the message says where.</exception>
    public static JsonText Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var reader = new Utf8JsonReader(StrictUtf8.GetBytes(json), new JsonReaderOptions { MaxDepth = 256 });
            reader.Read();
            reader.Skip();
            if (reader.Read())
            {
                throw new FormatException("JSON text has more than one value.");
            }
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Not well-formed JSON: {ex.Message}", ex);
        }
        catch (EncoderFallbackException ex)
        {
            // An unpaired surrogate would silently become U+FFFD on the way to UTF-8 (and to DynamoDB): refuse instead.
            throw new FormatException($"Not valid Unicode text: an unpaired UTF-16 surrogate at index {ex.Index}.", ex);
        }

        return new JsonText(json);
    }

    /// <summary>Wraps JSON text that is already known to be well-formed (read from a <c>jsonb</c> column or written by this library).</summary>
    /// <param name="json">Well-formed JSON text.</param>
    /// <returns>The wrapped value.</returns>
    internal static JsonText FromTrusted(string json) => new(json);

    /// <summary>The JSON value kind of the document's root.</summary>
    public JsonValueKind RootKind
    {
        get
        {
            using var doc = JsonDocument.Parse(Raw, new JsonDocumentOptions { MaxDepth = 256 });
            return doc.RootElement.ValueKind;
        }
    }

    /// <summary>One spelling per JSON value: members sorted by ordinal name, numbers canonical, no white space.</summary>
    internal string Canonical => _canonical ??= ToCanonical(Raw);

    internal string? GetTopLevelNumber(string name) => GetTopLevel(name, JsonValueKind.Number, static p => p.GetRawText());

    internal string? GetTopLevelString(string name) => GetTopLevel(name, JsonValueKind.String, static p => p.GetString());

    private string? GetTopLevel(string name, JsonValueKind kind, Func<JsonElement, string?> read)
    {
        using var doc = JsonDocument.Parse(Raw, new JsonDocumentOptions { MaxDepth = 256 });
        return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var p) && p.ValueKind == kind
            ? read(p)
            : null;
    }

    /// <inheritdoc />
    public bool Equals(JsonText? other) =>
        other is not null && (ReferenceEquals(this, other) || string.Equals(Canonical, other.Canonical, StringComparison.Ordinal));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is JsonText other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Canonical);

    /// <summary>The JSON text.</summary>
    /// <returns><see cref="Raw"/>.</returns>
    public override string ToString() => Raw;

    private static string ToCanonical(string raw)
    {
        using var doc = JsonDocument.Parse(raw, new JsonDocumentOptions { MaxDepth = 256 });
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, CanonicalWriterOptions))
        {
            Write(writer, doc.RootElement);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var p in e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(p.Name);
                    Write(writer, p.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in e.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                writer.WriteStringValue("#n:" + CanonicalNumber.Normalize(e.GetRawText()));
                break;
            case JsonValueKind.String:
                writer.WriteStringValue("#s:" + e.GetString());
                break;
            default:
                e.WriteTo(writer);
                break;
        }
    }
}
