using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace VisionDrive.Parking.IntegrationTests.Import;

/// <summary>
/// DynamoDB answering from canned responses, for the operations no local emulator implements (ImportTable, DescribeImport). The bodies are
/// constructed from the DynamoDB API reference (ImportTable / DescribeImport response syntax), not recorded from AWS. Each operation has a
/// queue of answers (the last one repeats); every request is kept with its JSON body, so a test can check what the SDK sent.
/// </summary>
internal sealed class CannedDynamoDb : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/x-amz-json-1.0");
    private readonly ConcurrentDictionary<string, Queue<string>> _answers = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Operation, string Body)> Requests { get; } = new();

    public CannedDynamoDb Answer(string operation, params string[] bodies)
    {
        _answers[operation] = new Queue<string>(bodies);
        return this;
    }

    public int Count(string operation) => Requests.Count(r => r.Operation == operation);

    public AmazonDynamoDBClient Client() =>
        new(new BasicAWSCredentials("canned", "canned"), new AmazonDynamoDBConfig
        {
            RegionEndpoint = RegionEndpoint.MECentral1,
            HttpClientFactory = new Factory(this),
            MaxErrorRetry = 0,
        });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : "";
        var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((operation, body));
        if (!_answers.TryGetValue(operation, out var queue) || queue.Count == 0)
        {
            throw new InvalidOperationException($"No canned response for {operation}.");
        }

        var answer = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
        var content = new StringContent(answer);
        content.Headers.ContentType = JsonType;
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        response.Headers.Add("x-amzn-RequestId", "CANNED00000000000000000000000000000000000000000000000");
        return response;
    }

    private sealed class Factory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}
