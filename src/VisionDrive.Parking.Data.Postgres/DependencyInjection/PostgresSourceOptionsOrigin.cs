namespace VisionDrive.Parking.Data.Postgres.DependencyInjection;

/// <summary>The configuration sections <see cref="PostgresSourceOptions"/> were bound from (none when set in code), for validation messages.</summary>
internal sealed class PostgresSourceOptionsOrigin
{
    public List<string> Sections { get; } = [];

    /// <summary>"(configuration section 'Parking:Postgres')" when bound from configuration, else "" (options set in code have no section to name).</summary>
    public string Describe() => Sections.Count == 0 ? "" : $" (configuration section '{string.Join("', '", Sections)}')";
}
