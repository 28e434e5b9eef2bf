using System;
using System.Text.Json;

namespace VisionDrive.Parking.Data.Tests;

public class JsonTextTests
{
    [Fact]
    public void Equal_when_member_order_white_space_and_number_spelling_differ()
    {
        var a = JsonText.Parse("""{"a": 10, "b": [1, 2.50, {"c": null}]}""");
        var b = JsonText.Parse("""{ "b":[1e0,2.5,{"c":null}],"a":10.0 }""");
        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        a.Raw.Should().NotBe(b.Raw);
    }

    [Theory]
    [InlineData("""{"a": 1}""", """{"a": "1"}""")]
    [InlineData("""[1, 2]""", """[2, 1]""")]
    [InlineData("""{"a": null}""", """{}""")]
    [InlineData("""{"a": true}""", """{"a": 1}""")]
    [InlineData("""{"a": ""}""", """{"a": null}""")]
    [InlineData("12345678901234567890.123456789", "12345678901234567890.12345679")]
    public void Not_equal_when_values_differ(string x, string y) => JsonText.Parse(x).Should().NotBe(JsonText.Parse(y));

    [Fact]
    public void Keeps_the_raw_text_and_reports_the_root_kind()
    {
        var json = JsonText.Parse("[1, 2]");
        json.Raw.Should().Be("[1, 2]");
        json.ToString().Should().Be("[1, 2]");
        json.RootKind.Should().Be(JsonValueKind.Array);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("1 2")]
    [InlineData("")]
    public void Parse_rejects_malformed_json(string text) =>
        FluentActions.Invoking(() => JsonText.Parse(text)).Should().Throw<FormatException>();
}
