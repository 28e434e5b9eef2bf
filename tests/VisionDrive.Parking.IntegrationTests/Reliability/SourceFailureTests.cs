using System;
using System.IO;
using System.Net.Sockets;
using System.Threading.Channels;
using Npgsql;
using VisionDrive.Parking.Migration;

namespace VisionDrive.Parking.IntegrationTests.Reliability;

/// <summary>Which source errors the migration resumes from in the same run (pure logic; the real faults are in PostgresRestartTests).</summary>
public sealed class SourceFailureTests
{
    [Theory]
    [InlineData("57P01")] // admin shutdown: pg_ctl stop -m fast, pg_terminate_backend
    [InlineData("57P02")] // crash shutdown
    [InlineData("57P03")] // cannot connect now: the server is starting
    [InlineData("08006")] // connection failure
    public void A_server_that_is_going_away_is_a_lost_connection(string sqlState) =>
        SourceFailure.IsConnectionLost(new PostgresException("x", "FATAL", "FATAL", sqlState)).Should().BeTrue();

    [Theory]
    [InlineData("28P01")] // wrong password
    [InlineData("42P01")] // missing table
    [InlineData("22008")] // a bad value
    [InlineData("40001")] // serialization failure: transient, but not a lost connection
    public void Errors_a_retry_cannot_fix_are_not(string sqlState) =>
        SourceFailure.IsConnectionLost(new PostgresException("x", "ERROR", "ERROR", sqlState)).Should().BeFalse();

    [Fact]
    public void A_broken_or_refused_socket_is_a_lost_connection_even_wrapped()
    {
        SourceFailure.IsConnectionLost(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())).Should().BeTrue();
        SourceFailure.IsConnectionLost(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))).Should().BeTrue();
        SourceFailure.IsConnectionLost(new ChannelClosedException(new NpgsqlException("x", new IOException()))).Should().BeTrue();
    }

    [Fact]
    public void A_tls_failure_or_an_unrelated_error_is_not()
    {
        SourceFailure.IsConnectionLost(new NpgsqlException("x", new System.Security.Authentication.AuthenticationException("bad certificate"))).Should().BeFalse();
        SourceFailure.IsConnectionLost(new InvalidOperationException("x")).Should().BeFalse();
        SourceFailure.Describe(new PostgresException("x", "FATAL", "FATAL", "57P01")).Should().Be("PostgresException 57P01");
    }
}
