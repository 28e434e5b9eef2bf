using Microsoft.Extensions.Options;

namespace VisionDrive.Parking.Data.DynamoDb.DependencyInjection;

/// <summary>Validates <see cref="DynamoDbStoreOptions"/> at start-up with the messages of <see cref="DynamoDbStoreOptions.GetValidationErrors"/>.</summary>
internal sealed class DynamoDbStoreOptionsValidator : IValidateOptions<DynamoDbStoreOptions>
{
    /// <summary>The service key of the store's own DynamoDB client, so an application's <c>IAmazonDynamoDB</c> registration is neither used nor replaced.</summary>
    internal static readonly object ClientKey = new();

    public ValidateOptionsResult Validate(string? name, DynamoDbStoreOptions options)
    {
        var errors = options.GetValidationErrors();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
