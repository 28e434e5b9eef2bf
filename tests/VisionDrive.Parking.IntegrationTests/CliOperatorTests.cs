using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests;

/// <summary>What an operator meets first with <c>vdp</c>, as a child process against the real servers: usage errors, error messages, help, progress.</summary>
public sealed class CliOperatorTests(PostgresServer pg, DynamoDbServer ddb) : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    [Fact]
    public async Task A_unix_socket_source_works_without_insecure_tls_and_without_a_warning()
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);
        var socket = new NpgsqlConnectionStringBuilder(TestEnvironment.Require("VDP_TEST_POSTGRES_ADMIN", "The PostgreSQL superuser socket connection"))
        {
            Database = new NpgsqlConnectionStringBuilder(w.Source).Database,
        }.ConnectionString;

        var seed = await w.VdpAsync("seed", "guide", "--source", socket);

        seed.ExitCode.Should().Be(0, seed.All);
        seed.All.Should().NotContain("INSECURE").And.NotContain("unsafe").And.NotContain("--insecure-tls");
        var verify = await w.VdpAsync("provision", "--table", w.Table);
        verify.ExitCode.Should().Be(0, verify.All);
        var migrate = await w.VdpAsync("migrate", "--source", socket, "--table", w.Table, "--state-dir", w.StateDir);
        migrate.ExitCode.Should().Be(0, migrate.All);
        migrate.All.Should().NotContain("INSECURE");
        (await w.CountItemsAsync()).Should().Be(356);
    }

    [Fact]
    public async Task An_unknown_dataset_exits_2_before_connecting_to_the_source()
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);
        var env = w.Env;
        env["VDP_SOURCE"] = $"Host=127.0.0.1;Port={LoopbackPorts.Free()};Database=nowhere;Username=nobody;Timeout=30";
        var clock = Stopwatch.StartNew();

        var run = await CliRunner.RunAsync(["seed", "bogus"], env);

        run.ExitCode.Should().Be(2, run.All);
        run.StdErr.Should().Contain("'bogus'").And.Contain("guide").And.NotContain("(Parameter").And.NotContain("source database");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "nothing was contacted");
    }

    [Fact]
    public async Task An_invalid_table_name_exits_2_naming_the_option_before_DynamoDB_is_asked()
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);

        foreach (var args in new[] { new[] { "provision", "--table", "ab" }, ["migrate", "--table", "ab", "--state-dir", w.StateDir], ["verify", "--table", "a b c"] })
        {
            var run = await w.VdpAsync(args);

            run.ExitCode.Should().Be(2, run.All);
            run.StdErr.Should().Contain("--table").And.Contain($"'{args[2]}'").And.Contain("3 to 255 characters")
                .And.NotContain("ValidationException").And.NotContain("refused");
        }

        System.IO.Directory.Exists(w.StateDir).Should().BeFalse();
    }

    [Fact]
    public async Task An_unknown_command_is_named_first_then_the_commands()
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);

        var run = await w.VdpAsync("frobnicate");

        run.ExitCode.Should().Be(2, run.All);
        var lines = run.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].Should().Contain("frobnicate");
        run.StdErr.Should().NotContain("Required command was not provided").And.Contain("provision").And.Contain("migrate");
    }

    [Fact]
    public async Task A_missing_table_is_named_with_how_to_create_it()
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);

        foreach (var args in new[] { new[] { "migrate", "--table", w.Table, "--state-dir", w.StateDir }, ["verify", "--table", w.Table] })
        {
            var run = await w.VdpAsync(args);

            run.ExitCode.Should().Be(1, run.All);
            run.StdErr.Should().Contain($"'{w.Table}'").And.Contain("does not exist").And.Contain($"vdp provision --table {w.Table}")
                .And.Contain(ddb.ServiceUrl);
        }
    }

    [Fact]
    public async Task An_endpoint_that_never_answers_fails_within_the_request_timeout_naming_the_endpoint()
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(backlog: 64); // accepts TCP connections (the kernel's backlog) and never answers a byte
        var endpoint = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";
        var clock = Stopwatch.StartNew();

        var run = await w.VdpAsync(TimeSpan.FromSeconds(60), "provision", "--table", w.Table, "--endpoint-url", endpoint, "--request-timeout", "1");

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(40), "four attempts of one second each, not the default 4 × 30 s");
        run.ExitCode.Should().Be(1, run.All);
        run.StdErr.Should().Contain(endpoint).And.Contain("did not answer").And.Contain("--request-timeout").And.NotContain("cancelled. The checkpoint");
    }

    [Fact]
    public async Task Every_numeric_option_with_a_non_number_says_it_must_be_a_whole_number()
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);

        foreach (var args in new[]
        {
            new[] { "migrate", "--parallelism", "abc" },
            ["migrate", "--source-retries", "x1"],
            ["migrate", "--retention-days", "1.5"],
            ["seed", "guide", "--seed", "forty"],
            ["provision", "--request-timeout", "soon"],
        })
        {
            var run = await w.VdpAsync(args);

            run.ExitCode.Should().Be(2, run.All);
            run.StdErr.Should().Contain($"{args[^2]} must be a whole number, got '{args[^1]}'").And.NotContain("System.Int32");
        }
    }

    [Fact]
    public async Task Help_shows_the_retention_default_in_effect_and_where_it_comes_from()
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);
        var env = w.Env;
        env["VDP_RETENTION_DAYS"] = "30";

        var run = await CliRunner.RunAsync(["migrate", "--help"], env);

        run.ExitCode.Should().Be(0, run.All);
        var retention = Regex.Match(run.StdOut, @"--retention-days[\s\S]*?\[default: (\d+)\]");
        retention.Success.Should().BeTrue(run.StdOut);
        retention.Groups[1].Value.Should().Be("30");
        run.StdOut.Should().Contain("$VDP_RETENTION_DAYS (now '30')").And.NotContain("[default: 400]");
    }

    [Fact]
    public async Task With_stdout_a_pipe_a_migration_prints_plain_progress_lines_per_table_before_the_summary()
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);

        var run = await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir);

        run.ExitCode.Should().Be(0, run.All);
        var lines = run.StdOut.Split('\n', StringSplitOptions.TrimEntries).ToList();
        var progress = lines.Where(l => l.StartsWith("progress: ", StringComparison.Ordinal)).ToList();
        progress.Should().Contain("progress: EVENT migrate 0/192 (0%)").And.Contain("progress: EVENT migrate 192/192 (100%)");
        foreach (var type in new[] { "TENANT", "SITE", "ZONE", "BAY", "SENSOR", "ALERT" })
        {
            progress.Should().Contain(l => l.StartsWith($"progress: {type} migrate ", StringComparison.Ordinal));
        }

        lines.First(l => l.Length > 0).Should().StartWith("progress: ", "progress comes while the run goes, the summary after it");
        lines.FindLastIndex(l => l.StartsWith("progress: ", StringComparison.Ordinal)).Should().BeLessThan(lines.FindLastIndex(l => l.Length > 0 && !l.StartsWith("progress: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Provision_says_how_long_the_table_took_in_readable_units()
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);

        var run = await w.VdpAsync("provision", "--table", w.Table);

        run.ExitCode.Should().Be(0, run.All);
        run.StdErr.Should().MatchRegex(@"is ACTIVE after \d+(\.\d)? (ms|s)\.").And.NotContain("00:00:00");
    }
}
