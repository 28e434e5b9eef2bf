using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Npgsql;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.IntegrationTests.Reliability;
using VisionDrive.Parking.Migration;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Security;

/// <summary>
/// A recognisable source password and AWS secret key, through every CLI command and the failures that echo connection details
/// (wrong password, unreachable database, unreachable DynamoDB), with <c>--verbose</c> stack traces: neither appears in any output,
/// report, rejects, warnings, state or export file, nor in the library's exception text.
/// </summary>
public sealed class SecretsTests(PostgresServer pg, DynamoDbServer ddb) : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    [Fact]
    public async Task Every_command_and_every_failure_keeps_the_password_and_the_aws_secret_out_of_all_output_and_files()
    {
        await using var role = await SecretRole.CreateAsync(pg);
        var awsSecret = "VdpAwsSecret/" + Guid.NewGuid().ToString("N") + "+Recognisable";
        var folder = Directory.CreateTempSubdirectory("vdp-sec-").FullName;
        var table = ddb.NewTableName("vdp-sec");
        var state = Path.Combine(folder, "state");
        var env = new Dictionary<string, string?>
        {
            ["VDP_SOURCE"] = role.ConnectionString,
            ["AWS_ENDPOINT_URL_DYNAMODB"] = ddb.ServiceUrl,
            ["AWS_ACCESS_KEY_ID"] = "vdplocal",
            ["AWS_SECRET_ACCESS_KEY"] = awsSecret,
            ["AWS_REGION"] = "me-central-1",
        };
        var csb = new NpgsqlConnectionStringBuilder(role.ConnectionString);
        var url = $"postgres://{role.Name}:{Uri.EscapeDataString(role.Password)}@{csb.Host}:{csb.Port}/{csb.Database}" +
            $"?sslmode=verify-full&sslrootcert={Uri.EscapeDataString(csb.RootCertificate!)}";
        var wrongPassword = role.Password + "-Wrong";
        var closedPort = LoopbackPorts.Free();

        var runs = new List<(string What, CliRunner.Result Result, int[] Exits)>();
        async Task Run(string what, int[] exits, Dictionary<string, string?> e, params string[] args) =>
            runs.Add((what, await CliRunner.RunAsync(args, e, TimeSpan.FromMinutes(4)), exits));
        Dictionary<string, string?> With(string key, string? value) => new(env) { [key] = value };

        await Run("seed", [0], env, "seed", "dirty");
        await Run("provision", [0], env, "provision", "--table", table);
        await Run("migrate", [3], env, "migrate", "--table", table, "--state-dir", state, "--report", Path.Combine(folder, "migrate.json"), "--allow-expired-ttl");
        await Run("verify", [3], env, "verify", "--table", table, "--report", Path.Combine(folder, "verify.json"));
        await Run("sync --dry-run", [0], env, "sync", "--dry-run", "--table", table, "--state-dir", state, "--report", Path.Combine(folder, "sync.json"));
        await Run("export", [0, 3], env, "export", "--table", table, "--state-dir", state + "-export", "--out", Path.Combine(folder, "export"),
            "--report", Path.Combine(folder, "export.json"));
        await Run("verify, password in a URL on the command line", [3], With("VDP_SOURCE", null), "verify", "--verbose", "--source", url, "--table", table);
        await Run("wrong password", [1], With("VDP_SOURCE", csb.ConnectionString.Replace(role.Password, wrongPassword, StringComparison.Ordinal)),
            "migrate", "--verbose", "--table", table, "--state-dir", state + "-wrong", "--report", Path.Combine(folder, "wrong.json"));
        await Run("wrong password in a URL", [1], With("VDP_SOURCE", null),
            "verify", "--verbose", "--source", url.Replace(Uri.EscapeDataString(role.Password), Uri.EscapeDataString(wrongPassword), StringComparison.Ordinal), "--table", table);
        await Run("unreachable database", [1], With("VDP_SOURCE", new NpgsqlConnectionStringBuilder(role.ConnectionString) { Port = closedPort, Timeout = 3 }.ConnectionString),
            "migrate", "--verbose", "--table", table, "--state-dir", state + "-unreachable");
        await Run("unreachable DynamoDB", [1], env, "migrate", "--verbose", "--table", table, "--state-dir", state + "-ddb",
            "--endpoint-url", $"http://127.0.0.1:{closedPort}");

        foreach (var (what, result, exits) in runs)
        {
            result.ExitCode.Should().BeOneOf(exits, what + ":\n" + result.All);
        }

        runs.Single(r => r.What == "wrong password").Result.StdErr.Should().Contain("28P01", "the failure says what went wrong, without the secret");
        var haystacks = runs.Select(r => ($"output of {r.What}", r.Result.All)).Concat(ReadAll(folder)).ToList();
        haystacks.Select(h => h.Item1).Should().Contain(n => n.EndsWith("rejects.jsonl", StringComparison.Ordinal))
            .And.Contain(n => n.EndsWith("warnings.jsonl", StringComparison.Ordinal))
            .And.Contain(n => n.EndsWith("state.json", StringComparison.Ordinal))
            .And.Contain(n => n.EndsWith(".json.gz", StringComparison.Ordinal))
            .And.Contain(n => n.EndsWith("migrate.json", StringComparison.Ordinal));
        AssertNowhere(haystacks, role.Password, wrongPassword, awsSecret);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task The_library_exceptions_of_a_wrong_password_and_an_unreachable_host_do_not_carry_the_password()
    {
        await using var role = await SecretRole.CreateAsync(pg);
        var wrong = role.Password + "-Wrong";
        var cases = new[]
        {
            role.ConnectionString.Replace(role.Password, wrong, StringComparison.Ordinal),
            new NpgsqlConnectionStringBuilder(role.ConnectionString) { Port = LoopbackPorts.Free(), Timeout = 3 }.ConnectionString,
        };
        var texts = new List<(string, string)>();
        foreach (var cs in cases)
        {
            await using var source = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = cs });
            using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("vdplocal", "vdplocalsecret"),
                new AmazonDynamoDBConfig { ServiceURL = ddb.ServiceUrl, AuthenticationRegion = "me-central-1" });
            var engine = new MigrationEngine(new ParkingSourceReader(source), client, new MigrationOptions
            {
                TableName = ddb.NewTableName("vdp-sec"),
                StateDirectory = Directory.CreateTempSubdirectory("vdp-sec-").FullName,
                EventRetention = TestDates.DatasetRetention,
            });

            var ex = await Record.ExceptionAsync(() => engine.MigrateAsync());

            ex.Should().NotBeNull();
            texts.Add((cs == cases[0] ? "wrong password" : "unreachable host", ex!.ToString() + "\n" + string.Join("\n", ex.Data.Values.Cast<object?>())));
            texts.Add(("source options", new PostgresSourceOptions { ConnectionString = cs }.ToString()));
        }

        AssertNowhere(texts, role.Password, wrong);
    }

    private static void AssertNowhere(IEnumerable<(string Where, string Text)> haystacks, params string[] secrets)
    {
        var needles = secrets.SelectMany(s => new[] { s, Uri.EscapeDataString(s), Convert.ToBase64String(Encoding.UTF8.GetBytes(s)) }).Distinct().ToList();
        foreach (var (where, text) in haystacks)
        {
            foreach (var n in needles)
            {
                text.Should().NotContain(n, $"a secret must not appear in {where}");
            }
        }
    }

    private static IEnumerable<(string, string)> ReadAll(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".gz", StringComparison.Ordinal))
            {
                using var gz = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
                using var reader = new StreamReader(gz);
                yield return (file, reader.ReadToEnd());
            }
            else
            {
                yield return (file, File.ReadAllText(file));
            }
        }
    }
}
