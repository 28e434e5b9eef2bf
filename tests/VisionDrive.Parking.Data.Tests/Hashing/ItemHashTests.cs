using VisionDrive.Parking.TestSupport;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data.DynamoDb.Hashing;
using VisionDrive.Parking.Data.DynamoDb.Mapping;

namespace VisionDrive.Parking.Data.Tests.Hashing;

public class ItemHashTests
{
    [Fact]
    public void The_same_item_has_the_same_hash_regardless_of_attribute_order()
    {
        var item = ParkingItemMapper.ToItem(EntitySamples.Event());
        var reversed = item.Reverse().ToDictionary(p => p.Key, p => p.Value);
        ItemHash.Compute(reversed).Should().Be(ItemHash.Compute(item));
        ItemHash.ComputeHex(item).Should().HaveLength(32).And.MatchRegex("^[0-9a-f]{32}$");
    }

    [Fact]
    public void Nested_map_order_does_not_matter()
    {
        var a = Item(("m", new AttributeValue { M = new() { ["x"] = N("1"), ["y"] = S("2") } }));
        var b = Item(("m", new AttributeValue { M = new() { ["y"] = S("2"), ["x"] = N("1") } }));
        ItemHash.Compute(a).Should().Be(ItemHash.Compute(b));
    }

    [Theory]
    [InlineData("10", "10.0")]
    [InlineData("10", "1e1")]
    [InlineData("10", "1E+1")]
    [InlineData("0", "-0")]
    [InlineData("0.5", ".5e0")]
    [InlineData("12345678901234567890.123456789", "1234567890123456789012345678.9e-8")]
    public void Number_spelling_does_not_matter(string x, string y) =>
        ItemHash.Compute(Item(("n", N(x)))).Should().Be(ItemHash.Compute(Item(("n", N(y)))));

    [Fact]
    public void A_string_and_a_number_with_the_same_text_hash_differently()
    {
        ItemHash.Compute(Item(("a", S("1")))).Should().NotBe(ItemHash.Compute(Item(("a", N("1")))));
        ItemHash.Compute(Item(("a", new AttributeValue { BOOL = true }))).Should().NotBe(ItemHash.Compute(Item(("a", S("true")))));
        ItemHash.Compute(Item(("a", new AttributeValue { NULL = true }))).Should().NotBe(ItemHash.Compute(Item(("a", new AttributeValue { M = [] }))));
        ItemHash.Compute(Item(("a", new AttributeValue { M = [] })))
            .Should().NotBe(ItemHash.Compute(Item(("a", new AttributeValue { L = [] }))));
        ItemHash.Compute(Item(("a", new AttributeValue { SS = ["1"] })))
            .Should().NotBe(ItemHash.Compute(Item(("a", new AttributeValue { NS = ["1"] }))));
        ItemHash.Compute(Item(("a", new AttributeValue { L = [S("1")] })))
            .Should().NotBe(ItemHash.Compute(Item(("a", new AttributeValue { SS = ["1"] }))));
    }

    [Fact]
    public void Every_changed_attribute_of_every_entity_changes_the_hash()
    {
        foreach (var entity in EntitySamples.All())
        {
            var item = ParkingItemMapper.ToItem(entity);
            var original = ItemHash.Compute(item);
            foreach (var name in item.Keys.ToList())
            {
                var changed = Clone(item);
                changed[name] = Mutate(changed[name]);
                ItemHash.Compute(changed).Should().NotBe(original, $"{name} of {entity.GetType().Name} changed");

                var removed = Clone(item);
                removed.Remove(name);
                ItemHash.Compute(removed).Should().NotBe(original, $"{name} of {entity.GetType().Name} removed");
            }
        }
    }

    [Fact]
    public void A_changed_nested_value_changes_the_hash()
    {
        var item = ParkingItemMapper.ToItem(EntitySamples.Event());
        var original = ItemHash.Compute(item);

        var changed = ParkingItemMapper.ToItem(EntitySamples.Event());
        changed["decoded"].M!["payload"].M!["reading"].N = "12345678901234567890.123456788";
        ItemHash.Compute(changed).Should().NotBe(original);

        changed = ParkingItemMapper.ToItem(EntitySamples.Event());
        changed["decoded"].M!["none"] = new AttributeValue { S = string.Empty };
        ItemHash.Compute(changed).Should().NotBe(original);

        changed = ParkingItemMapper.ToItem(EntitySamples.Event());
        changed["decoded"].M!["tags"].L!.Add(new AttributeValue { NULL = true });
        ItemHash.Compute(changed).Should().NotBe(original);

        changed = ParkingItemMapper.ToItem(EntitySamples.Event());
        changed["decoded"].M!["renamed"] = changed["decoded"].M!["battery"];
        changed["decoded"].M!.Remove("battery");
        ItemHash.Compute(changed).Should().NotBe(original);
    }

