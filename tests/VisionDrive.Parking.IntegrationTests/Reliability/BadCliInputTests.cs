using System.Threading.Tasks;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Reliability;

/// <summary>Malformed command lines: each exits 2 (bad usage) with a message naming what is wrong, before touching a server. (More in MigrationCliTests.Bad_usage_exits_with_2.)</summary>
public sealed class BadCliInputTests(PostgresServer pg, DynamoDbServer ddb) : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    public static TheoryData<string[], string> Cases => new()
    {
        { ["migrate", "--parallelism", "0"], "--parallelism" },
        { ["migrate", "--parallelism", "65"], "--parallelism" },
        { ["migrate", "--parallelism", "many"], "many" },
        { ["migrate", "--retention-days", "0"], "--retention-days" },
        { ["migrate", "--source-retries", "-1"], "--source-retries" },
        { ["migrate", "--source-retries", "101"], "--source-retries" },
        { ["migrate", "--segment", "a/b"], "--segment" },
        { ["migrate", "--segment", "1/0"], "--segment" },
        { ["migrate", "--tables", "tenants,,bogus"], "bogus" },
        { ["migrate", "--source", "postgres://user@host:5432/db?bogus_param=1"], "bogus_param" },
        { ["frobnicate"], "frobnicate" },
        { ["seed"], "'seed'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Malformed_command_lines_exit_2_naming_the_problem(string[] args, string named)
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);

        var run = await w.VdpAsync(args[0] == "migrate" ? [.. args, "--table", w.Table, "--state-dir", w.StateDir] : args);

        run.ExitCode.Should().Be(2, run.All);
        run.StdErr.Should().Contain(named).And.NotContain("   at ");
        System.IO.Directory.Exists(w.StateDir).Should().BeFalse("refused before the state directory is made");
    }

    [Fact]
    public async Task A_dataset_spec_that_does_not_exist_is_refused_before_anything_is_created()
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);

        var run = await w.VdpAsync("seed", "scale:-5");

        run.ExitCode.Should().Be(2, run.All);
        run.StdErr.Should().Contain("scale").And.NotContain("   at ");
    }
}
