using System.IO;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using VisionDrive.Parking.Data.DynamoDb.Client;

namespace VisionDrive.Parking.Cutover.Replication;

/// <summary>
/// The four DynamoDB Streams calls the stream applier needs (DescribeStream, GetShardIterator, GetRecords; the stream ARN comes from
/// DescribeTable), over the service's JSON protocol with Signature Version 4. The SDK's streams client is a package of its own in AWS SDK v4
/// (AWSSDK.DynamoDBStreams) that this library does not take a dependency on for four calls. Endpoint, region and credentials are
/// those of <see cref="DynamoDbClientFactory"/> for the same options, so it points at DynamoDB Local (which serves the streams API on the
/// same URL) exactly when the table client does. Thread-safe.
/// </summary>
internal sealed class DynamoDbStreamsClient : IDisposable
{
    private const string TargetPrefix = "DynamoDBStreams_20120810.";
    private const string ContentType = "application/x-amz-json-1.0";
    private const string SigningService = "dynamodb";

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _region;
    private readonly AWSCredentials _credentials;
    private readonly TimeProvider _clock;

    public DynamoDbStreamsClient(Uri endpoint, string region, AWSCredentials credentials, TimeSpan timeout, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentNullException.ThrowIfNull(credentials);
        _endpoint = endpoint;
        _region = region;
        _credentials = credentials;
        _clock = timeProvider ?? TimeProvider.System;
        _http = new HttpClient { Timeout = timeout };
    }

    /// <summary>The client for the table client's endpoint, region and default credentials chain (see <see cref="DynamoDbClientFactory.CreateConfig"/>).</summary>
    public static DynamoDbStreamsClient Create(DynamoDbStoreOptions options, AWSCredentials? credentials = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = DynamoDbClientFactory.CreateConfig(options);
        var endpoint = config.ServiceURL is { Length: > 0 } url
            ? new Uri(url)
            : new Uri($"https://streams.dynamodb.{options.Region}.amazonaws.com/");
        credentials ??= config.DefaultAWSCredentials ?? DefaultAWSCredentialsIdentityResolver.GetCredentials(config);
        return new DynamoDbStreamsClient(endpoint, options.Region, credentials, options.RequestTimeout, timeProvider);
    }

    /// <summary>Every shard of the stream (DescribeStream, paged).</summary>
    public async Task<List<StreamShard>> ListShardsAsync(string streamArn, CancellationToken cancellationToken)
    {
        var shards = new List<StreamShard>();
        string? start = null;
        do
        {
            using var doc = await CallAsync("DescribeStream", w =>
            {
                w.WriteString("StreamArn", streamArn);
                if (start is not null)
                {
                    w.WriteString("ExclusiveStartShardId", start);
                }
            }, cancellationToken).ConfigureAwait(false);
            var description = doc.RootElement.GetProperty("StreamDescription");
            if (description.TryGetProperty("Shards", out var list))
            {
                foreach (var s in list.EnumerateArray())
                {
                    var range = s.TryGetProperty("SequenceNumberRange", out var r) ? r : default;
                    shards.Add(new StreamShard(
                        s.GetProperty("ShardId").GetString()!,
                        s.TryGetProperty("ParentShardId", out var p) ? p.GetString() : null,
                        range.ValueKind == JsonValueKind.Object && range.TryGetProperty("EndingSequenceNumber", out var end) ? end.GetString() : null));
                }
            }

            start = description.TryGetProperty("LastEvaluatedShardId", out var last) ? last.GetString() : null;
        }
        while (start is not null);
        return shards;
    }

    /// <summary>An iterator after <paramref name="afterSequenceNumber"/>, or at the oldest record kept (TRIM_HORIZON) when it is null.</summary>
    public async Task<string?> GetShardIteratorAsync(string streamArn, string shardId, string? afterSequenceNumber, CancellationToken cancellationToken)
    {
        using var doc = await CallAsync("GetShardIterator", w =>
        {
            w.WriteString("StreamArn", streamArn);
            w.WriteString("ShardId", shardId);
            w.WriteString("ShardIteratorType", afterSequenceNumber is null ? "TRIM_HORIZON" : "AFTER_SEQUENCE_NUMBER");
            if (afterSequenceNumber is not null)
            {
                w.WriteString("SequenceNumber", afterSequenceNumber);
            }
        }, cancellationToken).ConfigureAwait(false);
        return doc.RootElement.TryGetProperty("ShardIterator", out var it) ? it.GetString() : null;
    }

