using System.ComponentModel;

namespace VisionDrive.Parking.Data.Infrastructure;

/// <summary>Wraps JSON text that is known to be well-formed into a <see cref="JsonText"/> without parsing it again.</summary>
/// <remarks>
/// Infrastructure for the sibling packages (the PostgreSQL reader wraps <c>jsonb</c> values, the DynamoDB mapper wraps JSON it wrote itself,
/// the datasets wrap generated payloads), not meant for application code: use <see cref="JsonText.Parse"/>, which checks the text. It is
/// public, not internal, so that packages of different versions can be mixed without a missing-member failure at run time; it is tracked in
/// <c>PublicAPI.Shipped.txt</c> like the rest of the API and changes only as a reviewed, compatible change.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TrustedJson
{
    /// <summary>Wraps <paramref name="json"/>, which the caller guarantees to be one well-formed JSON value.</summary>
    /// <param name="json">Well-formed JSON text (from a <c>jsonb</c> column or written by this library).</param>
    /// <returns>The wrapped value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public static JsonText Wrap(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonText.FromTrusted(json);
    }
}
