using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace VisionDrive.Parking.Data.DynamoDb.Mapping;

/// <summary>
/// Converts JSON documents (<c>jsonb</c> columns such as <c>decoded</c> and <c>tariff</c>) to DynamoDB attribute values and back, faithfully:
/// objects become <c>M</c>, arrays <c>L</c>, strings <c>S</c> (empty strings included), numbers <c>N</c> with the literal text kept exactly
/// (never through a <see cref="double"/>), <c>true</c>/<c>false</c> <c>BOOL</c>, <c>null</c> <c>NULL</c>.
/// </summary>
internal static class JsonAttributeConverter
{
    /// <summary>
    /// How deep DynamoDB lets attributes nest: 32 levels, the item itself counting as the first. So a document stored as an attribute may have at most
    /// 31 containers (objects/arrays) inside one another, whatever they hold (checked against DynamoDB Local 1.25.1, which rejects the 32nd
    /// container with "Nesting Levels have exceeded supported limits").
    /// </summary>
    public const int MaxNestingDepth = 32;

    /// <summary>The most containers a document may have inside one another: <see cref="MaxNestingDepth"/> minus the item's own level.</summary>
    internal const int MaxContainerDepth = MaxNestingDepth - 1;

    private const int StackBufferBytes = 1024;

    private const int CachedBufferBytes = 4096;

    private const int MaxCachedBufferBytes = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Converts a JSON document to an attribute value.</summary>
    /// <param name="json">The document.</param>
    /// <returns>A new attribute value (a tree of new instances: the caller may mutate it).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ParkingDataException">
    /// DynamoDB cannot hold the document: a number with more than 38 significant digits or outside 1E-130 .. 9.99…E+125 in magnitude,
    /// more than 31 containers inside one another (see <see cref="MaxNestingDepth"/>), an empty member name; the message names the path (e.g. <c>payload.reading</c>).
    /// </exception>
    public static AttributeValue ToAttributeValue(JsonText json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var raw = json.Raw;
        var max = Encoding.UTF8.GetMaxByteCount(raw.Length);
        byte[]? rented = null;
        var buffer = max <= StackBufferBytes ? stackalloc byte[StackBufferBytes] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(raw, buffer);
            var reader = new Utf8JsonReader(buffer[..length], new JsonReaderOptions { MaxDepth = MaxNestingDepth + 16 });
            if (!reader.Read())
            {
                throw new JsonValueException(string.Empty, "The JSON document is empty.");
            }

            return ReadValue(ref reader, 0);
        }
        catch (JsonException ex)
        {
            throw new JsonValueException(string.Empty, $"The JSON document is not well-formed: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // GetString() on an escaped unpaired surrogate (e.g. "\ud800"): not Unicode text, DynamoDB cannot hold it.
            throw new JsonValueException(string.Empty, $"A string is not valid Unicode (an unpaired UTF-16 surrogate escape such as \\ud800): {ex.Message}", ex);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Converts an attribute value written by <see cref="ToAttributeValue"/> (or read back from DynamoDB) to a JSON document.</summary>
    /// <param name="value">The attribute value: <c>M</c>, <c>L</c>, <c>S</c>, <c>N</c>, <c>BOOL</c> or <c>NULL</c>, nested freely.</param>
    /// <returns>The document; equal (<see cref="JsonText.Equals(JsonText)"/>) to the one converted, although numbers may be re-spelled by DynamoDB.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ParkingDataException">The value holds a set or binary value, or no value at all, which JSON cannot represent; the message names the path.</exception>
    public static JsonText ToJsonText(AttributeValue value)
    {
        ArgumentNullException.ThrowIfNull(value);

        // One buffer and writer per thread, reused (taken while in use, so a re-entrant call would get its own): Utf8JsonWriter asks its
        // buffer for 4 KB at a time, which was most of what reading an event item back allocated (docs/performance.md).
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(CachedBufferBytes);
        var writer = t_writer;
        t_buffer = null;
        t_writer = null;
        if (writer is null)
        {
            writer = new Utf8JsonWriter(buffer, WriterOptions);
        }
        else
        {
            writer.Reset(buffer);
        }

        try
        {
            Write(writer, value);
            writer.Flush();
            return TrustedJson.Wrap(Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
        finally
        {
            buffer.ResetWrittenCount();
            if (buffer.Capacity <= MaxCachedBufferBytes)
            {
                t_buffer = buffer;
                t_writer = writer;
            }
            else
            {
                writer.Dispose();
            }
        }
    }

    private static AttributeValue ReadValue(ref Utf8JsonReader reader, int depth)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return ReadObject(ref reader, depth + 1);
            case JsonTokenType.StartArray:
                return ReadArray(ref reader, depth + 1);
            case JsonTokenType.String:
                return new AttributeValue { S = reader.GetString()! };
            case JsonTokenType.Number:
                var literal = Encoding.UTF8.GetString(reader.ValueSpan);
                var problem = DynamoDbNumber.Check(literal);
                if (problem is not null)
                {
                    throw new JsonValueException(string.Empty, problem);
                }

                return new AttributeValue { N = literal };
            case JsonTokenType.True:
                return new AttributeValue { BOOL = true };
            case JsonTokenType.False:
                return new AttributeValue { BOOL = false };
            case JsonTokenType.Null:
                return new AttributeValue { NULL = true };
            default:
                throw new JsonValueException(string.Empty, $"Unexpected JSON token {reader.TokenType}.");
        }
    }

    private static AttributeValue ReadObject(ref Utf8JsonReader reader, int level)
    {
        CheckDepth(level);
        var map = new Dictionary<string, AttributeValue>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (name.Length == 0)
            {
                throw new JsonValueException("\"\"", "An object member has an empty name, which DynamoDB does not accept as a map key. Rename the member in the source document, then migrate the row again.");
            }

            if (map.ContainsKey(name))
            {
                // A map keeps one value per name: keeping the last would silently drop the other.
                throw new JsonValueException(name, "The object has this member name twice; a DynamoDB map holds one value per name. Remove the duplicate in the source document, then migrate the row again.");
            }

            try
            {
                map[name] = ReadValue(ref reader, level);
            }
            catch (JsonValueException ex)
            {
                throw ex.Prepend(name);
            }
        }

        return new AttributeValue { M = map };
    }

    private static AttributeValue ReadArray(ref Utf8JsonReader reader, int level)
    {
        CheckDepth(level);
        var list = new List<AttributeValue>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            try
            {
                list.Add(ReadValue(ref reader, level));
            }
            catch (JsonValueException ex)
            {
                throw ex.Prepend("[" + list.Count.ToString(CultureInfo.InvariantCulture) + "]");
            }
        }

        return new AttributeValue { L = list };
    }

