using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using VisionDrive.Parking.Data.DynamoDb.Writing;

namespace VisionDrive.Parking.Data.Benchmarks.Sdk;

/// <content>Ours: the batch writer and the store's events-of-sensor query (items mapped to entities, continuation token built).</content>
public partial class SdkRequestPathBenchmarks
{
    [Benchmark(Description = "DynamoDbBatchWriter.WriteBatchAsync"), BenchmarkCategory("BatchWriteItem ×25")]
    public Task<BatchWriteStats> BatchWrite_Ours() => _writer.WriteBatchAsync(_items);

    [Benchmark(Description = "DynamoDbParkingStore.ListSensorEventsAsync"), BenchmarkCategory("Query 50 events")]
    public Task<Page<SensorEvent>> Query_OursStore() => _store.ListSensorEventsAsync("PSL01B-001", _range, new PageRequest(PageSize));
}
