using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace VisionDrive.Parking.Samples.Tests.Support;

/// <summary>
/// A canonical form of a JSON body for comparing the two stores' answers: members sorted, numbers by value, <c>traceId</c> dropped and
/// <c>nextCursor</c> reduced to whether there is one (page tokens are store-specific by design).
/// </summary>
public static class JsonCompare
{
    public static string Canonical(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "";
        }

        return Normalize(JsonNode.Parse(json))?.ToJsonString() ?? "null";
    }

    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var sorted = new JsonObject();
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (name == "traceId")
                    {
                        continue;
                    }

                    sorted[name] = name == "nextCursor" ? JsonValue.Create(value is not null) : Normalize(value);
                }

                return sorted;
            case JsonArray array:
                var copy = new JsonArray();
                foreach (var item in array)
                {
                    copy.Add(Normalize(item));
                }

                return copy;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Number:
                var text = value.ToJsonString();
                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                    ? JsonValue.Create((d / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture))
                    : JsonValue.Create(text);
            default:
                return node?.DeepClone();
        }
    }
}
