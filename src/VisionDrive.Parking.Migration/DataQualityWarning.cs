namespace VisionDrive.Parking.Migration;

/// <summary>A row that was migrated, but whose data looks wrong (a DevEUI that is not 16 hex digits, an event whose sensor does not exist, …).</summary>
/// <param name="Entity">The entity type name, e.g. <c>SENSOR</c>.</param>
/// <param name="Key">The row's primary key in the source.</param>
/// <param name="Field">The field concerned.</param>
/// <param name="Message">What looks wrong.</param>
public sealed record DataQualityWarning(
    [property: JsonPropertyName("entity")] string Entity,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("message")] string Message);
