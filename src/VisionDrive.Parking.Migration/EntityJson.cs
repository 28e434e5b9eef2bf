using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using VisionDrive.Parking.Data;

namespace VisionDrive.Parking.Migration;

/// <summary>Serialises an entity record as a JSON object for reject files (JSON columns embedded as JSON, not as strings).</summary>
internal static class EntityJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonTextConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 1024,
    };

    public static string Serialize<T>(T entity)
        where T : class => JsonSerializer.Serialize(entity, Options);

    private sealed class JsonTextConverter : JsonConverter<JsonText>
    {
        public override JsonText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            return JsonText.Parse(doc.RootElement.GetRawText());
        }

        public override void Write(Utf8JsonWriter writer, JsonText value, JsonSerializerOptions options) => writer.WriteRawValue(value.Raw, skipInputValidation: true);
    }
}
