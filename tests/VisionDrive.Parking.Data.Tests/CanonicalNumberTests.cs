using System;
using VisionDrive.Parking.Data.Infrastructure;

namespace VisionDrive.Parking.Data.Tests;

public class CanonicalNumberTests
{
    [Theory]
    [InlineData("10", "1E1", 1, 1)]
    [InlineData("10.0", "1E1", 1, 1)]
    [InlineData("1e1", "1E1", 1, 1)]
    [InlineData("1E+1", "1E1", 1, 1)]
    [InlineData("0.1e2", "1E1", 1, 1)]
    [InlineData("100", "1E2", 1, 2)]
    [InlineData("-12.50e3", "-125E2", 3, 4)]
    [InlineData("0", "0", 0, 0)]
    [InlineData("-0", "0", 0, 0)]
    [InlineData("0.000", "0", 0, 0)]
    [InlineData("0e99", "0", 0, 0)]
    [InlineData("1E-130", "1E-130", 1, -130)]
    [InlineData("0.001", "1E-3", 1, -3)]
    [InlineData("9.9999999999999999999999999999999999999E+125", "99999999999999999999999999999999999999E88", 38, 125)]
    [InlineData("12345678901234567890.123456789", "12345678901234567890123456789E-9", 29, 19)]
    [InlineData("1E999999999999", "1E999999999999", 1, 999999999999)]
    [InlineData("-1E-999999999999", "-1E-999999999999", 1, -999999999999)]
    public void Normalises_to_one_spelling_per_value(string literal, string canonical, int digits, long exponent)
    {
        CanonicalNumber.Normalize(literal, out var d, out var e).Should().Be(canonical);
        d.Should().Be(digits);
        e.Should().Be(exponent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1e")]
    [InlineData("1.2.3")]
    [InlineData("--1")]
    public void Rejects_text_that_is_not_a_number(string literal) =>
        FluentActions.Invoking(() => CanonicalNumber.Normalize(literal)).Should().Throw<FormatException>();
}
