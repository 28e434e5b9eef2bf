using VisionDrive.Parking.TestSupport;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data.DynamoDb.Hashing;
using VisionDrive.Parking.Data.DynamoDb.Mapping;

namespace VisionDrive.Parking.Data.DynamoDb.Tests;

/// <summary>Items written with PutItem and read back with GetItem (consistent read) from DynamoDB Local.</summary>
public class MappingRoundTripTests(MappingTableFixture table) : IClassFixture<MappingTableFixture>
{
    public static TheoryData<string> EntityNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Entities.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    private static Dictionary<string, object> Entities { get; } = new()
    {
        ["tenant"] = EntitySamples.Tenant(),
        ["site"] = EntitySamples.Site(),
        ["site (all optional columns null)"] = EntitySamples.SiteMinimal(),
        ["zone"] = EntitySamples.Zone(),
        ["zone (no tariff)"] = EntitySamples.ZoneMinimal(),
        ["bay"] = EntitySamples.Bay(),
        ["bay (no sensor, no coordinates)"] = EntitySamples.BayMinimal(),
        ["sensor"] = EntitySamples.Sensor(),
        ["sensor (in stock)"] = EntitySamples.SensorMinimal(),
        ["event"] = EntitySamples.Event(),
        ["event (no payload)"] = EntitySamples.EventMinimal(),
        ["alert"] = EntitySamples.Alert(),
        ["alert (no zone, no sensor)"] = EntitySamples.AlertMinimal(),
        ["escaped ids"] = EntitySamples.Bay() with { Id = "b#1%23", ZoneId = "z#%", Code = "A#1" },
        ["odd json"] = EntitySamples.Event() with
        {
            Id = "ev-json",
            Decoded = JsonText.Parse("""{"s": "", "u": "Dubaï 🚗 \"q\"", "n": [10.50, 1e2, -0.000120, 1E-130, 9.9999999999999999999999999999999999999E+125, 12345678901234567890.123456789], "e": {"a": [], "b": {}, "c": [null, true, false]}}"""),
        },
    };

    [Theory]
    [MemberData(nameof(EntityNames))]
    public async Task Every_entity_type_written_and_read_back_is_equal_as_entity_as_attributes_and_as_hash(string name)
    {
        var entity = Entities[name];
        var written = ParkingItemMapper.ToItem(entity);
        await table.Client.PutItemAsync(new PutItemRequest { TableName = table.TableName, Item = written });

        var (pk, sk) = ParkingItemMapper.GetKey(entity);
        var response = await table.Client.GetItemAsync(new GetItemRequest
        {
            TableName = table.TableName,
            Key = new Dictionary<string, AttributeValue> { ["PK"] = new() { S = pk }, ["SK"] = new() { S = sk } },
            ConsistentRead = true,
        });
        var read = response.Item;
        read.Should().NotBeNull();

        ParkingItemMapper.FromItem(read!).Should().Be(entity);
        AssertSameAttributes(written, read!, name);
        ItemHash.Compute(read!).Should().Be(ItemHash.Compute(written));
    }

    [Fact]
    public async Task A_checksum_of_the_items_written_equals_a_checksum_of_a_scan_of_the_table()
    {
        // Own table so other tests' items do not count.
        var tableName = "vdp-mapping-scan-" + Guid.NewGuid().ToString("N");
        await new Provisioning.TableProvisioner(table.Client).EnsureTableAsync(tableName);
        try
        {
            // The checksum of docs/canonical-hash.md: the count and the sum (mod 2^128) of the item hashes.
            var source = (Count: 0L, Sum: UInt128.Zero);
            foreach (var entity in Entities.Values)
            {
                var item = ParkingItemMapper.ToItem(entity);
                source.Count++;
                source.Sum += ItemHash.Compute(item);
                await table.Client.PutItemAsync(new PutItemRequest { TableName = tableName, Item = item });
            }

            var target = (Count: 0L, Sum: UInt128.Zero);
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var page = await table.Client.ScanAsync(new ScanRequest { TableName = tableName, ExclusiveStartKey = start, ConsistentRead = true });
                foreach (var item in page.Items ?? [])
                {
                    target.Count++;
                    target.Sum += ItemHash.Compute(item);
                }

                start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (start is not null);

            target.Should().Be(source);
            target.Count.Should().Be(Entities.Count);
        }
        finally
        {
            await table.Client.DeleteTableAsync(tableName);
        }
    }

