using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using VisionDrive.Parking.Data.Keys;

namespace VisionDrive.Parking.Data.Benchmarks.Keys;

/// <summary>
/// Building an event's keys (PK, SK, GSI1PK) and parsing a primary key back. Baseline: the obvious string code
/// (<c>Replace</c> for escaping, <c>ToString(format)</c>, <c>Split</c> and <c>ParseExact</c>) in <c>KeyBenchmarks.Naive.cs</c>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public partial class KeyBenchmarks
{
    private readonly SensorEvent _event = Samples.Event();
    private string _pk = null!;
    private string _sk = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pk = ParkingKeys.Sensor(_event.SensorId);
        _sk = ParkingKeys.EventSort(_event.Time, _event.Id);
    }

    [Benchmark(Description = "Ours"), BenchmarkCategory("Build event keys")]
    public (string, string, string) Build_Ours() =>
        (ParkingKeys.Sensor(_event.SensorId), ParkingKeys.EventSort(_event.Time, _event.Id), ParkingKeys.TenantEventsDay(_event.TenantId, _event.Time));

    [Benchmark(Description = "Ours"), BenchmarkCategory("Parse event key")]
    public object? Parse_Ours() // an internal ParsedKey, boxed: the benchmark reaches it through InternalsVisibleTo
    {
        ParkingKeys.TryParse(_pk, _sk, out var key);
        return key;
    }
}