    /// <summary>Up to <paramref name="limit"/> records from <paramref name="shardIterator"/>; the next iterator is null when the shard is closed and read to its end.</summary>
    public async Task<(List<StreamChange> Records, string? NextShardIterator)> GetRecordsAsync(string shardIterator, int limit, CancellationToken cancellationToken)
    {
        using var doc = await CallAsync("GetRecords", w =>
        {
            w.WriteString("ShardIterator", shardIterator);
            w.WriteNumber("Limit", limit);
        }, cancellationToken).ConfigureAwait(false);
        var records = new List<StreamChange>();
        if (doc.RootElement.TryGetProperty("Records", out var list))
        {
            foreach (var r in list.EnumerateArray())
            {
                var d = r.GetProperty("dynamodb");
                records.Add(new StreamChange(
                    r.GetProperty("eventName").GetString()!,
                    d.GetProperty("SequenceNumber").GetString()!,
                    d.TryGetProperty("Keys", out var k) ? AttributeValueJson.ReadItem(k) : [],
                    d.TryGetProperty("NewImage", out var n) ? AttributeValueJson.ReadItem(n) : null,
                    d.TryGetProperty("OldImage", out var o) ? AttributeValueJson.ReadItem(o) : null));
            }
        }

        var next = doc.RootElement.TryGetProperty("NextShardIterator", out var ni) && ni.ValueKind == JsonValueKind.String ? ni.GetString() : null;
        return (records, next);
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonDocument> CallAsync(string operation, Action<Utf8JsonWriter> body, CancellationToken cancellationToken)
    {
        byte[] payload;
        using (var buffer = new MemoryStream())
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                body(writer);
                writer.WriteEndObject();
            }

            payload = buffer.ToArray();
        }

        var identity = await _credentials.GetCredentialsAsync().ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        Sign(request, TargetPrefix + operation, payload, identity, _clock.GetUtcNow());
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            string? type = null;
            string? message = null;
            try
            {
                using var error = JsonDocument.Parse(text);
                type = error.RootElement.TryGetProperty("__type", out var t) ? t.GetString() : null;
                message = error.RootElement.TryGetProperty("message", out var m) ? m.GetString()
                    : error.RootElement.TryGetProperty("Message", out var m2) ? m2.GetString() : null;
            }
            catch (JsonException)
            {
                message = Encoding.UTF8.GetString(text);
            }

            var code = type is null ? "HTTP" + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) : type[(type.LastIndexOf('#') + 1)..];
            throw new DynamoDbStreamsException(code, $"DynamoDB Streams {operation} at {_endpoint} failed: {code}: {message}");
        }

        return JsonDocument.Parse(text);
    }

    /// <summary>Signature Version 4 of a JSON POST to <c>/</c>: headers content-type, host, x-amz-date, x-amz-target (and the session token).</summary>
    private void Sign(HttpRequestMessage request, string target, byte[] payload, ImmutableCredentials identity, DateTimeOffset now)
    {
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = amzDate[..8];
        var host = _endpoint.IsDefaultPort ? _endpoint.Host : _endpoint.Host + ":" + _endpoint.Port.ToString(CultureInfo.InvariantCulture);
        var path = string.IsNullOrEmpty(_endpoint.AbsolutePath) ? "/" : _endpoint.AbsolutePath;
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = ContentType,
            ["host"] = host,
            ["x-amz-date"] = amzDate,
            ["x-amz-target"] = target,
        };
        if (identity.UseToken)
        {
            headers["x-amz-security-token"] = identity.Token;
        }

        var canonicalHeaders = new StringBuilder();
        foreach (var (name, value) in headers)
        {
            canonicalHeaders.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }

        var signedHeaders = string.Join(';', headers.Keys);
        var canonical = $"POST\n{path}\n\n{canonicalHeaders}\n{signedHeaders}\n{Hex(SHA256.HashData(payload))}";
        var scope = $"{day}/{_region}/{SigningService}/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + identity.SecretKey), day);
        key = Hmac(key, _region);
        key = Hmac(key, SigningService);
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, toSign));

        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        if (identity.UseToken)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", identity.Token);
        }

        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={identity.AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}

/// <summary>A shard of a stream; <see cref="EndingSequenceNumber"/> is set once the shard is closed (no new records).</summary>
internal sealed record StreamShard(string ShardId, string? ParentShardId, string? EndingSequenceNumber);

/// <summary>One stream record: INSERT, MODIFY or REMOVE of the item with <see cref="Keys"/>, and its images.</summary>
internal sealed record StreamChange(
    string EventName, string SequenceNumber, Dictionary<string, AttributeValue> Keys, Dictionary<string, AttributeValue>? NewImage, Dictionary<string, AttributeValue>? OldImage);

/// <summary>A DynamoDB Streams call failed; <see cref="Code"/> is the service's error type (e.g. <c>TrimmedDataAccessException</c>, <c>ExpiredIteratorException</c>).</summary>
internal sealed class DynamoDbStreamsException : Exception
{
    public DynamoDbStreamsException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public string Code { get; }
}
