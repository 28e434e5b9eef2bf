using System;
using System.Net;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.Samples.Tests.Support;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.Samples.Tests.Api;

/// <summary>A store that does not answer: 503 problem details (health and reads), never a stack trace.</summary>
[Collection(ApiCollection.Name)]
public sealed class StoreOutage(ApiFixture fixture)
{
    [Fact]
    public async Task Unreachable_DynamoDb_is_503_problem_details()
    {
        var args = fixture.World.DynamoDbArgs();
        args.Add($"--Parking:DynamoDb:ServiceUrl=http://127.0.0.1:{LoopbackPorts.Free()}");
        args.Add("--Parking:DynamoDb:MaxErrorRetry=0");
        await using var api = await RunningApi.StartAsync(args);

        await AssertOutageAsync(api, "DynamoDb");
    }

    [Fact]
    public async Task Unreachable_Postgres_is_503_problem_details()
    {
        var args = fixture.World.PostgresArgs();
        var csb = new NpgsqlConnectionStringBuilder(args[1]["--Parking:Postgres:ConnectionString=".Length..]) { Port = LoopbackPorts.Free(), Timeout = 3 };
        args[1] = "--Parking:Postgres:ConnectionString=" + csb.ConnectionString;
        await using var api = await RunningApi.StartAsync(args);

        await AssertOutageAsync(api, "Postgres");
    }

    private static async Task AssertOutageAsync(RunningApi api, string store)
    {
        foreach (var path in new[] { "/health", "/zones", "/zones/zone-001", "/sensors/PSL01B-001/events" })
        {
            var answer = await api.SendAsync(path);

            answer.Status.Should().Be(HttpStatusCode.ServiceUnavailable, path + ": " + answer.Body);
            answer.MediaType.Should().Be("application/problem+json");
            answer.Json["status"]!.GetValue<int>().Should().Be(503);
            answer.Json["detail"]!.GetValue<string>().Should().Contain(store);
            answer.Body.Should().NotContain("   at ").And.NotContain("Password");
        }
    }

}