    private static void CheckDepth(int level)
    {
        if (level > MaxContainerDepth)
        {
            throw new JsonValueException(string.Empty, $"The document has more than {MaxContainerDepth} objects/arrays inside one another; stored as an attribute that exceeds DynamoDB's {MaxNestingDepth} nesting levels (the item counts as one). Flatten the source document, then migrate the row again.");
        }
    }

    private static void Write(Utf8JsonWriter writer, AttributeValue value)
    {
        if (value.S is not null)
        {
            writer.WriteStringValue(value.S);
        }
        else if (value.N is not null)
        {
            try
            {
                writer.WriteRawValue(value.N);
            }
            catch (JsonException ex)
            {
                throw new JsonValueException(string.Empty, $"The number '{value.N}' is not a JSON number.", ex);
            }
        }
        else if (value.IsBOOLSet)
        {
            writer.WriteBooleanValue(value.BOOL == true);
        }
        else if (value.NULL == true)
        {
            writer.WriteNullValue();
        }
        else if (value.M is not null)
        {
            writer.WriteStartObject();
            foreach (var (name, member) in value.M)
            {
                writer.WritePropertyName(name);
                try
                {
                    Write(writer, member ?? throw new JsonValueException(string.Empty, "The map value is null."));
                }
                catch (JsonValueException ex)
                {
                    throw ex.Prepend(name);
                }
            }

            writer.WriteEndObject();
        }
        else if (value.L is not null)
        {
            writer.WriteStartArray();
            for (var i = 0; i < value.L.Count; i++)
            {
                try
                {
                    Write(writer, value.L[i] ?? throw new JsonValueException(string.Empty, "The list element is null."));
                }
                catch (JsonValueException ex)
                {
                    throw ex.Prepend("[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                }
            }

            writer.WriteEndArray();
        }
        else
        {
            var kind = value.B is not null ? "B" : value.SS is not null ? "SS" : value.NS is not null ? "NS" : value.BS is not null ? "BS" : "no value";
            throw new JsonValueException(string.Empty, $"The attribute value ({kind}) has no JSON equivalent: only M, L, S, N, BOOL and NULL come from JSON documents.");
        }
    }
}
