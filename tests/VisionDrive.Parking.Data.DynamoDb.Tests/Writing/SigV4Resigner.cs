using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;

namespace VisionDrive.Parking.Data.DynamoDb.Tests.Writing;

/// <summary>
/// Signs a request again (AWS Signature Version 4) after its body was changed, with the headers, date and scope of the SDK's own signature:
/// DynamoDB Local checks the payload hash, so a forwarded half batch needs a fresh signature. Test credentials only.
/// </summary>
internal static class SigV4Resigner
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    public static void Resign(HttpRequestMessage request, byte[] payload, string secretKey)
    {
        var authorization = request.Headers.TryGetValues("Authorization", out var values)
            ? string.Join(",", values)
            : throw new InvalidOperationException("The request is not signed.");
        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The request is not signed with " + Algorithm + ".");
        }

        var parts = authorization[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var credential = parts["Credential"];
        var scope = credential[(credential.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var scopeParts = scope.Split('/');
        var signedHeaders = parts["SignedHeaders"];
        var amzDate = Header(request, "x-amz-date");
        if (request.Headers.Remove("X-Amz-Content-SHA256"))
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Content-SHA256", Hex(SHA256.HashData(payload)));
        }

        var canonicalHeaders = new StringBuilder();
        foreach (var name in signedHeaders.Split(';'))
        {
            var value = name switch
            {
                "host" => request.Headers.Host ?? request.RequestUri!.Authority,
                "content-length" => payload.Length.ToString(CultureInfo.InvariantCulture),
                _ => Header(request, name),
            };
            canonicalHeaders.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }

        var canonicalRequest = string.Join('\n',
            request.Method.Method,
            string.IsNullOrEmpty(request.RequestUri!.AbsolutePath) ? "/" : request.RequestUri.AbsolutePath,
            request.RequestUri.Query.TrimStart('?'),
            canonicalHeaders.ToString(),
            signedHeaders,
            Hex(SHA256.HashData(payload)));
        var stringToSign = string.Join('\n', Algorithm, amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), scopeParts[0]);
        key = Hmac(key, scopeParts[1]);
        key = Hmac(key, scopeParts[2]);
        key = Hmac(key, scopeParts[3]);
        var signature = Hex(Hmac(key, stringToSign));

        // The payload hash header is signed too: set it before computing the canonical headers.
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", $"{Algorithm} Credential={credential}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    private static string Header(HttpRequestMessage request, string name)
    {
        if (request.Headers.TryGetValues(name, out var values) || (request.Content is not null && request.Content.Headers.TryGetValues(name, out values)))
        {
            return string.Join(",", values);
        }

        throw new InvalidOperationException($"Signed header {name} is not on the request.");
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
