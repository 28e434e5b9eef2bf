using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace VisionDrive.Parking.Data.Benchmarks.Sdk;

/// <summary>
/// Answers every DynamoDB request with a canned JSON body chosen by the <c>X-Amz-Target</c> operation, without a network.
/// The request body is read (the SDK serialised it), the way a socket would consume it.
/// </summary>
public sealed class CannedResponseHandler(IReadOnlyDictionary<string, byte[]> bodies) : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/x-amz-json-1.0");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : "";
        var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(System.IO.Stream.Null, cancellationToken);
        }

        if (!bodies.TryGetValue(operation, out var body))
        {
            throw new InvalidOperationException($"No canned response for {operation}.");
        }

        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonType;
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        response.Headers.Add("x-amzn-RequestId", "BENCHMARK0000000000000000000000000000000000000000000");
        return response;
    }
}
