namespace VisionDrive.Parking.Data.Keys;

/// <summary>
/// Escapes one value (an id, a code, a slug) for use between <c>#</c> separators: <c>%</c> becomes <c>%25</c> and <c>#</c> becomes <c>%23</c>,
/// so an id can never produce a key that collides with, or parses as, another entity's key. Every other character is kept.
/// </summary>
internal static class KeyComponent
{
    /// <summary>Escapes <paramref name="value"/>.</summary>
    /// <param name="value">The raw value.</param>
    /// <param name="field">The field name, for the error message.</param>
    /// <returns>The escaped value (the same instance when nothing needs escaping).</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty: DynamoDB rejects empty key values.</exception>
    public static string Escape(string value, string field = "id")
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"The {field} is empty: a key component must have at least one character.", field);
        }

        if (value.AsSpan().IndexOfAny('#', '%') < 0)
        {
            return value;
        }

        return value.Replace("%", "%25", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal);
    }

    /// <summary>Reverses <see cref="Escape"/>.</summary>
    /// <param name="value">The escaped value.</param>
    /// <returns>The raw value.</returns>
    public static string Unescape(ReadOnlySpan<char> value)
    {
        if (value.IndexOf('%') < 0)
        {
            return value.ToString();
        }

        return value.ToString().Replace("%23", "#", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);
    }
}
