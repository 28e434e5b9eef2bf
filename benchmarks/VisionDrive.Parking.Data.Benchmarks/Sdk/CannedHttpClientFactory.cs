using System.Net.Http;
using Amazon.Runtime;

namespace VisionDrive.Parking.Data.Benchmarks.Sdk;

/// <summary>Plugs <see cref="CannedResponseHandler"/> into <c>AmazonDynamoDBConfig.HttpClientFactory</c> (as EfficientDynamoDb's benchmarks do).</summary>
public sealed class CannedHttpClientFactory(HttpMessageHandler handler) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}
