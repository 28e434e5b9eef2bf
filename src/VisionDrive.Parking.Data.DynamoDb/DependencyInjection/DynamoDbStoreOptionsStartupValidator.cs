using System.Linq;

namespace VisionDrive.Parking.Data.DynamoDb.DependencyInjection;

/// <summary>
/// The start-up check of <see cref="DynamoDbStoreOptions"/>: the generated <see cref="DynamoDbStoreOptionsValidator"/>, with the configuration
/// section named only when the options were bound from one (options set in code name none).
/// </summary>
internal sealed class DynamoDbStoreOptionsStartupValidator(IOptions<DynamoDbStoreOptionsOrigin> origin) : IValidateOptions<DynamoDbStoreOptions>
{
    private readonly DynamoDbStoreOptionsValidator _inner = new();

    public ValidateOptionsResult Validate(string? name, DynamoDbStoreOptions options)
    {
        var result = _inner.Validate(name, options);
        var where = origin.Value.Describe();
        return result.Succeeded || where.Length == 0 ? result : ValidateOptionsResult.Fail((result.Failures ?? []).Select(f => f + where));
    }
}
