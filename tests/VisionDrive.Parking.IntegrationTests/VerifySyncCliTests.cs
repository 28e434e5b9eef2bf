using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests;

/// <summary>
/// <c>vdp verify</c> and <c>vdp sync</c> end to end against real PostgreSQL and DynamoDB Local: verified means the table holds exactly what the
/// source produces, one sync converges, sync guards like migrate, and what a run rejects is listed and summarised once per reason.
/// </summary>
public sealed partial class VerifySyncCliTests : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    private readonly PostgresServer _pg;
    private readonly DynamoDbServer _ddb;
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public VerifySyncCliTests(PostgresServer pg, DynamoDbServer ddb, Xunit.Abstractions.ITestOutputHelper output)
    {
        _pg = pg;
        _ddb = ddb;
        _output = output;
    }

    [Fact]
    public async Task Items_no_entity_type_claims_are_extra_so_verify_fails_and_sync_deletes_them()
    {
        await using var w = await MigratedGuideAsync();
        await _ddb.Client.PutItemAsync(w.Table, new Dictionary<string, AttributeValue>
        {
            ["PK"] = S("JUNK#1"), ["SK"] = S("METADATA"), ["name"] = S("left over by a test of someone else"),
        });
        await _ddb.Client.PutItemAsync(w.Table, new Dictionary<string, AttributeValue>
        {
            ["PK"] = S("ZONE#no-such-zone"), ["SK"] = S("NOTE#1"), ["entityType"] = S("PARKING_LOT"),
        });
        string[] unclaimed = ["JUNK#1|METADATA", "ZONE#no-such-zone|NOTE#1"];

        var verify = await w.VdpAsync("verify", "--table", w.Table, "--report", Path.Combine(w.Folder, "verify.json"));

        verify.ExitCode.Should().Be(3, verify.All);
        verify.StdOut.Should().Contain("NOT VERIFIED")
            .And.Contain("extra in target, no entity type claims it: " + unclaimed[0])
            .And.Contain("extra in target, no entity type claims it: " + unclaimed[1]);
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(w.Folder, "verify.json"))))
        {
            json.RootElement.GetProperty("verified").GetBoolean().Should().BeFalse();
            json.RootElement.GetProperty("extraUnclaimed").EnumerateArray().Select(e => e.GetString()).Should().Equal(unclaimed);
            json.RootElement.GetProperty("extraUnclaimedCount").GetInt64().Should().Be(2);
        }

        var plan = await w.VdpAsync("sync", "--dry-run", "--table", w.Table, "--state-dir", w.StateDir + "-sync", "--report", Path.Combine(w.Folder, "plan.json"));

        plan.ExitCode.Should().Be(0, plan.All);
        plan.StdOut.Should().Contain("no entity type claims it: " + unclaimed[0]).And.Contain("unclaimed -2");
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(w.Folder, "plan.json"))))
        {
            json.RootElement.GetProperty("syncDeletesUnclaimed").GetInt64().Should().Be(2);
            json.RootElement.GetProperty("extraUnclaimed").EnumerateArray().Select(e => e.GetString()).Should().Equal(unclaimed);
            json.RootElement.GetProperty("verified").GetBoolean().Should().BeFalse();
        }

        (await w.CountItemsAsync()).Should().Be(358, "a dry run changes nothing");

        var sync = await w.VdpAsync("sync", "--table", w.Table, "--state-dir", w.StateDir + "-sync");

        sync.ExitCode.Should().Be(0, sync.All);
        (await w.CountItemsAsync()).Should().Be(356, "both items are deleted");
        var after = await w.VdpAsync("verify", "--table", w.Table);
        after.ExitCode.Should().Be(0, after.All);
    }

    [Fact]
    public async Task One_sync_converges_when_a_key_holds_the_item_of_another_entity_type()
    {
        await using var w = await MigratedGuideAsync();
        var zones = await ItemsAsync(w, "ZONE");
        var bays = await ItemsAsync(w, "BAY");
        var sensors = await ItemsAsync(w, "SENSOR");
        var alerts = await ItemsAsync(w, "ALERT");

        // A zone-shaped item written at a bay's key (the issue's example).
        var bay = bays[0];
        var zoneAtBayKey = new Dictionary<string, AttributeValue>(zones[1]) { ["PK"] = bay["PK"], ["SK"] = bay["SK"] };
        await _ddb.Client.PutItemAsync(w.Table, zoneAtBayKey);

        // entityType changed: a zone item now says BAY (ZONE's put and BAY's delete of one key: the delete came last), a sensor says ALERT.
        var zone = zones[0];
        await _ddb.Client.PutItemAsync(w.Table, new Dictionary<string, AttributeValue>(zone) { ["entityType"] = S("BAY") });
        var sensor = sensors[0];
        await _ddb.Client.PutItemAsync(w.Table, new Dictionary<string, AttributeValue>(sensor) { ["entityType"] = S("ALERT") });

        // entityType removed: the item is claimed by no type, at a key the source produces.
        var alert = alerts[0];
        var withoutType = new Dictionary<string, AttributeValue>(alert);
        withoutType.Remove("entityType");
        await _ddb.Client.PutItemAsync(w.Table, withoutType);

        (await w.VdpAsync("verify", "--table", w.Table)).ExitCode.Should().Be(3, "the target was tampered with");

        var sync = await w.VdpAsync("sync", "--table", w.Table, "--state-dir", w.StateDir + "-sync", "--report", Path.Combine(w.Folder, "sync.json"));

        sync.ExitCode.Should().Be(0, "the sync verifies after applying: " + sync.All);
        var verify = await w.VdpAsync("verify", "--table", w.Table);
        verify.ExitCode.Should().Be(0, "one sync converges: " + verify.All);
        (await w.CountItemsAsync()).Should().Be(356);
        (await EntityTypeAtAsync(w, bay)).Should().Be("BAY");
        (await EntityTypeAtAsync(w, zone)).Should().Be("ZONE");
        (await EntityTypeAtAsync(w, sensor)).Should().Be("SENSOR");
        (await EntityTypeAtAsync(w, alert)).Should().Be("ALERT");
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(w.Folder, "sync.json")));
        var deletes = json.RootElement.GetProperty("syncDeletes").EnumerateObject().Sum(p => p.Value.GetInt64());
        deletes.Should().Be(0, "every tampered key is put over, none deleted");
        json.RootElement.GetProperty("syncDeletesUnclaimed").GetInt64().Should().Be(0);
    }

    [Fact]
    public async Task Sync_refuses_to_write_events_whose_ttl_is_past_and_names_the_options()
    {
        await using var w = await MigratedGuideAsync();
        await w.ExecuteSqlAsync("""
            INSERT INTO sensor_events (id, time, "tenantId", "sensorId", kind, decoded)
              SELECT 'ev-long-ago', timestamptz '2020-01-01 00:00:00+00', "tenantId", id, 'HEARTBEAT', '{"battery": 3.5}'::jsonb FROM sensors ORDER BY id LIMIT 1;
            """);

        var plan = await w.VdpAsync("sync", "--dry-run", "--table", w.Table, "--state-dir", w.StateDir);
        var sync = await w.VdpAsync("sync", "--table", w.Table, "--state-dir", w.StateDir);

        foreach (var run in new[] { plan, sync })
        {
            run.ExitCode.Should().Be(1, run.All);
            run.StdErr.Should().Contain("1 events are older than the retention").And.Contain("--retention-days").And.Contain("--allow-expired-ttl")
                .And.Contain("Nothing was written");
        }

        (await w.CountItemsAsync("EVENT")).Should().Be(192, "nothing is written when the guard trips");

        var allowed = await w.VdpAsync("sync", "--table", w.Table, "--state-dir", w.StateDir, "--allow-expired-ttl");

        allowed.ExitCode.Should().Be(0, allowed.All);
        (await w.CountItemsAsync("EVENT")).Should().Be(193, "--allow-expired-ttl writes it, as migrate does");
    }

    [Fact]
    public async Task Sync_with_a_fresh_state_directory_refuses_a_retention_other_than_the_tables()
    {
        await using var w = await MigratedGuideAsync();
        var before = await TtlsAsync(w);
        var other = (TestDates.DatasetRetentionDays + 30).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var plan = await w.VdpAsync("sync", "--dry-run", "--table", w.Table, "--state-dir", Path.Combine(w.Folder, "fresh-1"), "--retention-days", other);
        var sync = await w.VdpAsync("sync", "--table", w.Table, "--state-dir", Path.Combine(w.Folder, "fresh-2"), "--retention-days", other);

        foreach (var run in new[] { plan, sync })
        {
            run.ExitCode.Should().Be(1, run.All);
            run.StdErr.Should().Contain($"a retention of {TestDates.DatasetRetentionDays} days")
                .And.Contain($"this sync has {other} days")
                .And.Contain($"--retention-days {TestDates.DatasetRetentionDays}")
                .And.Contain("Nothing was written");
        }

        (await TtlsAsync(w)).Should().Equal(before, "no event's ttl is rewritten");
        var same = await w.VdpAsync("sync", "--table", w.Table, "--state-dir", Path.Combine(w.Folder, "fresh-3"), "--retention-days", TestDates.DatasetRetentionDaysText);
        same.ExitCode.Should().Be(0, same.All);
    }

    [Fact]
    public async Task A_row_sync_cannot_write_is_listed_in_the_rejects_file_with_its_reason()
    {
        await using var w = await MigratedGuideAsync();
        await w.ExecuteSqlAsync("""
            UPDATE sensor_events SET decoded = '{"counter": 123456789012345678901234567890123456789012345}'::jsonb
              WHERE id = (SELECT id FROM sensor_events ORDER BY id LIMIT 1);
            """);
        var report = Path.Combine(w.Folder, "sync.json");

        var sync = await w.VdpAsync("sync", "--table", w.Table, "--state-dir", w.StateDir + "-sync", "--report", report);

        sync.ExitCode.Should().Be(3, "finished with a rejected row: " + sync.All);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var rejectsFile = json.RootElement.GetProperty("rejectsFile").GetString();
        rejectsFile.Should().Be(Path.Combine(w.StateDir + "-sync", "rejects.jsonl"));
        var rejects = (await File.ReadAllLinesAsync(rejectsFile!)).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        rejects.Should().ContainSingle();
        rejects[0].GetProperty("table").GetString().Should().Be("sensor_events");
        rejects[0].GetProperty("field").GetString().Should().Be("decoded.counter");
        rejects[0].GetProperty("reason").GetString().Should().Contain("38");
        rejects[0].GetProperty("row").GetProperty("decoded").GetProperty("counter").GetRawText().Should().Be("123456789012345678901234567890123456789012345");
        var reasons = json.RootElement.GetProperty("rejectReasons").EnumerateArray().ToList();
        reasons.Should().ContainSingle();
        reasons[0].GetProperty("count").GetInt64().Should().Be(1);
        sync.StdOut.Should().Contain("sensor_events.decoded.counter: ");
        var events = json.RootElement.GetProperty("entities").GetProperty("EVENT");
        events.GetProperty("rejected").GetInt64().Should().Be(1);
        events.GetProperty("target").GetInt64().Should().Be(191, "the item the row no longer produces is deleted: source = target + rejected");
    }

    [Fact]
    public async Task A_second_run_on_a_locked_state_directory_is_refused_with_the_holders_pid()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "scale:40000")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var holder = CliRunner.Start(["migrate", "--table", w.Table, "--state-dir", w.StateDir, "--no-verify"], w.Env, stdout, stderr);
        try
        {
            // The holder has the lock once it saves its first checkpoint.
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (DateTime.UtcNow < deadline && !holder.HasExited && !File.Exists(Path.Combine(w.StateDir, "state.json")))
            {
                await Task.Delay(50);
            }

            holder.HasExited.Should().BeFalse("the first run must hold the lock: " + stderr);

            var second = await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir);

            holder.HasExited.Should().BeFalse("the first run still holds the lock");
            second.ExitCode.Should().Be(1, second.All);
            second.StdErr.Should().Contain("Another run is using the state directory").And.Contain($"(process {holder.Id})");
        }
        finally
        {
            if (!holder.HasExited)
            {
                holder.Kill(entireProcessTree: true);
            }

            await holder.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Dirty_rejects_have_one_shape_and_the_summary_lists_every_reason_once_with_its_count()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "dirty")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        var report = Path.Combine(w.Folder, "report.json");

        var run = await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir, "--report", report, "--allow-expired-ttl");

        run.ExitCode.Should().Be(3, run.All);
        var rejects = (await File.ReadAllLinesAsync(Path.Combine(w.StateDir, "rejects.jsonl"))).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        rejects.Should().HaveCountGreaterThan(3);
        foreach (var r in rejects)
        {
            var row = r.GetProperty("row");
            row.ValueKind.Should().Be(JsonValueKind.Object);
            row.TryGetProperty("id", out _).Should().BeTrue(r.GetRawText());
            foreach (var p in row.EnumerateObject())
            {
                char.IsLower(p.Name[0]).Should().BeTrue($"'{p.Name}' is named as the source column is (camelCase): {r.GetRawText()}");
                if (p.Value.ValueKind == JsonValueKind.String && StartsLikeATime().IsMatch(p.Value.GetString()!))
                {
                    p.Value.GetString().Should().MatchRegex(KeyTimePattern, $"'{p.Name}' is in the format of the keys: {r.GetRawText()}");
                }
            }
        }

        rejects.Where(r => r.GetProperty("table").GetString() == "sensor_events").Should()
            .AllSatisfy(r => r.GetProperty("row").TryGetProperty("time", out _).Should().BeTrue(r.GetRawText()));

        var distinct = rejects.GroupBy(r => (Table: r.GetProperty("table").GetString(), Field: r.GetProperty("field").GetString(), Reason: r.GetProperty("reason").GetString())).ToList();
        run.StdOut.Should().Contain($"Rejected rows by reason ({rejects.Count} rows, {distinct.Count} reasons):");
        foreach (var g in distinct)
        {
            var line = $"{g.Key.Table}.{g.Key.Field}: {g.Key.Reason}";
            Regex.Count(run.StdOut, Regex.Escape(line)).Should().Be(1, $"each distinct reason is shown once: {line}\n{run.StdOut}");
            run.StdOut.Should().Contain($"{g.Count(),5} × {line}");
        }

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var reasons = json.RootElement.GetProperty("rejectReasons").EnumerateArray().ToList();
        reasons.Should().HaveCount(distinct.Count);
        reasons.Sum(r => r.GetProperty("count").GetInt64()).Should().Be(rejects.Count);
    }

    private const string KeyTimePattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T")]
    private static partial Regex StartsLikeATime();

    private static AttributeValue S(string value) => new() { S = value };

    private async Task<MigrationWorld> MigratedGuideAsync()
    {
        var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        var migrate = await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir);
        migrate.ExitCode.Should().Be(0, migrate.All);
        return w;
    }

    private async Task<List<Dictionary<string, AttributeValue>>> ItemsAsync(MigrationWorld w, string entityType)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await _ddb.Client.ScanAsync(new ScanRequest
            {
                TableName = w.Table,
                ConsistentRead = true,
                ExclusiveStartKey = start,
                FilterExpression = "entityType = :t",
                ExpressionAttributeValues = new() { [":t"] = S(entityType) },
            });
            items.AddRange(page.Items);
            start = page.LastEvaluatedKey is { Count: > 0 } k ? k : null;
        }
        while (start is not null);
        return items.OrderBy(i => i["PK"].S + "|" + i["SK"].S, StringComparer.Ordinal).ToList();
    }

    private async Task<string?> EntityTypeAtAsync(MigrationWorld w, Dictionary<string, AttributeValue> item)
    {
        var got = await _ddb.Client.GetItemAsync(new GetItemRequest
        {
            TableName = w.Table,
            Key = new() { ["PK"] = item["PK"], ["SK"] = item["SK"] },
            ConsistentRead = true,
        });
        return got.Item is { Count: > 0 } found && found.TryGetValue("entityType", out var t) ? t.S : null;
    }

    private async Task<List<string>> TtlsAsync(MigrationWorld w) =>
        (await ItemsAsync(w, "EVENT")).Select(i => i["PK"].S + "|" + i["SK"].S + "=" + i["ttl"].N).ToList();
}
