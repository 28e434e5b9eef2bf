using System.Collections.Generic;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;

namespace VisionDrive.Parking.Data.Benchmarks.Mapping;

/// <content>
/// Baseline: the SDK's object persistence model. The POCO already holds its keys and a typed payload (no key building, no JSON parsing),
/// so this side does strictly less work than ours.
/// </content>
public partial class ItemMappingBenchmarks
{
    [Benchmark(Baseline = true, Description = "DynamoDBContext"), BenchmarkCategory("Event→item")]
    public Dictionary<string, AttributeValue> EventToItem_DynamoDBContext() => _context.ToDocument(_eventRecord).ToAttributeMap();

    [Benchmark(Baseline = true, Description = "DynamoDBContext"), BenchmarkCategory("Item→event")]
    public EventRecord ItemToEvent_DynamoDBContext() => _context.FromDocument<EventRecord>(Document.FromAttributeMap(_eventItem));

    [Benchmark(Baseline = true, Description = "DynamoDBContext"), BenchmarkCategory("Bay→item")]
    public Dictionary<string, AttributeValue> BayToItem_DynamoDBContext() => _context.ToDocument(_bayRecord).ToAttributeMap();

    [Benchmark(Baseline = true, Description = "DynamoDBContext"), BenchmarkCategory("Item→bay")]
    public BayRecord ItemToBay_DynamoDBContext() => _context.FromDocument<BayRecord>(Document.FromAttributeMap(_bayItem));
}