    [Fact]
    public void List_order_matters_but_set_order_does_not()
    {
        ItemHash.Compute(Item(("l", new AttributeValue { L = [S("a"), S("b")] })))
            .Should().NotBe(ItemHash.Compute(Item(("l", new AttributeValue { L = [S("b"), S("a")] }))));
        ItemHash.Compute(Item(("s", new AttributeValue { SS = ["a", "b", "🚗", "\uFFFD"] })))
            .Should().Be(ItemHash.Compute(Item(("s", new AttributeValue { SS = ["🚗", "b", "\uFFFD", "a"] }))));
        ItemHash.Compute(Item(("n", new AttributeValue { NS = ["1", "2.0"] })))
            .Should().Be(ItemHash.Compute(Item(("n", new AttributeValue { NS = ["2", "1.00"] }))));
        ItemHash.Compute(Item(("b", new AttributeValue { BS = [new MemoryStream([1, 2]), new MemoryStream([1])] })))
            .Should().Be(ItemHash.Compute(Item(("b", new AttributeValue { BS = [new MemoryStream([1]), new MemoryStream([1, 2])] }))));
    }

    [Fact]
    public void Binary_values_hash_by_content()
    {
        ItemHash.Compute(Item(("b", new AttributeValue { B = new MemoryStream([1, 2, 3]) })))
            .Should().Be(ItemHash.Compute(Item(("b", new AttributeValue { B = new MemoryStream([1, 2, 3]) }))));
        ItemHash.Compute(Item(("b", new AttributeValue { B = new MemoryStream([1, 2, 3]) })))
            .Should().NotBe(ItemHash.Compute(Item(("b", new AttributeValue { B = new MemoryStream([1, 2, 4]) }))));
    }

    [Fact]
    public void Attribute_boundaries_cannot_be_shifted_to_produce_the_same_hash()
    {
        ItemHash.Compute(Item(("ab", S("c")))).Should().NotBe(ItemHash.Compute(Item(("a", S("bc")))));
        ItemHash.Compute(Item(("a", S("b")), ("c", S("d")))).Should().NotBe(ItemHash.Compute(Item(("a", S("bcd")))));
    }

    [Fact]
    public void Names_sort_by_code_point_so_the_encoding_is_reproducible_in_utf8_byte_order()
    {
        // U+FF5E (3 bytes in UTF-8, one UTF-16 unit > the surrogates) sorts before U+1F697 (4 bytes) by code point, after it by UTF-16 unit.
        var names = new List<string> { "\U0001F697", "\uFF5E", "a" };
        names.Sort(CanonicalItemEncoder.CompareCodePoints);
        names.Should().Equal("a", "\uFF5E", "\U0001F697");
    }

    [Fact]
    public void The_hash_of_a_fixed_item_is_stable_across_processes_and_versions()
    {
        // Pinned value: if this changes, every stored checksum changes. Recompute only with a documented algorithm change (docs/canonical-hash.md).
        var item = Item(("PK", S("TENANT#t-1")), ("n", N("10.0")), ("ok", new AttributeValue { BOOL = true }), ("z", new AttributeValue { NULL = true }),
            ("m", new AttributeValue { M = new() { ["b"] = new AttributeValue { L = [S(""), N("-1e-3")] } } }));
        ItemHash.ComputeHex(item).Should().Be(Pinned);
    }

    [Fact]
    public void An_attribute_value_with_nothing_set_is_rejected()
    {
        FluentActions.Invoking(() => ItemHash.Compute(Item(("x", new AttributeValue())))).Should().Throw<ArgumentException>().WithMessage("*'x'*");
        FluentActions.Invoking(() => ItemHash.Compute(Item(("x", N("ten"))))).Should().Throw<ArgumentException>();
    }

    // Reproduced independently by the Python reference implementation in docs/canonical-hash.md.
    internal const string Pinned = "95d54012d4af1ca3de6c6087fa67634f";

    internal static Dictionary<string, AttributeValue> Item(params (string Name, AttributeValue Value)[] attributes) =>
        attributes.ToDictionary(a => a.Name, a => a.Value);

    private static AttributeValue S(string s) => new() { S = s };

    private static AttributeValue N(string n) => new() { N = n };

    private static Dictionary<string, AttributeValue> Clone(Dictionary<string, AttributeValue> item) => item.ToDictionary(p => p.Key, p => p.Value);

    private static AttributeValue Mutate(AttributeValue v)
    {
        if (v.S is not null)
        {
            return new AttributeValue { S = v.S + "x" };
        }

        if (v.N is not null)
        {
            return new AttributeValue { N = v.N + "1" };
        }

        if (v.M is not null)
        {
            var m = v.M.ToDictionary(p => p.Key, p => p.Value);
            m["extra"] = new AttributeValue { NULL = true };
            return new AttributeValue { M = m };
        }

        return new AttributeValue { S = "changed" };
    }
}