    [Fact]
    public async Task Dynamodb_accepts_documents_at_the_mappers_nesting_limit()
    {
        // 31 containers inside one another (the 31st an empty map): the most the mapper accepts and DynamoDB stores.
        var e = EntitySamples.EventMinimal() with { Id = "ev-deep", Decoded = JsonText.Parse(string.Concat(Enumerable.Repeat("{\"a\":", 29)) + "[1, {}]" + new string('}', 29)) };
        var item = ParkingItemMapper.ToItem(e);
        await table.Client.PutItemAsync(new PutItemRequest { TableName = table.TableName, Item = item });

        var response = await table.Client.GetItemAsync(new GetItemRequest { TableName = table.TableName, Key = Key(item), ConsistentRead = true });
        ParkingItemMapper.ToSensorEvent(response.Item!).Should().Be(e);

        // One more level is what the mapper rejects, and DynamoDB rejects it too: the limit is neither too strict nor too lax.
        item["decoded"] = new AttributeValue { M = new Dictionary<string, AttributeValue> { ["x"] = item["decoded"] } };
        var act = () => table.Client.PutItemAsync(new PutItemRequest { TableName = table.TableName, Item = item });
        (await act.Should().ThrowAsync<Amazon.DynamoDBv2.AmazonDynamoDBException>()).Which.Message.Should().Contain("Nesting");
    }

    [Fact]
    public async Task Dynamodb_accepts_an_item_at_the_mappers_size_limit()
    {
        var e = EntitySamples.EventMinimal() with { Id = "ev-big", Decoded = JsonText.Parse("\"\"") };
        var fill = ItemSize.MaxItemBytes - ItemSize.Compute(ParkingItemMapper.ToItem(e));
        var big = e with { Decoded = JsonText.Parse("\"" + new string('a', fill) + "\"") };
        var item = ParkingItemMapper.ToItem(big);
        ItemSize.Compute(item).Should().Be(ItemSize.MaxItemBytes);

        await table.Client.PutItemAsync(new PutItemRequest { TableName = table.TableName, Item = item });
        var response = await table.Client.GetItemAsync(new GetItemRequest { TableName = table.TableName, Key = Key(item), ConsistentRead = true });
        ParkingItemMapper.ToSensorEvent(response.Item!).Should().Be(big);
    }

    private static Dictionary<string, AttributeValue> Key(Dictionary<string, AttributeValue> item) =>
        new() { ["PK"] = new() { S = item["PK"].S }, ["SK"] = new() { S = item["SK"].S } };

    /// <summary>Same names, same types, same strings; numbers equal as values (DynamoDB may re-spell them), recursively.</summary>
    private static void AssertSameAttributes(IReadOnlyDictionary<string, AttributeValue> expected, IReadOnlyDictionary<string, AttributeValue> actual, string path)
    {
        actual.Keys.Should().BeEquivalentTo(expected.Keys, path);
        foreach (var (name, value) in expected)
        {
            AssertSameValue(value, actual[name], path + "." + name);
        }
    }

    private static void AssertSameValue(AttributeValue expected, AttributeValue actual, string path)
    {
        if (expected.S is not null)
        {
            actual.S.Should().Be(expected.S, path);
        }
        else if (expected.N is not null)
        {
            actual.N.Should().NotBeNull(path);
            ItemHash.Compute(new Dictionary<string, AttributeValue> { ["v"] = actual })
                .Should().Be(ItemHash.Compute(new Dictionary<string, AttributeValue> { ["v"] = expected }), $"{path}: {expected.N} vs {actual.N}");
        }
        else if (expected.IsBOOLSet)
        {
            actual.IsBOOLSet.Should().BeTrue(path);
            actual.BOOL.Should().Be(expected.BOOL, path);
        }
        else if (expected.NULL == true)
        {
            actual.NULL.Should().BeTrue(path);
        }
        else if (expected.M is not null)
        {
            actual.M.Should().NotBeNull(path);
            AssertSameAttributes(expected.M, actual.M!, path);
        }
        else if (expected.L is not null)
        {
            actual.L.Should().NotBeNull(path).And.HaveCount(expected.L.Count, path);
            for (var i = 0; i < expected.L.Count; i++)
            {
                AssertSameValue(expected.L[i], actual.L![i], $"{path}[{i}]");
            }
        }
        else
        {
            throw new InvalidOperationException($"{path}: the mapper wrote a value type this test does not expect.");
        }
    }
}
