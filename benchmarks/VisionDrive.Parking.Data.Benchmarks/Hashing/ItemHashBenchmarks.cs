using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;
using VisionDrive.Parking.Data.DynamoDb.Hashing;
using VisionDrive.Parking.Data.DynamoDb.Mapping;

namespace VisionDrive.Parking.Data.Benchmarks.Hashing;

/// <summary>
/// The canonical item hash (<see cref="ItemHash"/>) of an event and of a bay item. Baseline: SHA-256 over the SDK's
/// <c>Document.ToJson()</c> of the item — what one writes without a canonical encoding (and not order- or spelling-independent).
/// </summary>
[MemoryDiagnoser]
public class ItemHashBenchmarks
{
    private Dictionary<string, AttributeValue> _item = null!;

    [Params("event", "bay")]
    public string Item { get; set; } = "event";

    [GlobalSetup]
    public void Setup() =>
        _item = Item == "event" ? ParkingItemMapper.ToItem(Samples.Event()) : ParkingItemMapper.ToItem(Samples.Bay());

    [Benchmark(Baseline = true, Description = "SHA-256 of SDK ToJson")]
    public byte[] Sha256OfJson() => SHA256.HashData(Encoding.UTF8.GetBytes(Document.FromAttributeMap(_item).ToJson()));

    [Benchmark(Description = "Ours: ItemHash.Compute")]
    public UInt128 Ours() => ItemHash.Compute(_item);
}
