using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;

namespace VisionDrive.Parking.Samples.Tests.Security;

/// <summary>
/// One DynamoDB request as IAM authorizes it: the operation on the wire (<c>X-Amz-Target: DynamoDB_20120810.&lt;Operation&gt;</c>), the IAM
/// action it needs on one resource (<c>dynamodb:&lt;Action&gt;</c>: the operation itself, or for a transaction each item's underlying
/// action), the table the request names (<see langword="null"/> when it names none: such calls need <c>Resource: "*"</c>), the index it
/// names, and the HTTP status of the answer (0 when none came). IAM evaluates the request, whatever the answer (a failed condition is
/// still an authorized UpdateItem), so every request counts.
/// </summary>
public sealed record DynamoDbCall(string Operation, string Action, string? Table, string? Index, int Status);

/// <summary>
/// Plugs <see cref="RecordingHandler"/> into the AWS SDK's HTTP pipeline (<c>AmazonDynamoDBConfig.HttpClientFactory</c>), the pattern of the
/// integration tests' fault-injecting factory: the real <see cref="HttpClientHandler"/> talks to DynamoDB Local, the recorder sits in front.
/// </summary>
public sealed class RecordingHttpClientFactory : HttpClientFactory
{
    public RecordingHandler Handler { get; } = new() { InnerHandler = new HttpClientHandler() };

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(Handler, disposeHandler: false);

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}

/// <summary>
/// Reads each request's <c>X-Amz-Target</c> header and the JSON body's <c>TableName</c> / <c>IndexName</c> (and the tables inside
/// <c>RequestItems</c> of the batch calls and <c>TransactItems</c> of the transactions), records them, then forwards the request unchanged.
/// </summary>
public sealed class RecordingHandler : DelegatingHandler
{
    private const string TargetPrefix = "DynamoDB_20120810.";

    private readonly ConcurrentQueue<DynamoDbCall> _calls = new();

    /// <summary>Every call so far, in the order the requests completed.</summary>
    public IReadOnlyList<DynamoDbCall> Calls => _calls.ToArray();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.FirstOrDefault() : null;
        var operation = target is null
            ? $"(no X-Amz-Target: {request.Method} {request.RequestUri?.AbsolutePath})"
            : target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : target;
        byte[] body = [];
        if (request.Content is not null)
        {
            // Read the body once and send an identical copy (the signature covers the bytes, which do not change).
            body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var copy = new ByteArrayContent(body);
            foreach (var header in request.Content.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            request.Content = copy;
        }

        var resources = Resources(operation, body);
        var status = 0;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            return response;
        }
        finally
        {
            foreach (var (action, table, index) in resources)
            {
                _calls.Enqueue(new DynamoDbCall(operation, action, table, index, status));
            }
        }
    }

    /// <summary>The (IAM action, table, index) triples a request needs.</summary>
    internal static List<(string Action, string? Table, string? Index)> Resources(string operation, byte[] body)
    {
        var found = new List<(string, string?, string?)>();
        if (body.Length == 0)
        {
            found.Add((operation, null, null));
            return found;
        }

        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        if (root.TryGetProperty("RequestItems", out var requestItems) && requestItems.ValueKind == JsonValueKind.Object)
        {
            // BatchWriteItem, BatchGetItem: the action is the batch operation, on each table named.
            found.AddRange(requestItems.EnumerateObject().Select(t => (operation, (string?)t.Name, (string?)null)));
        }
        else if (root.TryGetProperty("TransactItems", out var transactItems) && transactItems.ValueKind == JsonValueKind.Array)
        {
            // TransactWriteItems, TransactGetItems: IAM checks each item's underlying action on its table.
            foreach (var item in transactItems.EnumerateArray())
            {
                foreach (var part in item.EnumerateObject())
                {
                    var action = part.Name switch
                    {
                        "Put" => "PutItem",
                        "Update" => "UpdateItem",
                        "Delete" => "DeleteItem",
                        "ConditionCheck" => "ConditionCheckItem",
                        "Get" => "GetItem",
                        _ => operation + "." + part.Name,
                    };
                    found.Add((action, TableOf(part.Value), null));
                }
            }
        }
        else
        {
            var index = root.TryGetProperty("IndexName", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            found.Add((operation, TableOf(root), index));
        }

        return found;
    }

    private static string? TableOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("TableName", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
}
