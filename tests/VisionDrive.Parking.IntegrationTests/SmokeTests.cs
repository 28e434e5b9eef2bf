using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using MQTTnet;
using MQTTnet.Protocol;
using Npgsql;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests;

/// <summary>Each server the tests rely on is really there, and PostgreSQL really verifies TLS.</summary>
public sealed class SmokeTests : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    private readonly PostgresServer _pg;
    private readonly DynamoDbServer _ddb;

    public SmokeTests(PostgresServer pg, DynamoDbServer ddb)
    {
        _pg = pg;
        _ddb = ddb;
    }

    [Fact]
    public async Task Postgres_round_trip_runs_over_verified_tls()
    {
        var csb = new NpgsqlConnectionStringBuilder(_pg.ConnectionString);
        csb.SslMode.Should().Be(SslMode.VerifyFull, "the test servers are reached with full certificate verification");

        await using var conn = new NpgsqlConnection(_pg.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT ssl, $1::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()", conn);
        cmd.Parameters.AddWithValue("round-trip ✓");
        await using var reader = await cmd.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        reader.GetBoolean(0).Should().BeTrue("the session is encrypted");
        reader.GetString(1).Should().Be("round-trip ✓");
    }

    [Fact]
    public async Task Postgres_connection_without_the_ca_is_refused_with_a_certificate_error()
    {
        var csb = new NpgsqlConnectionStringBuilder(_pg.ConnectionString) { RootCertificate = null, SslMode = SslMode.VerifyFull, Pooling = false };
        await using var conn = new NpgsqlConnection(csb.ConnectionString);

        var act = async () => await conn.OpenAsync();

        var ex = (await act.Should().ThrowAsync<Exception>()).Which;
        var messages = new StringBuilder();
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            messages.Append(e.Message).Append(" | ");
        }

        messages.ToString().Should().MatchRegex("(?i)certificate|ssl|authentication");
        messages.ToString().Should().NotContain(csb.Password!, "a password never appears in an error");
    }

    [Fact]
    public async Task DynamoDb_local_creates_a_table_and_round_trips_an_item()
    {
        var table = _ddb.NewTableName();
        await _ddb.Client.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            BillingMode = Amazon.DynamoDBv2.BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new("PK", "S"), new("SK", "S")],
            KeySchema = [new("PK", Amazon.DynamoDBv2.KeyType.HASH), new("SK", Amazon.DynamoDBv2.KeyType.RANGE)],
        });

        await _ddb.Client.PutItemAsync(table, new Dictionary<string, AttributeValue>
        {
            ["PK"] = new() { S = "SMOKE#1" },
            ["SK"] = new() { S = "METADATA" },
            ["n"] = new() { N = "12345678901234567890123456789012345678" },
        });

        var got = await _ddb.Client.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new() { ["PK"] = new() { S = "SMOKE#1" }, ["SK"] = new() { S = "METADATA" } },
            ConsistentRead = true,
        });

        got.Item.Should().ContainKey("n");
        got.Item["n"].N.Should().Be("12345678901234567890123456789012345678", "38 significant digits survive");
    }

    [Fact]
    public async Task Mosquitto_delivers_a_qos1_message()
    {
        var broker = new MqttServer();
        var factory = new MqttClientFactory();
        using var subscriber = factory.CreateMqttClient();
        using var publisher = factory.CreateMqttClient();
        var topic = $"vdp/smoke/{Guid.NewGuid():N}";
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(e.ApplicationMessage.ConvertPayloadToString());
            return Task.CompletedTask;
        };

        var options = new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port);
        await subscriber.ConnectAsync(options.WithClientId("smoke-sub-" + Guid.NewGuid().ToString("N")).Build());
        await subscriber.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        await publisher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).Build());
        await publisher.PublishStringAsync(topic, "hello bay A-001", MqttQualityOfServiceLevel.AtLeastOnce);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var message = await received.Task.WaitAsync(timeout.Token);
        message.Should().Be("hello bay A-001");
    }
}
