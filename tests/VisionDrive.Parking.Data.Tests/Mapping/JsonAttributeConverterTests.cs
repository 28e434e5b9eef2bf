using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data.DynamoDb.Mapping;

namespace VisionDrive.Parking.Data.Tests.Mapping;

public class JsonAttributeConverterTests
{
    [Fact]
    public void Objects_arrays_strings_numbers_booleans_and_null_map_to_their_dynamodb_types()
    {
        var value = JsonAttributeConverter.ToAttributeValue(JsonText.Parse(
            """{"s": "text", "empty": "", "n": 10.50, "t": true, "f": false, "z": null, "a": [1, "x", null, [], {}], "o": {"deep": {"deeper": -0.001}}}"""));

        value.M.Should().NotBeNull();
        var m = value.M!;
        m["s"].S.Should().Be("text");
        m["empty"].S.Should().Be(string.Empty);
        m["n"].N.Should().Be("10.50");
        m["t"].BOOL.Should().BeTrue();
        m["t"].IsBOOLSet.Should().BeTrue();
        m["f"].BOOL.Should().BeFalse();
        m["f"].IsBOOLSet.Should().BeTrue();
        m["z"].NULL.Should().BeTrue();
        m["a"].L.Should().HaveCount(5);
        m["a"].L![0].N.Should().Be("1");
        m["a"].L![1].S.Should().Be("x");
        m["a"].L![2].NULL.Should().BeTrue();
        m["a"].L![3].L.Should().BeEmpty();
        m["a"].L![4].M.Should().BeEmpty();
        m["o"].M!["deep"].M!["deeper"].N.Should().Be("-0.001");
    }

