using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb;
using VisionDrive.Parking.Samples.Tests.Support;

namespace VisionDrive.Parking.Samples.Tests.Api;

/// <summary>
/// The API sample in the dual-write phase (issue #19): <c>Parking__Store=DualWrite</c> with PostgreSQL primary and every read shadowed;
/// <c>GET /cutover</c> answers the status JSON, and a write through the API reaches both stores.
/// </summary>
public sealed class DualWriteApi
{
    [Fact]
    public async Task In_dual_write_GET_cutover_answers_the_status_and_an_acknowledged_alert_reaches_both_stores()
    {
        await using var world = await ParkingWorld.CreateAsync();
        var args = world.DualWriteArgs("Postgres", shadowReadRate: 1);
        await using var api = await RunningApi.StartAsync(args);
        await api.Services.GetRequiredService<IParkingStoreProvisioner>().EnsureCreatedAsync();

        var open = await api.Client.GetFromJsonAsync<JsonObject>("/alerts?status=OPEN");
        var id = open!["items"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).Last();
        using (var ack = await api.Client.PostAsync($"/alerts/{id}/acknowledge", null))
        {
            ack.StatusCode.Should().Be(HttpStatusCode.OK, await ack.Content.ReadAsStringAsync());
        }

        // The primary answered; the copy to DynamoDB ran after it (the outbox keeps it otherwise, and the applier drains it).
        var dynamo = new DynamoDbParkingStore(world.Ddb.Client, new DynamoDbStoreOptions { TableName = world.Table, ConsistentReads = true });
        (await Eventually.HoldsAsync(async () => (await dynamo.GetAlertAsync(id))?.Status == AlertStatus.Acknowledged, TimeSpan.FromSeconds(30)))
            .Should().BeTrue("the acknowledged alert reaches DynamoDB");

        // Shadow reads of data migrated and dual-written: no mismatch.
        (await api.Client.GetAsync("/alerts?status=ACKNOWLEDGED")).EnsureSuccessStatusCode();
        var status = await api.Client.GetFromJsonAsync<JsonObject>("/cutover");
        status!["phase"]!.GetValue<string>().Should().Be("DualWrite");
        status["primary"]!.GetValue<string>().Should().Be("Postgres");
        status["shadowReads"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(2);
        status["shadowMismatches"]!.GetValue<long>().Should().Be(0, status.ToJsonString());
        status["pendingSecondaryWrites"]!.GetValue<long>().Should().Be(0, status.ToJsonString());
    }
}
