using System.ComponentModel.DataAnnotations;

namespace VisionDrive.Parking.Data.Postgres;

/// <summary>
/// Where the source database is and how to reach it safely. TLS is verified (<c>SSL Mode=VerifyFull</c>) unless the connection
/// string explicitly asks for less <em>and</em> <see cref="AllowInsecureTls"/> is set. Validated (at start-up by a source-generated
/// <c>[OptionsValidator]</c>) with the checks of <see cref="ParkingDataSource.Create"/>, without connecting.
/// </summary>
public sealed class PostgresSourceOptions : IValidatableObject
{
    /// <summary>
    /// The connection string, in Npgsql form (<c>Host=…;Port=…;Database=…;Username=…</c>) or URL form
    /// (<c>postgres://user:pass@host:port/db?sslmode=verify-full</c>). Prefer leaving the password out and supplying it through
    /// <c>PGPASSWORD</c> or a pgpass file (<c>PGPASSFILE</c>, <c>~/.pgpass</c>), which Npgsql reads. No default.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// A PEM file with the certificate authority that signed the server certificate (Timescale Cloud: the CA bundle it documents),
    /// used as Npgsql's <c>Root Certificate</c>. Default <see langword="null"/>: the connection string's <c>Root Certificate</c>
    /// (or <c>sslrootcert</c>) when present, else the operating system's trust store.
    /// </summary>
    public string? RootCertificatePath { get; set; }

    /// <summary>
    /// Allows an SSL mode that does not verify the server (<c>Disable</c>, <c>Allow</c>, <c>Prefer</c>, <c>Require</c>) when the connection
    /// string asks for one. Every data source built with this set logs a warning. Default <see langword="false"/>: such a connection
    /// string is refused.
    /// </summary>
    public bool AllowInsecureTls { get; set; }

    /// <summary>The options with the password redacted; safe to log.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"PostgresSourceOptions {{ ConnectionString = {ParkingDataSource.Redact(ConnectionString)}, RootCertificatePath = {RootCertificatePath ?? "(none)"}, AllowInsecureTls = {AllowInsecureTls} }}");

    /// <summary>
    /// The checks and messages of <see cref="ParkingDataSource.Create"/> (empty or malformed connection string, missing CA file, unverified
    /// TLS): a data source is built and disposed, nothing connects.
    /// </summary>
    /// <param name="validationContext">The context.</param>
    /// <returns>The problem, if any.</returns>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        string? problem = null;
        try
        {
            ParkingDataSource.Create(this).Dispose();
        }
        catch (ArgumentException ex)
        {
            problem = ex.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult(problem, [nameof(ConnectionString)]);
        }
    }
}
