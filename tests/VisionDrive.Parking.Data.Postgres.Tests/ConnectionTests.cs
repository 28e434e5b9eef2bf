using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Npgsql;
using VisionDrive.Parking.Datasets;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.Data.Postgres.Tests;

public sealed class ConnectionTests(GuideDatabase db) : IClassFixture<GuideDatabase>
{
    [Fact]
    public void Url_form_is_parsed_with_percent_decoding()
    {
        var cs = new NpgsqlConnectionStringBuilder(ParkingDataSource.ParseConnectionString("postgres://user:p%40ss@host:5432/db?sslmode=verify-full"));
        cs.Username.Should().Be("user");
        cs.Password.Should().Be("p@ss");
        cs.Host.Should().Be("host");
        cs.Port.Should().Be(5432);
        cs.Database.Should().Be("db");
        cs.SslMode.Should().Be(SslMode.VerifyFull);

        var full = new NpgsqlConnectionStringBuilder(ParkingDataSource.ParseConnectionString(
            "postgresql://tsdbadmin@qfkf9i76d6.qtst4mj1fo.tsdb.cloud.timescale.com:37979/tsdb?sslmode=require&sslrootcert=%2Fetc%2Fca.pem&application_name=vdp"));
        full.Host.Should().Be("qfkf9i76d6.qtst4mj1fo.tsdb.cloud.timescale.com");
        full.Port.Should().Be(37979);
        full.Password.Should().BeNull();
        full.SslMode.Should().Be(SslMode.Require);
        full.RootCertificate.Should().Be("/etc/ca.pem");
        full.ApplicationName.Should().Be("vdp");

        var ipv6 = new NpgsqlConnectionStringBuilder(ParkingDataSource.ParseConnectionString("postgres://u@[::1]:6543/d"));
        ipv6.Host.Should().Be("::1");
        ipv6.Port.Should().Be(6543);

        ParkingDataSource.ParseConnectionString("Host=h;Database=d").Should().Be("Host=h;Database=d");
    }

