using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using VisionDrive.Parking.Data.DynamoDb.Mapping;

namespace VisionDrive.Parking.Data.Benchmarks.Mapping;

/// <summary>
/// A jsonb document (200 B, 4 KB, 64 KB) to an <see cref="AttributeValue"/> map and back.
/// Baseline: the SDK's <c>Document.FromJson(..).ToAttributeMap()</c> / <c>Document.FromAttributeMap(..).ToJson()</c> (<c>.Document.cs</c>).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public partial class JsonConversionBenchmarks
{
    private string _json = null!;
    private JsonText _jsonText = null!;
    private AttributeValue _value = null!;

    [Params(200, 4096, 65536)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _json = Samples.JsonOfSize(Bytes);
        _jsonText = JsonText.Parse(_json);
        _value = JsonAttributeConverter.ToAttributeValue(_jsonText);
    }

    [Benchmark(Description = "Ours"), BenchmarkCategory("JSON→AttributeValue")]
    public AttributeValue ToAttributeValue_Ours() => JsonAttributeConverter.ToAttributeValue(_jsonText);

    [Benchmark(Description = "Ours"), BenchmarkCategory("AttributeValue→JSON")]
    public JsonText ToJson_Ours() => JsonAttributeConverter.ToJsonText(_value);
}
