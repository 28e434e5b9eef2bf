using VisionDrive.Parking.Data.Keys;

namespace VisionDrive.Parking.Data.Tests.Keys;

public class DevEuiTests
{
    [Theory]
    [InlineData("a8-40-41-00-01-81-23-45", "A840410001812345")]
    [InlineData("A8:40:41:00:01:81:23:45", "A840410001812345")]
    [InlineData(" a840 4100.0181 2345 ", "A840410001812345")]
    [InlineData("A840410001812345", "A840410001812345")]
    [InlineData("A84041000181234", "A84041000181234")]
    [InlineData("zz-12", "ZZ12")]
    public void Normalises_to_upper_case_without_separators(string input, string expected) =>
        DevEui.Normalize(input).Should().Be(expected);

    [Theory]
    [InlineData("A840410001812345", true)]
    [InlineData("a8:40:41:00:01:81:23:45", true)]
    [InlineData("A84041000181234", false)] // the migration guide's example: 15 digits
    [InlineData("A8404100018123456", false)]
    [InlineData("G840410001812345", false)]
    [InlineData("", false)]
    public void Well_formed_means_sixteen_hex_digits(string input, bool expected) =>
        DevEui.IsWellFormed(input).Should().Be(expected);

    [Fact]
    public void The_guides_fifteen_digit_dev_eui_is_kept_as_it_is_not_fixed() =>
        ParkingKeys.DevEuiKey("A84041000181234").Should().Be("DEVEUI#A84041000181234");
}
