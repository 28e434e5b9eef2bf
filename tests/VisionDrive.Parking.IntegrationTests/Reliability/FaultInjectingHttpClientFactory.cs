using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;

namespace VisionDrive.Parking.IntegrationTests.Reliability;

/// <summary>
/// Plugs <see cref="FaultInjectingHandler"/> into the AWS SDK's HTTP pipeline (<c>AmazonDynamoDBConfig.HttpClientFactory</c>):
/// the real <see cref="HttpClientHandler"/> talks to DynamoDB Local, the injector sits in front of it.
/// </summary>
internal sealed class FaultInjectingHttpClientFactory(FaultInjectingHandler.Rates rates, int seed) : HttpClientFactory
{
    public FaultInjectingHandler Handler { get; } = new(rates, seed) { InnerHandler = new HttpClientHandler() };

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(Handler, disposeHandler: false);

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}

/// <summary>
/// Injects faults into <c>BatchWriteItem</c> calls at fixed rates drawn from a seeded generator: throttling (HTTP 400
/// <c>ProvisionedThroughputExceededException</c>, nothing written), a server error (HTTP 500, nothing written), and a partial
/// write (only the first half of the request is forwarded; the other half comes back as <c>UnprocessedItems</c>, as DynamoDB does).
/// Every other call passes through untouched.
/// </summary>
internal sealed class FaultInjectingHandler(FaultInjectingHandler.Rates rates, int seed) : DelegatingHandler
{
    private readonly Random _random = new(seed);
    private readonly object _gate = new();
    private long _calls;
    private long _throttled;
    private long _serverErrors;
    private long _partial;

    public sealed record Rates(double Throttle, double ServerError, double Partial);

    public long Calls => Interlocked.Read(ref _calls);

    public long Throttled => Interlocked.Read(ref _throttled);

    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    public long Partial => Interlocked.Read(ref _partial);

    public long Injected => Throttled + ServerErrors + Partial;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.Headers.TryGetValues("X-Amz-Target", out var v) ? v.FirstOrDefault() : null;
        if (target is null || !target.EndsWith(".BatchWriteItem", StringComparison.Ordinal))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        Interlocked.Increment(ref _calls);
        double dice;
        lock (_gate)
        {
            dice = _random.NextDouble();
        }

        if (dice < rates.Throttle)
        {
            Interlocked.Increment(ref _throttled);
            return Error(HttpStatusCode.BadRequest, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                "The level of configured provisioned throughput for the table was exceeded (injected).");
        }

        dice -= rates.Throttle;
        if (dice < rates.ServerError)
        {
            Interlocked.Increment(ref _serverErrors);
            return Error(HttpStatusCode.InternalServerError, "com.amazonaws.dynamodb.v20120810#InternalServerError", "Internal server error (injected).");
        }

        dice -= rates.ServerError;
        if (dice < rates.Partial)
        {
            var partial = await ForwardHalfAsync(request, cancellationToken);
            if (partial is not null)
            {
                Interlocked.Increment(ref _partial);
                return partial;
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage?> ForwardHalfAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        var json = JsonNode.Parse(body)!.AsObject();
        var requestItems = json["RequestItems"]!.AsObject();
        var (table, node) = requestItems.Single();
        var writes = node!.AsArray();
        if (writes.Count < 2)
        {
            request.Content = Content(body);
            return null;
        }

        var keep = writes.Count / 2;
        var held = new JsonArray(writes.Skip(keep).Select(w => w!.DeepClone()).ToArray());
        var sent = new JsonArray(writes.Take(keep).Select(w => w!.DeepClone()).ToArray());
        requestItems[table] = sent;
        request.Content = Content(json.ToJsonString());
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return response;
        }

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
        var unprocessed = answer["UnprocessedItems"] as JsonObject ?? new JsonObject();
        var list = unprocessed[table] as JsonArray ?? new JsonArray();
        foreach (var w in held)
        {
            list.Add(w!.DeepClone());
        }

        unprocessed[table] = list.Parent is null ? list : list.DeepClone();
        answer["UnprocessedItems"] = unprocessed.Parent is null ? unprocessed : unprocessed.DeepClone();
        var rewritten = new HttpResponseMessage(HttpStatusCode.OK) { Content = Content(answer.ToJsonString()), RequestMessage = request };
        foreach (var h in response.Headers.Where(h => !h.Key.Equals("x-amz-crc32", StringComparison.OrdinalIgnoreCase)))
        {
            rewritten.Headers.TryAddWithoutValidation(h.Key, h.Value);
        }

        response.Dispose();
        return rewritten;
    }

    private static StringContent Content(string json)
    {
        var c = new StringContent(json, Encoding.UTF8);
        c.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.0");
        return c;
    }

    private static HttpResponseMessage Error(HttpStatusCode status, string type, string message)
    {
        var r = new HttpResponseMessage(status)
        {
            Content = Content(new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString()),
        };
        r.Headers.TryAddWithoutValidation("x-amzn-RequestId", Guid.NewGuid().ToString("N"));
        return r;
    }

    internal static IReadOnlyDictionary<string, long> Summary(FaultInjectingHandler h) => new Dictionary<string, long>
    {
        ["calls"] = h.Calls, ["throttled"] = h.Throttled, ["serverErrors"] = h.ServerErrors, ["partial"] = h.Partial,
    };
}
