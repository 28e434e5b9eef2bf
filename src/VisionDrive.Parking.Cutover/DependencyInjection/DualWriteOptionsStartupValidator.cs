using System.Linq;

namespace VisionDrive.Parking.Cutover.DependencyInjection;

/// <summary>
/// The start-up check of <see cref="DualWriteOptions"/>: the generated validator; when the options were bound from configuration, each
/// failure names the configuration key to fix (e.g. <c>Parking:DualWrite:ShadowReadRate</c>).
/// </summary>
internal sealed class DualWriteOptionsStartupValidator(IOptions<DualWriteOptionsOrigin> origin) : IValidateOptions<DualWriteOptions>
{
    private static readonly string[] Names =
        [nameof(DualWriteOptions.Primary), nameof(DualWriteOptions.ShadowReadRate), nameof(DualWriteOptions.OutboxBatchSize), nameof(DualWriteOptions.StreamPollInterval)];

    private readonly DualWriteOptionsValidator _inner = new();

    public ValidateOptionsResult Validate(string? name, DualWriteOptions options)
    {
        var result = _inner.Validate(name, options);
        if (result.Succeeded || origin.Value.Section is not { } section)
        {
            return result;
        }

        return ValidateOptionsResult.Fail((result.Failures ?? []).Select(f =>
            Names.FirstOrDefault(n => f.Contains(n, StringComparison.Ordinal)) is { } property
                ? $"{f} (configuration key '{section}:{property}')"
                : $"{f} (configuration section '{section}')"));
    }
}

/// <summary>The configuration section <see cref="DualWriteOptions"/> were bound from (none when set in code), for validation messages.</summary>
internal sealed class DualWriteOptionsOrigin
{
    public string? Section { get; set; }
}
