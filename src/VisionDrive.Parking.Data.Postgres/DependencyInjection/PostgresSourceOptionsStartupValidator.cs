namespace VisionDrive.Parking.Data.Postgres.DependencyInjection;

/// <summary>
/// The start-up check of <see cref="PostgresSourceOptions"/>: the generated <see cref="PostgresSourceOptionsValidator"/>, with the configuration
/// section named only when the options were bound from one (options set in code name none).
/// </summary>
internal sealed class PostgresSourceOptionsStartupValidator(IOptions<PostgresSourceOptionsOrigin> origin) : IValidateOptions<PostgresSourceOptions>
{
    private readonly PostgresSourceOptionsValidator _inner = new();

    public ValidateOptionsResult Validate(string? name, PostgresSourceOptions options)
    {
        var result = _inner.Validate(name, options);
        if (result.Succeeded)
        {
            return result;
        }

        return ValidateOptionsResult.Fail("Invalid PostgreSQL store settings" + origin.Value.Describe() + ": " + string.Join(" ", result.Failures ?? []));
    }
}
