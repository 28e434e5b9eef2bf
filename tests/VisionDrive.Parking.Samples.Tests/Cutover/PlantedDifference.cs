using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.Keys;
using VisionDrive.Parking.Datasets;
using VisionDrive.Parking.IntegrationTests;
using VisionDrive.Parking.Samples.Tests.Support;

namespace VisionDrive.Parking.Samples.Tests.Cutover;

/// <summary>
/// A planted difference (issue #19): one item changed directly in DynamoDB, behind the application's back. The API in dual write
/// (PostgreSQL primary, every read shadowed) still answers PostgreSQL's state, counts the mismatch in <c>GET /cutover</c> and logs the key;
/// <c>vdp verify</c> exits 3 naming the same key.
/// </summary>
public sealed class PlantedDifference
{
    [Fact]
    public async Task One_item_changed_in_DynamoDB_is_a_counted_logged_shadow_mismatch_and_a_verify_difference()
    {
        await using var world = await ParkingWorld.CreateAsync();
        var logs = new ConcurrentQueue<string>();
        var args = world.DualWriteArgs("Postgres", shadowReadRate: 1);
        // The real clock: a differing shadow read waits on it before its rechecks (the test clock of RunningApi never moves).
        await using var api = await RunningApi.StartAsync(args, b =>
        {
            b.Services.AddSingleton(TimeProvider.System);
            b.Logging.AddProvider(new QueueLoggerProvider(logs));
        });
        await api.Services.GetRequiredService<IParkingStoreProvisioner>().EnsureCreatedAsync();

        var zoneId = GuideDataset.FirstZoneId;
        var before = await api.Client.GetFromJsonAsync<JsonObject>("/zones/" + zoneId);
        (await api.Client.GetFromJsonAsync<JsonObject>("/cutover"))!["shadowMismatches"]!.GetValue<long>().Should().Be(0, "both stores agree before the plant");

        // Changed directly in the table: the zone's name, nothing else (no write of the application, so no replication repairs it).
        await world.Ddb.Client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = world.Table,
            Key = new Dictionary<string, AttributeValue> { ["PK"] = new(ParkingKeys.Zone(zoneId)), ["SK"] = new(ParkingKeys.Metadata) },
            UpdateExpression = "SET #n = :n",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#n"] = "name" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":n"] = new("planted by hand") },
        });

        var answer = await api.Client.GetFromJsonAsync<JsonObject>("/zones/" + zoneId);
        answer!["name"]!.GetValue<string>().Should().Be(before!["name"]!.GetValue<string>(), "the primary's answer, never the secondary's");
        var status = await api.Client.GetFromJsonAsync<JsonObject>("/cutover");
        status!["shadowMismatches"]!.GetValue<long>().Should().Be(1, status.ToJsonString());
        logs.Should().ContainSingle(l => l.StartsWith("Shadow read mismatch on zone-by-id", StringComparison.Ordinal))
            .Which.Should().Contain("key ZONE " + zoneId);

        var verify = await CliRunner.RunAsync(
            ["verify", "--table", world.Table, "--retention-days", "400"],
            new Dictionary<string, string?>
            {
                ["VDP_SOURCE"] = world.PostgresConnectionString,
                ["AWS_ENDPOINT_URL_DYNAMODB"] = world.Ddb.ServiceUrl,
                ["AWS_ACCESS_KEY_ID"] = "vdplocal",
                ["AWS_SECRET_ACCESS_KEY"] = "vdplocalsecret",
                ["AWS_REGION"] = "me-central-1",
            });
        verify.ExitCode.Should().Be(3, verify.All);
        verify.StdOut.Should().Contain(ParkingKeys.Zone(zoneId), "verify names the planted key");
    }
}
