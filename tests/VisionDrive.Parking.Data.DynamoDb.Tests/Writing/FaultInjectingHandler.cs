using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace VisionDrive.Parking.Data.DynamoDb.Tests.Writing;

/// <summary>What the handler does to one BatchWriteItem call.</summary>
public enum Fault
{
    None,
    Throttle,
    ServerError500,
    ServiceUnavailable503,
    PartialWrite,
    /// <summary>A 400 ValidationException: not retryable.</summary>
    Rejected,
}

/// <summary>
/// Sits in the AWS SDK's HTTP pipeline (plugged in through <c>AmazonDynamoDBConfig.HttpClientFactory</c>) and injects faults into
/// BatchWriteItem calls only: a 400 ProvisionedThroughputExceededException or a 500/503 without forwarding the request, or a partial write
/// (forwards only the first half of the batch to DynamoDB Local and answers that the rest is <c>UnprocessedItems</c>). Other calls pass.
/// </summary>
public sealed class FaultInjectingHandler : DelegatingHandler
{
    private const string JsonContentType = "application/x-amz-json-1.0";
    private readonly Func<Fault> _choose;
    private int _calls;
    private int _throttled;
    private int _serverErrors;
    private int _partial;
    private int _deferredItems;
    private int _forwardedItems;

    private readonly string _secretKey;

    public FaultInjectingHandler(HttpMessageHandler inner, Func<Fault> choose, string secretKey)
        : base(inner)
    {
        _choose = choose;
        _secretKey = secretKey;
    }

    /// <summary>BatchWriteItem calls seen.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Calls answered with a throttling error.</summary>
    public int Throttled => Volatile.Read(ref _throttled);

    /// <summary>Calls answered with 500 or 503.</summary>
    public int ServerErrors => Volatile.Read(ref _serverErrors);

    /// <summary>Calls answered with part of the batch left unprocessed.</summary>
    public int PartialWrites => Volatile.Read(ref _partial);

    /// <summary>Items returned as unprocessed in all.</summary>
    public int DeferredItems => Volatile.Read(ref _deferredItems);

    /// <summary>Put requests that reached DynamoDB Local.</summary>
    public int ForwardedItems => Volatile.Read(ref _forwardedItems);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Headers.TryGetValues("X-Amz-Target", out var targets) || !string.Join(",", targets).EndsWith(".BatchWriteItem", StringComparison.Ordinal))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        Interlocked.Increment(ref _calls);
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        var root = JsonNode.Parse(body)!.AsObject();
        var requestItems = root["RequestItems"]!.AsObject();
        var fault = _choose();
        switch (fault)
        {
            case Fault.Throttle:
                Interlocked.Increment(ref _throttled);
                return Error(HttpStatusCode.BadRequest, "ProvisionedThroughputExceededException",
                    "The level of configured provisioned throughput for the table was exceeded. (injected)");
            case Fault.ServerError500:
                Interlocked.Increment(ref _serverErrors);
                return Error(HttpStatusCode.InternalServerError, "InternalServerError", "Internal server error (injected)");
            case Fault.ServiceUnavailable503:
                Interlocked.Increment(ref _serverErrors);
                return Error(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "Service unavailable (injected)");
            case Fault.Rejected:
                return Error(HttpStatusCode.BadRequest, "ValidationException", "One or more parameter values were invalid (injected)");
        }

        var (tableName, requests) = Single(requestItems);
        if (fault == Fault.PartialWrite && requests.Count > 1)
        {
            // Forward the first half only, and tell the client the rest was not processed: exactly what DynamoDB does under pressure.
            var keep = requests.Count / 2;
            var forwarded = new JsonArray();
            var deferred = new JsonArray();
            for (var i = 0; i < requests.Count; i++)
            {
                (i < keep ? forwarded : deferred).Add(requests[i]!.DeepClone());
            }

            var forwardedBody = new JsonObject { ["RequestItems"] = new JsonObject { [tableName] = forwarded } };
            if (root["ReturnConsumedCapacity"] is { } rcc)
            {
                forwardedBody["ReturnConsumedCapacity"] = rcc.DeepClone();
            }

            var payload = Encoding.UTF8.GetBytes(forwardedBody.ToJsonString());
            var contentType = request.Content.Headers.ContentType;
            request.Content = new ByteArrayContent(payload);
            request.Content.Headers.ContentType = contentType;
            SigV4Resigner.Resign(request, payload, _secretKey);
            using var real = await base.SendAsync(request, cancellationToken);
            if (!real.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"DynamoDB Local refused the forwarded half batch: {(int)real.StatusCode} {await real.Content.ReadAsStringAsync(cancellationToken)}");
            }

            var answer = JsonNode.Parse(await real.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
            if (answer["UnprocessedItems"] is JsonObject { Count: > 0 })
            {
                throw new InvalidOperationException("DynamoDB Local left items unprocessed on its own; the test cannot tell them apart.");
            }

            Interlocked.Increment(ref _partial);
            Interlocked.Add(ref _deferredItems, deferred.Count);
            Interlocked.Add(ref _forwardedItems, forwarded.Count);
            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = Json(new JsonObject { ["UnprocessedItems"] = new JsonObject { [tableName] = deferred } }.ToJsonString()),
            };
            response.Headers.TryAddWithoutValidation("x-amzn-RequestId", Guid.NewGuid().ToString("N"));
            return response;
        }

        Interlocked.Add(ref _forwardedItems, requests.Count);
        return await base.SendAsync(request, cancellationToken);
    }

    private static (string Table, JsonArray Requests) Single(JsonObject requestItems)
    {
        foreach (var (table, value) in requestItems)
        {
            return (table, value!.AsArray());
        }

        throw new InvalidOperationException("A BatchWriteItem request without RequestItems.");
    }

    private static ByteArrayContent Json(string text)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(JsonContentType);
        return content;
    }

    private static HttpResponseMessage Error(HttpStatusCode status, string type, string message)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = Json(new JsonObject { ["__type"] = "com.amazonaws.dynamodb.v20120810#" + type, ["message"] = message }.ToJsonString()),
        };
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", Guid.NewGuid().ToString("N"));
        return response;
    }
}
