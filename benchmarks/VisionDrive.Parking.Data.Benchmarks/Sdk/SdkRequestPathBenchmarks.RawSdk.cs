using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;
using VisionDrive.Parking.Data.DynamoDb.Mapping;
using VisionDrive.Parking.Data.Keys;

namespace VisionDrive.Parking.Data.Benchmarks.Sdk;

/// <content>Baseline: the raw SDK calls.</content>
public partial class SdkRequestPathBenchmarks
{
    [Benchmark(Baseline = true, Description = "Raw SDK BatchWriteItem"), BenchmarkCategory("BatchWriteItem ×25")]
    public Task<BatchWriteItemResponse> BatchWrite_RawSdk()
    {
        var requests = new List<WriteRequest>(_items.Count);
        foreach (var item in _items)
        {
            requests.Add(new WriteRequest { PutRequest = new PutRequest { Item = item } });
        }

        return _client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [Table] = requests } });
    }

    [Benchmark(Baseline = true, Description = "Raw SDK Query"), BenchmarkCategory("Query 50 events")]
    public Task<QueryResponse> Query_RawSdk() => _client.QueryAsync(NewQuery());

    [Benchmark(Description = "Raw SDK Query + ParkingItemMapper"), BenchmarkCategory("Query 50 events")]
    public async Task<List<SensorEvent>> Query_RawSdkAndMapper()
    {
        var response = await _client.QueryAsync(NewQuery());
        var events = new List<SensorEvent>(response.Items.Count);
        foreach (var item in response.Items)
        {
            events.Add(ParkingItemMapper.ToSensorEvent(item));
        }

        return events;
    }

    private QueryRequest NewQuery() => new()
    {
        TableName = Table,
        KeyConditionExpression = "PK = :pk AND SK BETWEEN :from AND :to",
        ExpressionAttributeValues = new()
        {
            [":pk"] = new AttributeValue { S = ParkingKeys.Sensor("PSL01B-001") },
            [":from"] = new AttributeValue { S = ParkingKeys.EventSortBound(_range.From) },
            [":to"] = new AttributeValue { S = ParkingKeys.EventSortBound(_range.To) },
        },
        ScanIndexForward = false,
        Limit = PageSize + 1,
    };
}
