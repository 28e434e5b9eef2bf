using System.Buffers;
using System.Text.Encodings.Web;

namespace VisionDrive.Parking.Migration.Export;

/// <summary>
/// DynamoDB JSON, the format of DynamoDB's Import from S3: one <c>{"Item": {"attr": {"S": "…"}, …}}</c> object per line.
/// </summary>
public static class DynamoDbJson
{
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one item as an import line (without the line break).</summary>
    /// <param name="item">The item.</param>
    /// <returns>The JSON line.</returns>
    public static string ToLine(IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        using var buffer = new ImportLineBuffer();
        return Encoding.UTF8.GetString(buffer.Write(item));
    }

    /// <summary>Writes one item as an import line's <c>{"Item": …}</c> object.</summary>
    internal static void WriteItem(Utf8JsonWriter w, IReadOnlyDictionary<string, AttributeValue> item)
    {
        w.WriteStartObject();
        w.WritePropertyName("Item");
        WriteMap(w, item);
        w.WriteEndObject();
    }

    /// <summary>Reads an import line back into an item.</summary>
    /// <param name="line">The JSON line.</param>
    /// <returns>The item.</returns>
    /// <exception cref="FormatException">The line is not an import line.</exception>
    public static Dictionary<string, AttributeValue> FromLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        using var doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 1024 });
        if (!doc.RootElement.TryGetProperty("Item", out var item) || item.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("An import line is an object with an \"Item\" member.");
        }

        return ReadMap(item);
    }

    private static void WriteMap(Utf8JsonWriter w, IEnumerable<KeyValuePair<string, AttributeValue>> map)
    {
        w.WriteStartObject();
        foreach (var (name, value) in map)
        {
            w.WritePropertyName(name);
            WriteValue(w, value);
        }

        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, AttributeValue v)
    {
        w.WriteStartObject();
        if (v.S is not null)
        {
            w.WriteString("S", v.S);
        }
        else if (v.N is not null)
        {
            w.WriteString("N", v.N);
        }
        else if (v.BOOL is not null)
        {
            w.WriteBoolean("BOOL", v.BOOL.Value);
        }
        else if (v.NULL is true)
        {
            w.WriteBoolean("NULL", true);
        }
        else if (v.M is not null)
        {
            w.WritePropertyName("M");
            WriteMap(w, v.M);
        }
        else if (v.L is not null)
        {
            w.WriteStartArray("L");
            foreach (var e in v.L)
            {
                WriteValue(w, e);
            }

            w.WriteEndArray();
        }
        else if (v.SS is { Count: > 0 })
        {
            w.WriteStartArray("SS");
            foreach (var s in v.SS)
            {
                w.WriteStringValue(s);
            }

            w.WriteEndArray();
        }
        else if (v.NS is { Count: > 0 })
        {
            w.WriteStartArray("NS");
            foreach (var s in v.NS)
            {
                w.WriteStringValue(s);
            }

            w.WriteEndArray();
        }
        else if (v.B is not null)
        {
            w.WriteString("B", Convert.ToBase64String(v.B.ToArray()));
        }
        else
        {
            // An empty map is the only value with nothing set in SDK v4 terms.
            w.WritePropertyName("M");
            w.WriteStartObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static Dictionary<string, AttributeValue> ReadMap(JsonElement map)
    {
        var result = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var p in map.EnumerateObject())
        {
            result[p.Name] = ReadValue(p.Value);
        }

        return result;
    }

    private static AttributeValue ReadValue(JsonElement e)
    {
        foreach (var p in e.EnumerateObject())
        {
            switch (p.Name)
            {
                case "S":
                    return new AttributeValue { S = p.Value.GetString() };
                case "N":
                    return new AttributeValue { N = p.Value.GetString() };
                case "BOOL":
                    return new AttributeValue { BOOL = p.Value.GetBoolean() };
                case "NULL":
                    return new AttributeValue { NULL = true };
                case "M":
                    return new AttributeValue { M = ReadMap(p.Value) };
                case "L":
                    var list = new List<AttributeValue>();
                    foreach (var x in p.Value.EnumerateArray())
                    {
                        list.Add(ReadValue(x));
                    }

                    return new AttributeValue { L = list };
                case "SS":
                    var ss = new List<string>();
                    foreach (var x in p.Value.EnumerateArray())
                    {
                        ss.Add(x.GetString()!);
                    }

                    return new AttributeValue { SS = ss };
                case "NS":
                    var ns = new List<string>();
                    foreach (var x in p.Value.EnumerateArray())
                    {
                        ns.Add(x.GetString()!);
                    }

                    return new AttributeValue { NS = ns };
                case "B":
                    return new AttributeValue { B = new MemoryStream(Convert.FromBase64String(p.Value.GetString()!)) };
            }
        }

        throw new FormatException($"Unknown DynamoDB JSON value: {e.GetRawText()}");
    }
}

/// <summary>
/// Writes import lines as UTF-8 into one reused buffer (the export's hot path: no string, no re-encoding, one JSON writer per run).
/// The span returned by <see cref="Write"/> is valid until the next call.
/// </summary>
internal sealed class ImportLineBuffer : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;

    public ImportLineBuffer() => _writer = new Utf8JsonWriter(_buffer, DynamoDbJson.WriterOptions);

    /// <summary>Writes <paramref name="item"/> as an import line (UTF-8, without the line break).</summary>
    public ReadOnlySpan<byte> Write(IReadOnlyDictionary<string, AttributeValue> item)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        DynamoDbJson.WriteItem(_writer, item);
        _writer.Flush();
        return _buffer.WrittenSpan;
    }

    public void Dispose() => _writer.Dispose();
}
