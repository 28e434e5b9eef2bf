using System;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.Datasets;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.Data.Postgres.Tests;

/// <summary>A Unix-domain socket needs no TLS (libpq and Npgsql ignore the SSL mode there): accepted as it is, with no insecure-TLS warning.</summary>
public sealed class LocalSocketTests(GuideDatabase db) : IClassFixture<GuideDatabase>
{
    [Fact]
    public async Task A_unix_socket_connection_string_is_accepted_without_AllowInsecureTls_and_without_a_warning()
    {
        var socket = new NpgsqlConnectionStringBuilder(TestEnvironment.Require("VDP_TEST_POSTGRES_ADMIN", "The PostgreSQL superuser socket connection"))
        {
            Database = new NpgsqlConnectionStringBuilder(db.ConnectionString).Database,
        };
        socket.Host.Should().StartWith("/", "scripts/services.sh exports the socket directory as the host");
        using var logs = new CapturingLoggerProvider();
        using var factory = logs.CreateFactory();

        await using var ds = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = socket.ConnectionString }, factory);
        (await new PostgresParkingStore(ds).GetTenantAsync(GuideDataset.TenantId)).Should().NotBeNull();

        logs.Entries.Should().NotContain(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning, "TLS does not apply to a local socket: nothing to warn about");
        logs.AllText.Should().NotContain("INSECURE");
    }

    [Theory]
    [InlineData("Host=/var/run/postgresql;Database=d;Username=u")]
    [InlineData("Host=/var/run/postgresql;Database=d;Username=u;SSL Mode=Disable")]
    [InlineData("postgres://u@%2Fvar%2Frun%2Fpostgresql/d")]
    public void A_socket_directory_as_host_is_not_asked_for_tls(string connectionString)
    {
        using var logs = new CapturingLoggerProvider();
        using var factory = logs.CreateFactory();

        using var ds = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = connectionString }, factory);

        new NpgsqlConnectionStringBuilder(ds.ConnectionString).Host.Should().Be("/var/run/postgresql");
        logs.AllText.Should().NotContain("INSECURE");
    }

    [Theory]
    [InlineData("Host=/var/run/postgresql,db.example.com;Database=d;Username=u;SSL Mode=Require")]
    [InlineData("Host=db.example.com;Database=d;Username=u;SSL Mode=Require")]
    public void A_tcp_host_still_needs_verified_tls_even_beside_a_socket(string connectionString)
    {
        var act = () => ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = connectionString });

        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain("does not verify the server's certificate");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Host=localhost;Username=u;SSL Mode=Require")]
    [InlineData("postgres://u@host:notaport/db")]
    [InlineData("postgres://u@host:5432/db?bogus=1")]
    public void Refusals_say_what_is_wrong_without_a_parameter_name_suffix(string connectionString)
    {
        var act = () => ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = connectionString });

        var message = act.Should().Throw<ArgumentException>().Which.Message;
        message.Should().NotContain("(Parameter");
    }

    [Fact]
    public void A_dataset_spec_is_checked_without_a_database()
    {
        ParkingDatasets.Validate("scale:1_000");
        var act = () => ParkingDatasets.Validate("bogus");
        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain("'bogus'").And.Contain("guide").And.NotContain("(Parameter");
    }
}
