namespace VisionDrive.Parking.Migration;

/// <summary>
/// Serialises an entity record as a JSON object for reject files, in the shape of a source row (<c>RawRow.ToJson</c>): camelCase names as the
/// source columns are named (<c>id</c>, <c>time</c>, <c>tenantId</c>), times in the key format (<c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>), JSON columns
/// embedded as JSON, not as strings. Every reject line then has one shape, whether the reader or the mapper refused the row.
/// </summary>
internal static class EntityJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonTextConverter(), new KeyTimeConverter() },
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

    private sealed class KeyTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            KeyTime.TryParse(reader.GetString(), out var time) ? time : throw new JsonException("Not a time in the key format.");

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(KeyTime.ToKey(value));
    }
}
