using System.Collections.Generic;
using System.IO;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data.DynamoDb.Mapping;

namespace VisionDrive.Parking.Data.Tests.Mapping;

public class ItemSizeTests
{
    [Fact]
    public void Strings_count_utf8_bytes_of_name_and_value()
    {
        ItemSize.Compute(new Dictionary<string, AttributeValue> { ["ab"] = new() { S = "é🚗" } }).Should().Be(2 + 2 + 4);
        ItemSize.Compute(new Dictionary<string, AttributeValue> { ["a"] = new() { S = "" } }).Should().Be(1);
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData("7", 2)]
    [InlineData("12", 2)]
    [InlineData("123", 3)]
    [InlineData("1000000", 2)]
    [InlineData("0.00012", 2)]
    [InlineData("-12", 3)]
    [InlineData("12345678901234567890123456789012345678", 20)]
    public void Numbers_count_one_byte_per_two_significant_digits_plus_one(string number, int size) =>
        ItemSize.Compute(new Dictionary<string, AttributeValue> { ["n"] = new() { N = number } }).Should().Be(1 + size);

    [Fact]
    public void Booleans_nulls_binaries_and_sets_follow_dynamodbs_rules()
    {
        ItemSize.Compute(new Dictionary<string, AttributeValue> { ["b"] = new() { BOOL = false } }).Should().Be(2);
        ItemSize.Compute(new Dictionary<string, AttributeValue> { ["z"] = new() { NULL = true } }).Should().Be(2);
        ItemSize.Compute(new Dictionary<string, AttributeValue> { ["x"] = new() { B = new MemoryStream(new byte[10]) } }).Should().Be(11);
        ItemSize.Compute(new Dictionary<string, AttributeValue> { ["s"] = new() { SS = ["ab", "c"] } }).Should().Be(1 + 3);
        ItemSize.Compute(new Dictionary<string, AttributeValue> { ["n"] = new() { NS = ["1", "22"] } }).Should().Be(1 + 2 + 2);
        ItemSize.Compute(new Dictionary<string, AttributeValue> { ["bs"] = new() { BS = [new MemoryStream(new byte[3])] } }).Should().Be(2 + 3);
    }

    [Fact]
    public void Maps_and_lists_cost_three_bytes_plus_one_per_element()
    {
        ItemSize.Compute(new Dictionary<string, AttributeValue> { ["m"] = new() { M = [] } }).Should().Be(1 + 3);
        ItemSize.Compute(new Dictionary<string, AttributeValue> { ["l"] = new() { L = [] } }).Should().Be(1 + 3);
        ItemSize.Compute(new Dictionary<string, AttributeValue>
        {
            ["m"] = new() { M = new Dictionary<string, AttributeValue> { ["k"] = new() { S = "vv" }, ["l"] = new() { L = [new() { BOOL = true }] } } },
        }).Should().Be(1 + 3 + (1 + 1 + 2) + (1 + 1 + (3 + 1 + 1)));
    }
}
