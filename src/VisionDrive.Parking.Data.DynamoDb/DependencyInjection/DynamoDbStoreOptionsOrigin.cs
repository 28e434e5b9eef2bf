namespace VisionDrive.Parking.Data.DynamoDb.DependencyInjection;

/// <summary>The configuration sections <see cref="DynamoDbStoreOptions"/> were bound from (none when set in code), for validation messages.</summary>
internal sealed class DynamoDbStoreOptionsOrigin
{
    public List<string> Sections { get; } = [];

    /// <summary>"(configuration section 'Parking:DynamoDb')" when bound from configuration, else "" (options set in code have no section to name).</summary>
    public string Describe() => Sections.Count == 0 ? "" : $" (configuration section '{string.Join("', '", Sections)}')";
}
