using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace VisionDrive.Parking.Data.Benchmarks.Sdk;

/// <summary>Writes items in DynamoDB's wire JSON (<c>{"PK":{"S":"…"}}</c>) for canned responses.</summary>
public static class DynamoDbJsonWriter
{
    public static byte[] QueryResponse(IEnumerable<Dictionary<string, AttributeValue>> items)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartArray("Items");
            var count = 0;
            foreach (var item in items)
            {
                WriteMap(w, item);
                count++;
            }

            w.WriteEndArray();
            w.WriteNumber("Count", count);
            w.WriteNumber("ScannedCount", count);
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteMap(Utf8JsonWriter w, Dictionary<string, AttributeValue> map)
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
        else if (v.BOOL is not null)
        {
            w.WriteBoolean("BOOL", v.BOOL.Value);
        }
        else
        {
            w.WriteBoolean("NULL", true);
        }

        w.WriteEndObject();
    }
}
