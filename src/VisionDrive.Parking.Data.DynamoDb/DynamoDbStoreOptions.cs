using System.ComponentModel.DataAnnotations;
using VisionDrive.Parking.Data.DynamoDb.DependencyInjection;

namespace VisionDrive.Parking.Data.DynamoDb;

/// <summary>
/// Settings of <see cref="DynamoDbParkingStore"/> and of the client built by <see cref="Client.DynamoDbClientFactory"/>: which table, where
/// (region or endpoint), read consistency, event retention and HTTP connection settings. Every default is stated on its property (the
/// shared ones in <see cref="ParkingDefaults"/>); the limits are DataAnnotations attributes, checked at start-up by a source-generated
/// validator (<c>[OptionsValidator]</c>) and by <see cref="Validate"/>.
/// </summary>
public sealed class DynamoDbStoreOptions : IValidatableObject
{
    private static readonly System.Text.RegularExpressions.Regex TableNamePattern = new("^[a-zA-Z0-9_.-]{3,255}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    private static readonly System.Text.RegularExpressions.Regex RegionPattern = new("^[a-z]{2}(-[a-z]+)+-[0-9]+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The standard AWS variable naming a DynamoDB endpoint, used when <see cref="ServiceUrl"/> is not set.</summary>
    public const string EndpointVariable = "AWS_ENDPOINT_URL_DYNAMODB";

    /// <summary>The table. Default <see cref="ParkingDefaults.TableName"/> (<c>VisionDrive-Parking</c>). 3 to 255 characters of <c>a-z A-Z 0-9 _ - .</c> (DynamoDB's rule).</summary>
    [Required(ErrorMessage = "{0} is empty: set it to the table name (default " + ParkingDefaults.TableName + ").")]
    public string TableName { get; set; } = ParkingDefaults.TableName;

    /// <summary>The AWS region system name, e.g. <c>me-central-1</c>. Default <c>me-central-1</c>. Also the signing region when <see cref="ServiceUrl"/> is set.</summary>
    [Required(ErrorMessage = "{0} is empty: set an AWS region such as " + ParkingDefaults.Region + " (it is also the signing region for a local endpoint).")]
    public string Region { get; set; } = ParkingDefaults.Region;

    /// <summary>
    /// An explicit endpoint, e.g. <c>http://127.0.0.1:8000</c> for DynamoDB Local. Default <see langword="null"/>: the standard variable
    /// <c>AWS_ENDPOINT_URL_DYNAMODB</c> when it is set, else the regional AWS endpoint of <see cref="Region"/>.
    /// </summary>
    public string? ServiceUrl { get; set; }

    /// <summary>
    /// Strongly consistent reads for GetItem and base-table Query (tenant/site/zone/sensor/alert by id, a zone with its bays, events of a sensor).
    /// Reads of a global secondary index are always eventually consistent (DynamoDB does not offer more). Default <see langword="false"/>
    /// (eventually consistent, half the read cost).
    /// </summary>
    public bool ConsistentReads { get; set; }

    /// <summary>How long an event recorded by the store is kept: its <c>ttl</c> is the event time plus this. Default <see cref="ParkingDefaults.EventRetention"/> (400 days); must be positive.</summary>
    public TimeSpan EventRetention { get; set; } = ParkingDefaults.EventRetention;

    /// <summary>
    /// The most HTTP connections the client opens to the endpoint (<c>HttpClientHandler.MaxConnectionsPerServer</c>); bulk loads with parallel
    /// BatchWriteItem calls need one per call in flight. Default 64 (1 to 1000).
    /// </summary>
    [Range(1, 1000)]
    public int MaxConnections { get; set; } = 64;

    /// <summary>
    /// How many times the AWS SDK itself retries a throttled or failed call (standard retry mode). Default 3 (0 to 20): the store's only retry
    /// layer. Set 0 for a client of bulk work, whose caller retries (<see cref="Client.DynamoDbRetry"/>; <c>vdp</c> does), so retries do not stack.
    /// </summary>
    [Range(0, 20)]
    public int MaxErrorRetry { get; set; } = 3;

    /// <summary>The timeout of one HTTP request. Default 30 s (1 s to 10 min).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The endpoint the client uses: <see cref="ServiceUrl"/>, else <c>AWS_ENDPOINT_URL_DYNAMODB</c>, else <see langword="null"/> (the regional endpoint).</summary>
    /// <returns>The endpoint URL, or <see langword="null"/>.</returns>
    public string? ResolveServiceUrl()
    {
        if (!string.IsNullOrWhiteSpace(ServiceUrl))
        {
            return ServiceUrl;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EndpointVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment;
    }

    /// <summary>Throws when the settings are not valid, listing every problem (the checks of the start-up validation).</summary>
    /// <exception cref="ArgumentException">A setting is not valid; the message names each option that is wrong and what to do.</exception>
    public void Validate()
    {
        var result = new DynamoDbStoreOptionsValidator().Validate(null, this);
        if (result.Failed)
        {
            throw new ArgumentException("Invalid DynamoDB store settings: " + string.Join(" ", result.Failures ?? []));
        }
    }

    /// <summary>The checks the attributes cannot state: the endpoint resolved from <see cref="EndpointVariable"/>, a positive retention.</summary>
    /// <param name="validationContext">The context.</param>
    /// <returns>The problems.</returns>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        // The value is named in the message (the attributes cannot), so a typo is visible.
        if (!string.IsNullOrWhiteSpace(TableName) && !TableNamePattern.IsMatch(TableName))
        {
            yield return new ValidationResult(
                $"DynamoDbStoreOptions.TableName '{TableName}' is not a valid DynamoDB table name: use 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'.",
                [nameof(TableName)]);
        }

        if (!string.IsNullOrWhiteSpace(Region) && !RegionPattern.IsMatch(Region))
        {
            yield return new ValidationResult(
                $"DynamoDbStoreOptions.Region '{Region}' is not an AWS region name: use the system name, e.g. me-central-1 or eu-west-1.",
                [nameof(Region)]);
        }

        var url = ResolveServiceUrl();
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            var source = string.IsNullOrWhiteSpace(ServiceUrl) ? "The variable " + EndpointVariable : "DynamoDbStoreOptions.ServiceUrl";
            yield return new ValidationResult(
                $"{source} '{url}' is not an absolute http(s) URL: use e.g. http://127.0.0.1:8000 for DynamoDB Local, or leave it unset for the regional AWS endpoint.",
                [nameof(ServiceUrl)]);
        }

        if (EventRetention <= TimeSpan.Zero)
        {
            yield return new ValidationResult(
                string.Create(CultureInfo.InvariantCulture, $"DynamoDbStoreOptions.EventRetention is {EventRetention}; it must be positive (default {ParkingDefaults.EventRetentionDays} days), or DynamoDB would expire new events at once."),
                [nameof(EventRetention)]);
        }
    }

}
