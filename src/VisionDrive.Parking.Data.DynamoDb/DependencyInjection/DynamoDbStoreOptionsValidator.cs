using System.Linq;
using Microsoft.Extensions.Options;

namespace VisionDrive.Parking.Data.DynamoDb.DependencyInjection;

/// <summary>
/// Validates <see cref="DynamoDbStoreOptions"/> at start-up with the messages of <see cref="DynamoDbStoreOptions.GetValidationErrors"/>; the
/// configuration section is named only when the options were bound from one.
/// </summary>
internal sealed class DynamoDbStoreOptionsValidator(IOptions<DynamoDbStoreOptionsOrigin> origin) : IValidateOptions<DynamoDbStoreOptions>
{
    /// <summary>The service key of the store's own DynamoDB client, so an application's <c>IAmazonDynamoDB</c> registration is neither used nor replaced.</summary>
    internal static readonly object ClientKey = new();

    public ValidateOptionsResult Validate(string? name, DynamoDbStoreOptions options)
    {
        var errors = options.GetValidationErrors();
        if (errors.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        var where = origin.Value.Describe();
        return ValidateOptionsResult.Fail(where.Length == 0 ? errors : errors.Select(e => e + where));
    }
}
