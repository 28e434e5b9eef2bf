using System.Collections.Generic;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using VisionDrive.Parking.Data.Benchmarks.Sdk;

namespace VisionDrive.Parking.Migration.MacroBenchmark;

/// <summary>
/// The instant sink: a real <see cref="AmazonDynamoDBClient"/> (marshalling, SigV4 signing, the SDK's pipeline) whose
/// <c>HttpClientFactory</c> answers every BatchWriteItem at once with an empty <c>UnprocessedItems</c> (the micro benchmarks' handler).
/// </summary>
internal static class Sink
{
    public static AmazonDynamoDBClient Client()
    {
        var handler = new CannedResponseHandler(new Dictionary<string, byte[]>
        {
            ["BatchWriteItem"] = Encoding.UTF8.GetBytes("{\"UnprocessedItems\":{}}"),
        });
        return new AmazonDynamoDBClient(
            new BasicAWSCredentials("bench", "bench"),
            new AmazonDynamoDBConfig
            {
                ServiceURL = "http://instant-sink.invalid",
                AuthenticationRegion = "me-central-1",
                MaxErrorRetry = 0,
                HttpClientFactory = new CannedHttpClientFactory(handler),
            });
    }
}