    [Theory]
    [InlineData("""{"a": {"b": [1, 2, {"c": null}]}, "d": true}""")]
    [InlineData("""[1, "two", 3.0, null, false, [[]], {}]""")]
    [InlineData("\"just a string\"")]
    [InlineData("\"\"")]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("""{"unicode": "Dubaï 🚗 \u00e9\u0000 \"quoted\" \\ / \n", "ключ": "значение"}""")]
    [InlineData("""{"big": 12345678901234567890.123456789, "tiny": 1E-130, "huge": -9.9999999999999999999999999999999999999E+125, "exp": 1e5}""")]
    [InlineData("{}")]
    [InlineData("[]")]
    public void Round_trips_to_an_equal_document(string json)
    {
        var original = JsonText.Parse(json);
        var back = JsonAttributeConverter.ToJsonText(JsonAttributeConverter.ToAttributeValue(original));
        back.Should().Be(original);
    }

    [Fact]
    public void Numbers_beyond_double_precision_are_kept_exactly()
    {
        var value = JsonAttributeConverter.ToAttributeValue(JsonText.Parse("""{"reading": 12345678901234567890.123456789}"""));
        value.M!["reading"].N.Should().Be("12345678901234567890.123456789");
        JsonAttributeConverter.ToJsonText(value).Raw.Should().Contain("12345678901234567890.123456789");
    }

    [Fact]
    public void A_number_with_38_significant_digits_is_accepted()
    {
        var digits38 = "1234567890123456789012345678901234567.8";
        JsonAttributeConverter.ToAttributeValue(JsonText.Parse(digits38)).N.Should().Be(digits38);
        JsonAttributeConverter.ToAttributeValue(JsonText.Parse("12345678901234567890123456789012345678000000")).N.Should().NotBeNull();
    }

    [Fact]
    public void A_number_with_39_significant_digits_is_rejected_naming_the_path()
    {
        var act = () => JsonAttributeConverter.ToAttributeValue(JsonText.Parse("""{"payload": {"readings": [1, 123456789012345678901234567890123456789]}}"""));
        act.Should().Throw<ParkingDataException>()
            .Which.Message.Should().Contain("payload.readings[1]").And.Contain("39 significant digits").And.Contain("38");
    }

    [Theory]
    [InlineData("1E-131")]
    [InlineData("1E126")]
    [InlineData("-1E126")]
    [InlineData("0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001")]
    public void A_number_outside_dynamodbs_range_is_rejected(string number) =>
        FluentActions.Invoking(() => JsonAttributeConverter.ToAttributeValue(JsonText.Parse(number)))
            .Should().Throw<ParkingDataException>().WithMessage("*outside DynamoDB's range*");

    [Theory]
    [InlineData("1E-130")]
    [InlineData("9.9999999999999999999999999999999999999E+125")]
    [InlineData("0E-500")]
    [InlineData("-0")]
    public void Numbers_at_the_edges_of_the_range_are_accepted(string number) =>
        JsonAttributeConverter.ToAttributeValue(JsonText.Parse(number)).N.Should().Be(number);

    [Fact]
    public void Up_to_31_nested_containers_are_accepted_and_more_are_rejected_because_the_item_is_dynamodbs_first_of_32_levels()
    {
        JsonAttributeConverter.ToAttributeValue(JsonText.Parse(Nested(31))).M.Should().NotBeNull();
        JsonAttributeConverter.ToAttributeValue(JsonText.Parse(NestedArrays(31))).L.Should().NotBeNull();

        FluentActions.Invoking(() => JsonAttributeConverter.ToAttributeValue(JsonText.Parse(Nested(32))))
            .Should().Throw<ParkingDataException>().WithMessage("*more than 31 objects/arrays*32 nesting levels*");
        FluentActions.Invoking(() => JsonAttributeConverter.ToAttributeValue(JsonText.Parse(NestedArrays(32))))
            .Should().Throw<ParkingDataException>().WithMessage("*more than 31 objects/arrays*");
        FluentActions.Invoking(() => JsonAttributeConverter.ToAttributeValue(JsonText.Parse(new string('[', 31) + "{}" + new string(']', 31))))
            .Should().Throw<ParkingDataException>("an empty container still counts as a level");
    }

    [Fact]
    public void An_empty_member_name_is_rejected_because_dynamodb_map_keys_cannot_be_empty() =>
        FluentActions.Invoking(() => JsonAttributeConverter.ToAttributeValue(JsonText.Parse("""{"a": {"": 1}}""")))
            .Should().Throw<ParkingDataException>().WithMessage("*empty name*");

    [Fact]
    public void Attribute_values_json_cannot_represent_are_rejected_naming_the_path()
    {
        var value = new AttributeValue { M = new Dictionary<string, AttributeValue> { ["tags"] = new AttributeValue { SS = ["a", "b"] } } };
        FluentActions.Invoking(() => JsonAttributeConverter.ToJsonText(value))
            .Should().Throw<ParkingDataException>().WithMessage("*tags*SS*");
        FluentActions.Invoking(() => JsonAttributeConverter.ToJsonText(new AttributeValue()))
            .Should().Throw<ParkingDataException>().WithMessage("*no value*");
    }

    [Fact]
    public void Each_conversion_returns_new_instances_so_callers_may_mutate_them()
    {
        var json = JsonText.Parse("""{"a": "x"}""");
        var first = JsonAttributeConverter.ToAttributeValue(json);
        first.M!["a"].S = "changed";
        JsonAttributeConverter.ToAttributeValue(json).M!["a"].S.Should().Be("x");
    }

    [Fact]
    public void A_large_document_converts_without_a_stack_buffer_overflow()
    {
        var json = "[" + string.Join(",", Enumerable.Range(0, 5000).Select(i => "\"value-" + i + "\"")) + "]";
        JsonAttributeConverter.ToAttributeValue(JsonText.Parse(json)).L.Should().HaveCount(5000);
    }

    internal static string Nested(int levels) => string.Concat(Enumerable.Repeat("{\"a\":", levels - 1)) + "{\"a\":1}" + new string('}', levels - 1);

    private static string NestedArrays(int levels) => new string('[', levels) + "1" + new string(']', levels);
}
