using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using Npgsql;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Cutover;

/// <summary>
/// <c>&lt;state-dir&gt;/last-verify.json</c> against real PostgreSQL and DynamoDB Local: written by migrate, verify and sync at the end of a run,
/// with the outcome, the differences per entity type and both checksums, replaced atomically by the next run, and holding no secret.
/// </summary>
public sealed class LastVerifyCliTests : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    private readonly PostgresServer _pg;
    private readonly DynamoDbServer _ddb;

    public LastVerifyCliTests(PostgresServer pg, DynamoDbServer ddb)
    {
        _pg = pg;
        _ddb = ddb;
    }

    [Fact]
    public async Task Migrate_verify_and_sync_record_the_last_verification_in_the_state_directory()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var migrate = await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir);

        migrate.ExitCode.Should().Be(0, migrate.All);
        using (var json = await LastVerifyAsync(w.StateDir))
        {
            var root = json.RootElement;
            root.GetProperty("command").GetString().Should().Be("migrate");
            root.GetProperty("table").GetString().Should().Be(w.Table);
            root.GetProperty("verified").GetBoolean().Should().BeTrue();
            root.GetProperty("clean").GetBoolean().Should().BeTrue();
            root.GetProperty("differences").GetInt64().Should().Be(0);
            root.GetProperty("time").GetDateTimeOffset().Should().BeOnOrAfter(before).And.BeOnOrBefore(DateTimeOffset.UtcNow);
            var entities = root.GetProperty("entities");
            entities.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["TENANT", "SITE", "ZONE", "BAY", "SENSOR", "EVENT", "ALERT"]);
            entities.GetProperty("EVENT").GetProperty("source").GetInt64().Should().Be(192);
            entities.GetProperty("EVENT").GetProperty("target").GetInt64().Should().Be(192);
            foreach (var e in entities.EnumerateObject())
            {
                e.Value.GetProperty("checksumMatch").GetBoolean().Should().BeTrue(e.Name);
                e.Value.GetProperty("sourceChecksum").GetString().Should().NotBeNullOrEmpty(e.Name)
                    .And.Be(e.Value.GetProperty("targetChecksum").GetString(), e.Name);
            }
        }

        // One zone changed in the table: verify (with its own --state-dir) records the failure and the one differing key.
        var zone = (await _ddb.Client.ScanAsync(new ScanRequest
        {
            TableName = w.Table,
            ConsistentRead = true,
            FilterExpression = "entityType = :t",
            ExpressionAttributeValues = new() { [":t"] = new AttributeValue { S = "ZONE" } },
        })).Items.OrderBy(i => i["PK"].S, StringComparer.Ordinal).First();
        await _ddb.Client.PutItemAsync(w.Table, new Dictionary<string, AttributeValue>(zone) { ["name"] = new AttributeValue { S = "planted difference" } });
        var verifyDir = Path.Combine(w.Folder, "verify-state");

        var verify = await w.VdpAsync("verify", "--table", w.Table, "--state-dir", verifyDir);

        verify.ExitCode.Should().Be(3, verify.All);
        using (var json = await LastVerifyAsync(verifyDir))
        {
            var root = json.RootElement;
            root.GetProperty("command").GetString().Should().Be("verify");
            root.GetProperty("verified").GetBoolean().Should().BeFalse();
            root.GetProperty("clean").GetBoolean().Should().BeFalse();
            root.GetProperty("differences").GetInt64().Should().Be(1);
            var z = root.GetProperty("entities").GetProperty("ZONE");
            z.GetProperty("different").GetInt64().Should().Be(1);
            z.GetProperty("differences").GetInt64().Should().Be(1);
            z.GetProperty("checksumMatch").GetBoolean().Should().BeFalse();
            z.GetProperty("sourceChecksum").GetString().Should().NotBe(z.GetProperty("targetChecksum").GetString());
            root.GetProperty("entities").GetProperty("SITE").GetProperty("differences").GetInt64().Should().Be(0);
        }

        // The sync repairs it and replaces the migrate's record in the migration's state directory.
        var sync = await w.VdpAsync("sync", "--table", w.Table, "--state-dir", w.StateDir);

        sync.ExitCode.Should().Be(0, sync.All);
        using (var json = await LastVerifyAsync(w.StateDir))
        {
            json.RootElement.GetProperty("command").GetString().Should().Be("sync");
            json.RootElement.GetProperty("dryRun").GetBoolean().Should().BeFalse();
            json.RootElement.GetProperty("clean").GetBoolean().Should().BeTrue();
            json.RootElement.GetProperty("differences").GetInt64().Should().Be(0, "the sync verifies after applying");
        }

        Directory.GetFiles(w.StateDir, "*.tmp").Should().BeEmpty("the temp file is renamed over the record");
        var password = new NpgsqlConnectionStringBuilder(w.Source).Password;
        foreach (var file in new[] { Path.Combine(w.StateDir, "last-verify.json"), Path.Combine(verifyDir, "last-verify.json") })
        {
            var text = await File.ReadAllTextAsync(file);
            text.Should().NotContain("vdplocalsecret").And.NotContain(_ddb.ServiceUrl).And.NotContain("Host=");
            if (!string.IsNullOrEmpty(password))
            {
                text.Should().NotContain(password);
            }
        }
    }

    [Fact]
    public async Task A_migration_without_verification_records_nothing()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);

        var migrate = await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir, "--no-verify");

        migrate.ExitCode.Should().Be(0, migrate.All);
        File.Exists(Path.Combine(w.StateDir, "last-verify.json")).Should().BeFalse("nothing was compared, so there is no verification to record");
    }

    private static async Task<JsonDocument> LastVerifyAsync(string stateDir)
    {
        var path = Path.Combine(stateDir, "last-verify.json");
        File.Exists(path).Should().BeTrue(path + " is written at the end of the run");
        return JsonDocument.Parse(await File.ReadAllTextAsync(path));
    }
}
