using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using VisionDrive.Parking.Data.DynamoDb;
using VisionDrive.Parking.Data.DynamoDb.Mapping;
using VisionDrive.Parking.Data.DynamoDb.Writing;

namespace VisionDrive.Parking.Data.Benchmarks.Sdk;

/// <summary>
/// The SDK's request path without network noise: a real <see cref="AmazonDynamoDBClient"/> (signing, JSON marshalling and
/// unmarshalling, retry pipeline) whose HTTP client answers from memory. BatchWriteItem of 25 event items and a Query returning
/// 50 events. Baseline: the raw SDK call (<c>.RawSdk.cs</c>); ours (<c>.Ours.cs</c>): <see cref="DynamoDbBatchWriter"/> and
/// <see cref="DynamoDbParkingStore"/>, so the Ratio column is the library's overhead on top of the SDK.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public partial class SdkRequestPathBenchmarks
{
    private const string Table = "VisionDrive-Parking";
    private const int BatchSize = 25;
    private const int PageSize = 50;

    private AmazonDynamoDBClient _client = null!;
    private List<SensorEvent> _events = null!;
    private List<Dictionary<string, AttributeValue>> _items = null!;
    private DynamoDbBatchWriter _writer = null!;
    private DynamoDbParkingStore _store = null!;
    private TimeRange _range;

    [GlobalSetup]
    public void Setup()
    {
        var baseEvent = Samples.Event();
        _events = Enumerable.Range(0, Math.Max(BatchSize, PageSize))
            .Select(i => baseEvent with { Id = $"evt-{i:D6}", Time = baseEvent.Time.AddSeconds(-i * 37) })
            .ToList();
        _items = _events.Take(BatchSize).Select(e => ParkingItemMapper.ToItem(e)).ToList();
        var queryBody = DynamoDbJsonWriter.QueryResponse(_events.Take(PageSize).Select(e => ParkingItemMapper.ToItem(e)));
        var handler = new CannedResponseHandler(new Dictionary<string, byte[]>
        {
            ["BatchWriteItem"] = """{"UnprocessedItems":{}}"""u8.ToArray(),
            ["Query"] = queryBody,
        });
        _client = new AmazonDynamoDBClient(
            new BasicAWSCredentials("bench", "bench"),
            new AmazonDynamoDBConfig
            {
                ServiceURL = "http://127.0.0.1:8000",
                AuthenticationRegion = "me-central-1",
                HttpClientFactory = new CannedHttpClientFactory(handler),
                MaxErrorRetry = 0,
            });
        _writer = new DynamoDbBatchWriter(_client, Table);
        _store = new DynamoDbParkingStore(_client, new DynamoDbStoreOptions { TableName = Table });
        _range = new TimeRange(baseEvent.Time.AddDays(-1), baseEvent.Time.AddDays(1));
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();
}
