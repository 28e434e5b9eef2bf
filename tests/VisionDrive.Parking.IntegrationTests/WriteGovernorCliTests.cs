using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests;

/// <summary><c>--max-write-units</c> (issue #18): a capped migration into DynamoDB Local takes at least as long as its write units allow, and verifies.</summary>
public sealed class WriteGovernorCliTests : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    private const int Cap = 2000;

    private readonly PostgresServer _pg;
    private readonly DynamoDbServer _ddb;

    public WriteGovernorCliTests(PostgresServer pg, DynamoDbServer ddb)
    {
        _pg = pg;
        _ddb = ddb;
    }

    [Fact]
    public async Task A_migration_of_20000_events_capped_at_2000_write_units_a_second_keeps_to_the_cap_and_verifies()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync(TimeSpan.FromMinutes(3), "seed", "scale:20000")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);

        var report = Path.Combine(w.Folder, "report.json");
        var clock = Stopwatch.StartNew();
        var run = await w.VdpAsync(TimeSpan.FromMinutes(4), "migrate", "--table", w.Table, "--state-dir", w.StateDir, "--report", report,
            "--max-write-units", Cap.ToString(System.Globalization.CultureInfo.InvariantCulture));
        clock.Stop();

        run.ExitCode.Should().Be(0, run.All);
        run.StdOut.Should().Contain("COMPLETE AND VERIFIED").And.Contain($"(cap {Cap}/s");
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var root = json.RootElement;
        root.GetProperty("verified").GetBoolean().Should().BeTrue();
        root.GetProperty("maxWriteUnitsPerSecond").GetInt32().Should().Be(Cap);
        root.GetProperty("entities").GetProperty("EVENT").GetProperty("written").GetInt64().Should().Be(20_000);

        var units = root.GetProperty("writeUnits").GetDouble();
        var seconds = root.GetProperty("writeSeconds").GetDouble();
        var rate = root.GetProperty("writeUnitsPerSecond").GetDouble();
        Console.WriteLine($"governor: {units:0} WU in {seconds:0.00} s = {rate:0.0} WU/s (cap {Cap}); " +
            $"from item sizes {root.GetProperty("writeUnitsFromItemSizes").GetDouble():0}; throttles {root.GetProperty("writeThrottles").GetInt64()}; process {clock.Elapsed.TotalSeconds:0.0} s");
        units.Should().BeGreaterThanOrEqualTo(20_000, "every event costs at least one write unit");

        // At most the cap: the write phase and the whole process took at least as long as the units allow (10% for the first refill).
        seconds.Should().BeGreaterThanOrEqualTo(units / Cap * 0.9, $"{units} write units at {Cap}/s");
        clock.Elapsed.TotalSeconds.Should().BeGreaterThanOrEqualTo(units / Cap * 0.9);
        rate.Should().BeLessThanOrEqualTo(Cap * 1.1);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10000001")]
    [InlineData("fast")]
    public async Task A_bad_write_unit_cap_is_a_usage_error_naming_the_option(string value)
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        var run = await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir, "--max-write-units", value);
        run.ExitCode.Should().Be(2, run.All);
        run.All.Should().Contain("--max-write-units");
    }
}
