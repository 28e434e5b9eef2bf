using System;
using System.Net.Http;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace VisionDrive.Parking.Data.DynamoDb.Tests.Writing;

/// <summary>Plugs a <see cref="FaultInjectingHandler"/> into the SDK: <c>AmazonDynamoDBConfig.HttpClientFactory</c> (one HttpClient, kept for the client's life).</summary>
public sealed class FaultInjectingHttpClientFactory : HttpClientFactory
{
    private readonly Lazy<HttpClient> _client;

    private const string SecretKey = "vdplocalsecret";

    public FaultInjectingHttpClientFactory(Func<Fault> choose)
    {
        Handler = new FaultInjectingHandler(new HttpClientHandler(), choose, SecretKey);
        _client = new Lazy<HttpClient>(() => new HttpClient(Handler, disposeHandler: false));
    }

    public FaultInjectingHandler Handler { get; }

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => _client.Value;

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    /// <summary>A client of DynamoDB Local whose BatchWriteItem calls go through the fault injector; the SDK itself does not retry (MaxErrorRetry = 0).</summary>
    public static (AmazonDynamoDBClient Client, FaultInjectingHandler Handler) CreateClient(string serviceUrl, Func<Fault> choose)
    {
        var factory = new FaultInjectingHttpClientFactory(choose);
        var client = new AmazonDynamoDBClient(
            new BasicAWSCredentials("vdplocal", SecretKey),
            new AmazonDynamoDBConfig
            {
                ServiceURL = serviceUrl,
                AuthenticationRegion = "me-central-1",
                MaxErrorRetry = 0,
                HttpClientFactory = factory,
            });
        return (client, factory.Handler);
    }
}
