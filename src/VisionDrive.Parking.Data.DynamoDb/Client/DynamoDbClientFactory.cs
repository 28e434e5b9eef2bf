using Amazon;
using Amazon.Runtime;

namespace VisionDrive.Parking.Data.DynamoDb.Client;

/// <summary>
/// Builds the <see cref="AmazonDynamoDBClient"/> the store uses, the standard way: credentials from the SDK's default chain (environment,
/// shared profile, SSO, container or instance role), region from <see cref="DynamoDbStoreOptions.Region"/>, endpoint from
/// <see cref="DynamoDbStoreOptions.ServiceUrl"/> or the standard <c>AWS_ENDPOINT_URL_DYNAMODB</c> variable, and HTTP settings for bulk work
/// (<see cref="DynamoDbStoreOptions.MaxConnections"/> connections, standard retry mode, <see cref="DynamoDbStoreOptions.RequestTimeout"/>).
/// Every client of the library and of <c>vdp</c> is built here. A client for bulk work, whose caller retries with <see cref="DynamoDbRetry"/>
/// (the batch writer, the migration engine), sets <see cref="DynamoDbStoreOptions.MaxErrorRetry"/> to 0 so that only one layer retries.
/// </summary>
public static class DynamoDbClientFactory
{
    /// <summary>Builds the client configuration from the options (useful to add an <c>HttpClientFactory</c> before creating the client).</summary>
    /// <param name="options">The options; validated first.</param>
    /// <returns>A new configuration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are not valid; the message lists each problem.</exception>
    public static AmazonDynamoDBConfig CreateConfig(DynamoDbStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var config = new AmazonDynamoDBConfig
        {
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = options.MaxErrorRetry,
            MaxConnectionsPerServer = options.MaxConnections,
            Timeout = options.RequestTimeout,
        };

        var url = options.ResolveServiceUrl();
        if (url is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            // ServiceURL and RegionEndpoint are exclusive; the region still signs the requests.
            config.ServiceURL = url;
            config.AuthenticationRegion = options.Region;
        }

        return config;
    }

    /// <summary>Builds a client with the default credentials chain. The caller owns (disposes) it.</summary>
    /// <param name="options">The options; validated first.</param>
    /// <returns>A new client.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are not valid; the message lists each problem.</exception>
    public static AmazonDynamoDBClient Create(DynamoDbStoreOptions options) => new(CreateConfig(options));
}
