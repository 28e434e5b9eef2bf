using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Security;

/// <summary>
/// TLS to the source through the CLI: verified (chain and host name) by default; without the CA the failure names <c>--ca-file</c>;
/// <c>--insecure-tls</c> connects and warns on every run. The server's certificate is for localhost and 127.0.0.1 only.
/// </summary>
public sealed class TlsTests(PostgresServer pg, DynamoDbServer ddb) : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    [Fact]
    public async Task The_default_connection_verifies_the_host_name_localhost_passes_and_a_name_not_in_the_certificate_is_refused()
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        (await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir)).ExitCode.Should().Be(0);
        var csb = new NpgsqlConnectionStringBuilder(w.Source);
        await using var proxy = new LoopbackTcpProxy(IPAddress.Parse("127.0.0.2"), new IPEndPoint(IPAddress.Loopback, csb.Port));

        var byName = await VerifyAsync(w, new NpgsqlConnectionStringBuilder(w.Source) { Host = "localhost" });
        var otherName = await VerifyAsync(w, new NpgsqlConnectionStringBuilder(w.Source) { Host = "127.0.0.2", Port = proxy.EndPoint.Port });
        var otherNameChainOnly = await VerifyAsync(w, new NpgsqlConnectionStringBuilder(w.Source) { Host = "127.0.0.2", Port = proxy.EndPoint.Port, SslMode = SslMode.VerifyCA });

        byName.ExitCode.Should().Be(0, "localhost is in the certificate: " + byName.All);
        otherName.ExitCode.Should().Be(1, "127.0.0.2 is not in the certificate: " + otherName.All);
        otherName.StdErr.Should().Contain("--ca-file").And.MatchRegex("(?i)certificate|ssl|tls");
        otherNameChainOnly.ExitCode.Should().Be(0, "the same server through the same proxy passes when only the chain is checked, so the refusal above is the host name: " + otherNameChainOnly.All);
    }

    [Fact]
    public async Task Without_the_ca_the_cli_fails_naming_ca_file_and_insecure_tls_connects_and_warns_on_every_run()
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        var noCa = new NpgsqlConnectionStringBuilder(w.Source) { RootCertificate = null };
        noCa.Remove("Root Certificate");
        var ca = TestEnvironment.Require("VDP_TEST_POSTGRES_CA", "The test CA");

        var untrusted = await VerifyAsync(w, noCa);
        var withCaFile = await VerifyAsync(w, noCa, "--ca-file", ca);
        var insecure = new[]
        {
            await VdpAsync(w, noCa, "migrate", "--insecure-tls", "--table", w.Table, "--state-dir", w.StateDir),
            await VerifyAsync(w, noCa, "--insecure-tls"),
        };

        untrusted.ExitCode.Should().Be(1, untrusted.All);
        untrusted.StdErr.Should().Contain("--ca-file", "the message names the option that fixes it").And.NotContain("   at ");
        withCaFile.ExitCode.Should().Be(3, "connected and verified the CA; the table is still empty: " + withCaFile.All);
        withCaFile.All.Should().NotContain("INSECURE TLS");
        insecure[0].ExitCode.Should().Be(0, insecure[0].All);
        insecure[1].ExitCode.Should().Be(0, insecure[1].All);
        insecure.Should().AllSatisfy(r => r.StdErr.Should().Contain("INSECURE TLS", "every run warns"));
    }

    private static Task<CliRunner.Result> VerifyAsync(MigrationWorld w, NpgsqlConnectionStringBuilder source, params string[] extra) =>
        VdpAsync(w, source, ["verify", "--table", w.Table, .. extra]);

    private static Task<CliRunner.Result> VdpAsync(MigrationWorld w, NpgsqlConnectionStringBuilder source, params string[] args)
    {
        var env = w.Env;
        env["VDP_SOURCE"] = source.ConnectionString;
        env["VDP_SOURCE_CA"] = null;
        env["PGSSLROOTCERT"] = null;
        return CliRunner.RunAsync(args, env, TimeSpan.FromMinutes(3));
    }
}
