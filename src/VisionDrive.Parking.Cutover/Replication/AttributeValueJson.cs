using System.IO;
using System.Text.Json;

namespace VisionDrive.Parking.Cutover.Replication;

/// <summary>Reads the DynamoDB JSON form of items (<c>{"S": "…"}</c>, <c>{"N": "…"}</c>, <c>{"M": {…}}</c>, …) that stream records carry.</summary>
internal static class AttributeValueJson
{
    public static Dictionary<string, AttributeValue> ReadItem(JsonElement item)
    {
        var result = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var p in item.EnumerateObject())
        {
            result[p.Name] = Read(p.Value);
        }

        return result;
    }

    public static AttributeValue Read(JsonElement value)
    {
        foreach (var p in value.EnumerateObject())
        {
            switch (p.Name)
            {
                case "S":
                    return new AttributeValue { S = p.Value.GetString() };
                case "N":
                    return new AttributeValue { N = p.Value.GetString() };
                case "B":
                    return new AttributeValue { B = new MemoryStream(p.Value.GetBytesFromBase64()) };
                case "BOOL":
                    return new AttributeValue { BOOL = p.Value.GetBoolean() };
                case "NULL":
                    return new AttributeValue { NULL = p.Value.GetBoolean() };
                case "SS":
                    return new AttributeValue { SS = Strings(p.Value) };
                case "NS":
                    return new AttributeValue { NS = Strings(p.Value) };
                case "BS":
                    var bs = new List<MemoryStream>();
                    foreach (var b in p.Value.EnumerateArray())
                    {
                        bs.Add(new MemoryStream(b.GetBytesFromBase64()));
                    }

                    return new AttributeValue { BS = bs };
                case "L":
                    var list = new List<AttributeValue>();
                    foreach (var e in p.Value.EnumerateArray())
                    {
                        list.Add(Read(e));
                    }

                    return new AttributeValue { L = list };
                case "M":
                    return new AttributeValue { M = ReadItem(p.Value) };
            }
        }

        throw new FormatException($"Not a DynamoDB attribute value: {value.GetRawText()}");
    }

    private static List<string> Strings(JsonElement array)
    {
        var result = new List<string>();
        foreach (var s in array.EnumerateArray())
        {
            result.Add(s.GetString()!);
        }

        return result;
    }
}
