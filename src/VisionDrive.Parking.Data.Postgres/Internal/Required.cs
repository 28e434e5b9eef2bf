namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>Conversions from nullable source values to entity values; a missing required value is an <see cref="InvalidEntityException"/>.</summary>
internal static class Required
{
    public static string Text(string? value, EntityType type, string key, string column) =>
        value ?? throw new InvalidEntityException(type, key, column, "is NULL in the source, but the entity needs it; fix the row.");

    public static DateTimeOffset Time(DateTime? value, EntityType type, string key, string column) =>
        value is { } v ? Utc(v) : throw new InvalidEntityException(type, key, column, "is NULL in the source, but the entity needs it; fix the row.");

    public static DateTimeOffset? OptionalTime(DateTime? value) => value is { } v ? Utc(v) : null;

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static JsonText? Json(string? value) => value is null ? null : TrustedJson.Wrap(value);

    /// <summary>A time as written to the source: UTC, truncated to microseconds.</summary>
    public static DateTime ToSource(DateTimeOffset value) => Keys.KeyTime.TruncateToMicroseconds(value).UtcDateTime;
}
