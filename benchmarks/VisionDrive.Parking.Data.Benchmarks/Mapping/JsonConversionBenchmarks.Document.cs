using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;

namespace VisionDrive.Parking.Data.Benchmarks.Mapping;

/// <content>Baseline: the SDK's Document model JSON support.</content>
public partial class JsonConversionBenchmarks
{
    [Benchmark(Baseline = true, Description = "SDK Document"), BenchmarkCategory("JSON→AttributeValue")]
    public AttributeValue ToAttributeValue_Document() => new() { M = Document.FromJson(_json).ToAttributeMap() };

    [Benchmark(Baseline = true, Description = "SDK Document"), BenchmarkCategory("AttributeValue→JSON")]
    public string ToJson_Document() => Document.FromAttributeMap(_value.M).ToJson();
}
