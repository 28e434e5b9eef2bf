using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace VisionDrive.Parking.Data.DynamoDb;

/// <summary>
/// Settings of <see cref="DynamoDbParkingStore"/> and of the client built by <see cref="Client.DynamoDbClientFactory"/>: which table, where
/// (region or endpoint), read consistency, event retention and HTTP connection settings. Every default is stated on its property.
/// </summary>
public sealed partial class DynamoDbStoreOptions
{
    /// <summary>The default table name, <c>VisionDrive-Parking</c>.</summary>
    public const string DefaultTableName = ParkingTable.DefaultTableName;

    /// <summary>The default region, <c>me-central-1</c> (UAE).</summary>
    public const string DefaultRegion = "me-central-1";

    /// <summary>The standard AWS variable naming a DynamoDB endpoint, used when <see cref="ServiceUrl"/> is not set.</summary>
    public const string EndpointVariable = "AWS_ENDPOINT_URL_DYNAMODB";

    /// <summary>The table. Default <c>VisionDrive-Parking</c>. 3 to 255 characters of <c>a-z A-Z 0-9 _ - .</c> (DynamoDB's rule).</summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>The AWS region system name, e.g. <c>me-central-1</c>. Default <c>me-central-1</c>. Also the signing region when <see cref="ServiceUrl"/> is set.</summary>
    public string Region { get; set; } = DefaultRegion;

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

    /// <summary>How long an event recorded by the store is kept: its <c>ttl</c> is the event time plus this. Default 400 days; must be positive.</summary>
    public TimeSpan EventRetention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>
    /// The most HTTP connections the client opens to the endpoint (<c>HttpClientHandler.MaxConnectionsPerServer</c>); bulk loads with parallel
    /// BatchWriteItem calls need one per call in flight. Default 64 (1 to 1000).
    /// </summary>
    public int MaxConnections { get; set; } = 64;

    /// <summary>
    /// How many times the AWS SDK itself retries a throttled or failed call (standard retry mode). Default 3 (0 to 20): the store's only retry
    /// layer. Set 0 for a client of bulk work, whose caller retries (<see cref="Client.DynamoDbRetry"/>; <c>vdp</c> does), so retries do not stack.
    /// </summary>
    public int MaxErrorRetry { get; set; } = 3;

    /// <summary>The timeout of one HTTP request. Default 30 s (1 s to 10 min).</summary>
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

    /// <summary>Lists what is wrong with the settings, one clear sentence each; empty when they are valid.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> GetValidationErrors()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(TableName))
        {
            errors.Add("DynamoDbStoreOptions.TableName is empty: set it to the table name (default VisionDrive-Parking).");
        }
        else if (!TableNameRegex().IsMatch(TableName))
        {
            errors.Add($"DynamoDbStoreOptions.TableName '{TableName}' is not a valid DynamoDB table name: use 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'.");
        }

        if (string.IsNullOrWhiteSpace(Region))
        {
            errors.Add("DynamoDbStoreOptions.Region is empty: set an AWS region such as me-central-1 (it is also the signing region for a local endpoint).");
        }
        else if (!RegionRegex().IsMatch(Region))
        {
            errors.Add($"DynamoDbStoreOptions.Region '{Region}' is not an AWS region name: use the system name, e.g. me-central-1 or eu-west-1.");
        }

        var url = ResolveServiceUrl();
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            var source = string.IsNullOrWhiteSpace(ServiceUrl) ? "The variable " + EndpointVariable : "DynamoDbStoreOptions.ServiceUrl";
            errors.Add($"{source} '{url}' is not an absolute http(s) URL: use e.g. http://127.0.0.1:8000 for DynamoDB Local, or leave it unset for the regional AWS endpoint.");
        }

        if (EventRetention <= TimeSpan.Zero)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"DynamoDbStoreOptions.EventRetention is {EventRetention}; it must be positive (default 400 days), or DynamoDB would expire new events at once."));
        }

        if (MaxConnections is < 1 or > 1000)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"DynamoDbStoreOptions.MaxConnections is {MaxConnections}; it must be between 1 and 1000 (default 64)."));
        }

        if (MaxErrorRetry is < 0 or > 20)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"DynamoDbStoreOptions.MaxErrorRetry is {MaxErrorRetry}; it must be between 0 and 20 (default 3)."));
        }

        if (RequestTimeout < TimeSpan.FromSeconds(1) || RequestTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"DynamoDbStoreOptions.RequestTimeout is {RequestTimeout}; it must be between 1 second and 10 minutes (default 30 s)."));
        }

        return errors;
    }

    /// <summary>Throws when the settings are not valid, listing every problem.</summary>
    /// <exception cref="ArgumentException">A setting is not valid; the message lists each problem.</exception>
    public void Validate()
    {
        var errors = GetValidationErrors();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid DynamoDB store settings: " + string.Join(" ", errors));
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9_.-]{3,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableNameRegex();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionRegex();
}