    [Theory]
    [InlineData("postgres://user:s3cr3t-pw@host:notaport/db")]
    [InlineData("postgres://user:s3cr3t-pw@host:5432/db?sslmode=bogus")]
    [InlineData("postgres://user:s3cr3t-pw@host:5432/db?password=s3cr3t-pw")]
    [InlineData("postgres://user:s3cr3t-pw@/db")]
    public void Malformed_urls_are_refused_without_echoing_the_password(string url)
    {
        var act = () => ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = url });
        var ex = act.Should().Throw<ArgumentException>().Which;
        ex.ToString().Should().NotContain("s3cr3t-pw");
    }

    [Fact]
    public void Tls_defaults_to_verify_full()
    {
        using var ds = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = "Host=localhost;Database=d;Username=u;Password=s3cr3t-pw" });
        new NpgsqlConnectionStringBuilder(ds.ConnectionString).SslMode.Should().Be(SslMode.VerifyFull);
        ds.ConnectionString.Should().NotContain("s3cr3t-pw");
        using var fromUrl = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = "postgres://u:s3cr3t-pw@localhost/d" });
        new NpgsqlConnectionStringBuilder(fromUrl.ConnectionString).SslMode.Should().Be(SslMode.VerifyFull);
    }

    [Theory]
    [InlineData("Host=localhost;Username=u;Password=s3cr3t-pw;SSL Mode=Require")]
    [InlineData("Host=localhost;Username=u;Password=s3cr3t-pw;SSL Mode=Disable")]
    [InlineData("Host=localhost;Username=u;Password=s3cr3t-pw;SSL Mode=Prefer")]
    [InlineData("postgres://u:s3cr3t-pw@localhost/d?sslmode=require")]
    public void Insecure_tls_is_refused_without_the_explicit_option(string connectionString)
    {
        var act = () => ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = connectionString });
        var ex = act.Should().Throw<ArgumentException>().Which;
        ex.Message.Should().Contain("AllowInsecureTls").And.Contain("RootCertificatePath");
        ex.ToString().Should().NotContain("s3cr3t-pw");
    }

    [Fact]
    public void Insecure_tls_with_the_option_logs_a_warning_every_time()
    {
        using var logs = new CapturingLoggerProvider();
        using var factory = logs.CreateFactory();
        var options = new PostgresSourceOptions { ConnectionString = "Host=localhost;Username=u;Password=s3cr3t-pw;SSL Mode=Require", AllowInsecureTls = true };
        using (ParkingDataSource.Create(options, factory))
        using (ParkingDataSource.Create(options, factory))
        {
        }

        logs.Entries.Should().Contain(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Text.Contains("INSECURE TLS", StringComparison.Ordinal));
        logs.Entries.Count(e => e.Text.Contains("INSECURE TLS", StringComparison.Ordinal)).Should().Be(2);
        logs.AllText.Should().NotContain("s3cr3t-pw");
    }

    [Fact]
    public void A_missing_ca_file_is_refused()
    {
        var act = () => ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = "Host=localhost", RootCertificatePath = "/no/such/ca.pem" });
        act.Should().Throw<ArgumentException>().WithMessage("*RootCertificatePath*");
    }

    [Fact]
    public void Options_and_redaction_never_show_the_password()
    {
        var options = new PostgresSourceOptions { ConnectionString = "postgres://user:p%40ss-s3cr3t@host:5432/db?sslmode=verify-full" };
        options.ToString().Should().NotContain("s3cr3t").And.Contain("***").And.Contain("host");
        ParkingDataSource.Redact("Host=h;Password=s3cr3t;Username=u").Should().NotContain("s3cr3t").And.Contain("***");
        ParkingDataSource.Redact("Host=h;Password=\"s3;cr3t\";Username=u").Should().NotContain("cr3t");
        ParkingDataSource.Redact("postgres://u:s3cr3t@h/d").Should().NotContain("s3cr3t");
        ParkingDataSource.Redact("garbage ;;; password=s3cr3t ===").Should().NotContain("s3cr3t");
    }

    [Fact]
    public async Task The_connection_is_tls_verified_against_the_ca()
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", connection);
        ((bool)(await command.ExecuteScalarAsync())!).Should().BeTrue();
        new NpgsqlConnectionStringBuilder(db.ConnectionString).SslMode.Should().Be(SslMode.VerifyFull);
    }

    [Fact]
    public async Task The_ca_option_gives_a_verified_connection_from_a_url()
    {
        var cs = new NpgsqlConnectionStringBuilder(db.ConnectionString);
        var url = $"postgres://{Uri.EscapeDataString(cs.Username!)}:{Uri.EscapeDataString(cs.Password!)}@{cs.Host}:{cs.Port}/{cs.Database}";
        var ca = cs.RootCertificate ?? TestEnvironment.Require("VDP_TEST_POSTGRES_CA", "The test CA");
        await using var ds = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = url, RootCertificatePath = ca });
        (await new PostgresParkingStore(ds).GetTenantAsync(GuideDataset.TenantId)).Should().NotBeNull();
    }

    [Fact]
    public async Task No_password_reaches_logs_or_exception_messages()
    {
        var password = new NpgsqlConnectionStringBuilder(db.ConnectionString).Password!;
        password.Should().NotBeNullOrEmpty();
        using var logs = new CapturingLoggerProvider();
        using var factory = logs.CreateFactory();
        var options = new PostgresSourceOptions { ConnectionString = db.ConnectionString };
        await using (var ds = ParkingDataSource.Create(options, factory))
        {
            var store = new PostgresParkingStore(ds);
            (await store.GetTenantAsync(GuideDataset.TenantId)).Should().NotBeNull();
            var reader = new ParkingSourceReader(ds, factory.CreateLogger<ParkingSourceReader>());
            await foreach (var _ in reader.ReadZonesAsync())
            {
            }
        }

        var wrong = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Password = "wrong-" + password }.ConnectionString;
        Exception? failure = null;
        await using (var ds = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = wrong }, factory))
        {
            try
            {
                await new PostgresParkingStore(ds).GetTenantAsync(GuideDataset.TenantId);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }

        failure.Should().NotBeNull();
        failure!.ToString().Should().NotContain(password);
        logs.Entries.Should().NotBeEmpty();
        logs.AllText.Should().NotContain(password);
        options.ToString().Should().NotContain(password);
        ParkingDataSource.Redact(db.ConnectionString).Should().NotContain(password);
    }
}
