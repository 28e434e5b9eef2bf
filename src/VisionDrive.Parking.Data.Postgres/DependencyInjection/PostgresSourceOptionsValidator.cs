using System;
using Microsoft.Extensions.Options;

namespace VisionDrive.Parking.Data.Postgres.DependencyInjection;

/// <summary>
/// Validates <see cref="PostgresSourceOptions"/> at start-up by building (and disposing) a data source with them: the same checks and
/// messages as <see cref="ParkingDataSource.Create"/> (empty or malformed connection string, missing CA file, unverified TLS), without connecting.
/// The message names the configuration section only when the options were bound from one.
/// </summary>
internal sealed class PostgresSourceOptionsValidator(IOptions<PostgresSourceOptionsOrigin> origin) : IValidateOptions<PostgresSourceOptions>
{
    /// <summary>The service key of the store's own data source, so an application's <c>NpgsqlDataSource</c> registration is neither used nor replaced.</summary>
    internal static readonly object DataSourceKey = new();

    public ValidateOptionsResult Validate(string? name, PostgresSourceOptions options)
    {
        try
        {
            ParkingDataSource.Create(options).Dispose();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail("Invalid PostgreSQL store settings" + origin.Value.Describe() + ": " + ex.Message);
        }
    }
}
