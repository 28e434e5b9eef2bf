using System.Collections.Generic;
using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;
using VisionDrive.Parking.Data.DynamoDb.Mapping;

namespace VisionDrive.Parking.Data.Benchmarks.Mapping;

/// <content>Ours: <see cref="ParkingItemMapper"/> (keys built, decoded JSON parsed and converted, limits checked).</content>
public partial class ItemMappingBenchmarks
{
    [Benchmark(Description = "Ours"), BenchmarkCategory("Event→item")]
    public Dictionary<string, AttributeValue> EventToItem_Ours() => ParkingItemMapper.ToItem(_event);

    [Benchmark(Description = "Ours"), BenchmarkCategory("Item→event")]
    public SensorEvent ItemToEvent_Ours() => ParkingItemMapper.ToSensorEvent(_eventItem);

    [Benchmark(Description = "Ours"), BenchmarkCategory("Bay→item")]
    public Dictionary<string, AttributeValue> BayToItem_Ours() => ParkingItemMapper.ToItem(_bay);

    [Benchmark(Description = "Ours"), BenchmarkCategory("Item→bay")]
    public Bay ItemToBay_Ours() => ParkingItemMapper.ToBay(_bayItem);
}
