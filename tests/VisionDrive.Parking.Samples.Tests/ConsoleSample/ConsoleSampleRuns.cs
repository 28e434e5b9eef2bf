using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.Samples.Tests.ConsoleSample;

/// <summary>
/// The console sample (samples/VisionDrive.Parking.Console) as a child process on each store, from nothing: an empty PostgreSQL database or a
/// table that does not exist yet. It provisions, onboards, records, reads, moves and handles the conflicts; exit code 0 and its key lines.
/// </summary>
public sealed class ConsoleSampleRuns : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    private readonly PostgresServer _pg;
    private readonly DynamoDbServer _ddb;

    public ConsoleSampleRuns(PostgresServer pg, DynamoDbServer ddb)
    {
        _pg = pg;
        _ddb = ddb;
    }

    [Fact]
    public async Task The_console_sample_runs_its_whole_walkthrough_on_DynamoDb()
    {
        var table = _ddb.NewTableName("vdp-con");
        var result = await RunAsync(["--store", "DynamoDb", "--run", "ddb1"], new()
        {
            ["Parking__DynamoDb__TableName"] = table,
            ["Parking__DynamoDb__ServiceUrl"] = _ddb.ServiceUrl,
            ["AWS_ACCESS_KEY_ID"] = "vdplocal",
            ["AWS_SECRET_ACCESS_KEY"] = "vdplocalsecret",
            ["AWS_REGION"] = "me-central-1",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        });

        ShouldHaveWalkedThrough(result, "DynamoDb", "ddb1");
        (await _ddb.Client.DescribeTableAsync(table)).Table.GlobalSecondaryIndexes.Should().HaveCount(2, "the sample provisioned the table through DI");
    }

    [Fact]
    public async Task The_console_sample_runs_its_whole_walkthrough_on_Postgres()
    {
        var connectionString = await _pg.CreateDatabaseAsync("vdp_con");
        try
        {
            var csb = new NpgsqlConnectionStringBuilder(connectionString);
            var ca = csb.RootCertificate ?? TestEnvironment.Get("VDP_TEST_POSTGRES_CA");
            csb.RootCertificate = null;
            var env = new Dictionary<string, string?> { ["Parking__Postgres__ConnectionString"] = csb.ConnectionString };
            if (ca is not null)
            {
                env["Parking__Postgres__RootCertificatePath"] = ca;
            }

            var result = await RunAsync(["--store", "Postgres", "--run", "pg1"], env);

            ShouldHaveWalkedThrough(result, "Postgres", "pg1");
            result.Output.Should().NotContain(csb.Password ?? "no password", "the password never reaches the output");
        }
        finally
        {
            await _pg.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task The_console_sample_without_a_store_exits_with_2_and_says_what_to_pass()
    {
        var result = await RunAsync(["--store", "Oracle"], new());

        result.ExitCode.Should().Be(2, result.Output);
        result.Output.Should().Contain("pass --store DynamoDb or --store Postgres");
    }

    private static void ShouldHaveWalkedThrough(Result result, string store, string run)
    {
        result.ExitCode.Should().Be(0, result.Output);
        result.Output.Should().ContainAll(
            $"store: {store}, run {run}",
            "provisioned",
            $"onboarded tenant console-{run}: 1 site, 2 zones, 3 bays, 3 sensors",
            "recorded 3 events; redelivery created: false",
            "zone Marina A: 2 bays, 1 occupied (price 10 AED/h)",
            "read 3 events in 2 pages",
            $"moved sensor sns-{run}-1 to bay B-001 in zone zone-{run}-b: B-001 occupied, A-001 vacant",
            $"conflict handled: stale version of sns-{run}-1, re-read and retried (type PARKING-V2, still on bay bay-{run}-3)",
            $"conflict handled: sns-{run}-9 refused",
            "done");
    }

    private sealed record Result(int ExitCode, string Output);

    /// <summary>The sample's built dll (from its own output folder: its deps and runtimeconfig) with only the test's configuration.</summary>
    private static async Task<Result> RunAsync(IEnumerable<string> args, Dictionary<string, string?> env)
    {
        const string Assembly = "VisionDrive.Parking.Console";
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(TestEnvironment.RepositoryRoot, "samples", Assembly, "bin", tfm.Parent!.Name, tfm.Name, Assembly + ".dll");
        File.Exists(dll).Should().BeTrue(dll + " is built by the tests' project reference");
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        psi.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "PGPASSWORD", "VDP_SOURCE", "AWS_ENDPOINT_URL_DYNAMODB" })
        {
            psi.Environment.Remove(name);
        }

        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The console sample did not finish within 3 minutes: " + Text(output));
        }

        process.WaitForExit(); // drains the redirected streams
        return new Result(process.ExitCode, Text(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
