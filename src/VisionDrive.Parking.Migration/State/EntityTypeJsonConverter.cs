namespace VisionDrive.Parking.Migration.State;

/// <summary>
/// An <see cref="EntityType"/> in JSON, as a value and as a dictionary key, spelt as everywhere else (<c>TENANT</c>, <c>SITE</c>, …,
/// <see cref="EntityTypes.Name"/>): the spelling of <c>state.json</c> and of the report.
/// </summary>
internal sealed class EntityTypeJsonConverter : JsonConverter<EntityType>
{
    public override EntityType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, EntityType value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name());

    public override EntityType ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

    public override void WriteAsPropertyName(Utf8JsonWriter writer, EntityType value, JsonSerializerOptions options) => writer.WritePropertyName(value.Name());

    private static EntityType Parse(string? name) =>
        name is not null && EntityTypes.TryParse(name, out var type) && string.Equals(type.Name(), name, StringComparison.Ordinal)
            ? type
            : throw new JsonException($"'{name}' is not an entity type name (TENANT, SITE, ZONE, BAY, SENSOR, EVENT, ALERT).");
}
