using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using Npgsql;
using VisionDrive.Parking.Data.DynamoDb.Hashing;
using VisionDrive.Parking.Migration.Export;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests;

/// <summary>The <c>vdp</c> CLI end to end, as a child process, against real PostgreSQL (TLS) and DynamoDB Local.</summary>
public sealed class MigrationCliTests : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    private static readonly Dictionary<string, long> GuideCounts = new()
    {
        ["TENANT"] = 1, ["SITE"] = 1, ["ZONE"] = 36, ["BAY"] = 40, ["SENSOR"] = 46, ["EVENT"] = 192, ["ALERT"] = 40,
    };

    private readonly PostgresServer _pg;
    private readonly DynamoDbServer _ddb;

    public MigrationCliTests(PostgresServer pg, DynamoDbServer ddb)
    {
        _pg = pg;
        _ddb = ddb;
    }

    [Fact]
    public async Task Guide_dataset_migrates_verified_and_the_table_holds_356_items()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);

        var report = Path.Combine(w.Folder, "report.json");
        var run = await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir, "--report", report);

        run.ExitCode.Should().Be(0, run.All);
        run.StdOut.Should().Contain("COMPLETE AND VERIFIED");
        (await w.CountItemsAsync()).Should().Be(356);
        foreach (var (type, expected) in GuideCounts)
        {
            (await w.CountItemsAsync(type)).Should().Be(expected, type);
        }

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        json.RootElement.GetProperty("verified").GetBoolean().Should().BeTrue();
        json.RootElement.GetProperty("rejectsFile").ValueKind.Should().Be(JsonValueKind.Null);
        foreach (var (type, expected) in GuideCounts)
        {
            var e = json.RootElement.GetProperty("entities").GetProperty(type);
            e.GetProperty("source").GetInt64().Should().Be(expected);
            e.GetProperty("written").GetInt64().Should().Be(expected);
            e.GetProperty("rejected").GetInt64().Should().Be(0);
            e.GetProperty("target").GetInt64().Should().Be(expected);
            e.GetProperty("checksumMatch").GetBoolean().Should().BeTrue();
        }

        var verify = await w.VdpAsync("verify", "--table", w.Table);
        verify.ExitCode.Should().Be(0, verify.All);

        var password = new NpgsqlConnectionStringBuilder(w.Source).Password!;
        (run.All + verify.All + await File.ReadAllTextAsync(report)).Should().NotContain(password);
    }

    [Fact]
    public async Task Verify_names_the_keys_that_differ_when_the_target_was_tampered_with()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        (await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir)).ExitCode.Should().Be(0);

        // Change one zone's name (counts still match) and delete one alert.
        var zones = await _ddb.Client.ScanAsync(new ScanRequest
        {
            TableName = w.Table,
            FilterExpression = "entityType = :t",
            ExpressionAttributeValues = new() { [":t"] = new AttributeValue { S = "ZONE" } },
        });
        var zone = zones.Items.First();
        zone["name"] = new AttributeValue { S = zone["name"].S + " (edited)" };
        await _ddb.Client.PutItemAsync(w.Table, zone);

        var verify = await w.VdpAsync("verify", "--table", w.Table, "--report", Path.Combine(w.Folder, "v.json"));

        verify.ExitCode.Should().Be(3, verify.All);
        verify.StdOut.Should().Contain("ZONE different:").And.Contain(zone["PK"].S + "|METADATA");
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(w.Folder, "v.json")));
        var z = json.RootElement.GetProperty("entities").GetProperty("ZONE");
        z.GetProperty("checksumMatch").GetBoolean().Should().BeFalse("the counts match but the content does not");
        z.GetProperty("target").GetInt64().Should().Be(36);
        z.GetProperty("different").EnumerateArray().Select(e => e.GetString()).Should().Equal(zone["PK"].S + "|METADATA");
    }

    [Fact]
    public async Task Dirty_dataset_ends_with_exit_3_and_every_row_accounted_for()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "dirty")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        var report = Path.Combine(w.Folder, "report.json");

        var run = await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir, "--report", report, "--allow-expired-ttl");

        run.ExitCode.Should().Be(3, run.All);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        json.RootElement.GetProperty("verified").GetBoolean().Should().BeTrue("source = target + rejected for every entity: " + run.StdOut);
        long rejectedTotal = 0;
        foreach (var e in json.RootElement.GetProperty("entities").EnumerateObject())
        {
            var source = e.Value.GetProperty("source").GetInt64();
            var target = e.Value.GetProperty("target").GetInt64();
            var rejected = e.Value.GetProperty("rejected").GetInt64();
            source.Should().Be(target + rejected, e.Name);
            (await w.CountItemsAsync(e.Name)).Should().Be(target, e.Name);
            rejectedTotal += rejected;
        }

        rejectedTotal.Should().BeGreaterThan(0);
        var rejectsFile = json.RootElement.GetProperty("rejectsFile").GetString()!;
        var rejects = (await File.ReadAllLinesAsync(rejectsFile)).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l)).ToList();
        rejects.Should().HaveCount((int)rejectedTotal, "each rejected row is listed once");
        foreach (var r in rejects)
        {
            r.RootElement.GetProperty("table").GetString().Should().NotBeNullOrEmpty();
            r.RootElement.GetProperty("primaryKey").GetString().Should().NotBeNullOrEmpty();
            r.RootElement.GetProperty("field").GetString().Should().NotBeNullOrEmpty();
            r.RootElement.GetProperty("reason").GetString().Should().NotBeNullOrEmpty();
            r.RootElement.TryGetProperty("row", out _).Should().BeTrue();
        }

        json.RootElement.GetProperty("warnings").GetArrayLength().Should().BeGreaterThan(0, "bad DevEUIs and orphan events are warned about");
    }

    [Fact]
    public async Task Expired_ttl_guard_stops_before_writing_and_names_the_option()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);

        var run = await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir, "--retention-days", "1");

        run.ExitCode.Should().Be(1, run.All);
        run.StdErr.Should().Contain("192 events").And.Contain("--retention-days").And.Contain("--allow-expired-ttl");
        (await w.CountItemsAsync()).Should().Be(0, "nothing is written when the guard trips");
    }

    [Fact]
    public async Task The_retention_default_comes_from_VDP_RETENTION_DAYS_and_the_option_wins_over_it()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        var env = w.Env;

        env["VDP_RETENTION_DAYS"] = "1";
        var fromEnv = await CliRunner.RunAsync(["migrate", "--table", w.Table, "--state-dir", w.StateDir], env);
        fromEnv.ExitCode.Should().Be(1, fromEnv.All);
        fromEnv.StdErr.Should().Contain("192 events", "a retention of 1 day from the environment trips the guard");

        env["VDP_RETENTION_DAYS"] = "soon";
        var bad = await CliRunner.RunAsync(["migrate", "--table", w.Table, "--state-dir", w.StateDir], env);
        bad.ExitCode.Should().Be(2, bad.All);
        bad.StdErr.Should().Contain("VDP_RETENTION_DAYS").And.Contain("soon");

        var option = await CliRunner.RunAsync(
            ["migrate", "--table", w.Table, "--state-dir", Path.Combine(w.Folder, "state-2"), "--retention-days", TestDates.DatasetRetentionDaysText], env);
        option.ExitCode.Should().Be(0, "--retention-days wins over a bad VDP_RETENTION_DAYS: " + option.All);
        (await w.CountItemsAsync("EVENT")).Should().Be(192);
    }

    [Fact]
    public async Task Killed_mid_run_then_rerun_resumes_and_verifies()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "scale:40000")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using (var p = CliRunner.Start(["migrate", "--table", w.Table, "--state-dir", w.StateDir, "--no-verify"], w.Env, stdout, stderr))
        {
            // Wait until some event batches are acknowledged and checkpointed, then SIGKILL.
            var state = Path.Combine(w.StateDir, "state.json");
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (DateTime.UtcNow < deadline && !p.HasExited)
            {
                if (File.Exists(state) && EventsRead(state) > 2000)
                {
                    break;
                }

                await Task.Delay(50);
            }

            p.HasExited.Should().BeFalse("the run must still be mid-flight to be killed: " + stderr);
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }

        var partial = await w.CountItemsAsync("EVENT");
        partial.Should().BeLessThan(40000, "the run was killed before the end");

        var rerun = await w.VdpAsync(TimeSpan.FromMinutes(8), "migrate", "--table", w.Table, "--state-dir", w.StateDir);

        rerun.ExitCode.Should().Be(0, rerun.All);
        rerun.StdOut.Should().Contain("COMPLETE AND VERIFIED");
        (await w.CountItemsAsync("EVENT")).Should().Be(40000);
    }

    [Fact]
    public async Task Sync_dry_run_lists_changes_and_sync_applies_them()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        (await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir)).ExitCode.Should().Be(0);

        // At the source, after the bulk copy: an insert, an update, a delete, and an alert acknowledged (no timestamp moves).
        await w.ExecuteSqlAsync("""
            INSERT INTO sensor_events (id, time, "tenantId", "sensorId", kind, decoded)
              SELECT 'ev-after-cutover', now(), "tenantId", id, 'HEARTBEAT', '{"battery": 3.5}'::jsonb FROM sensors ORDER BY id LIMIT 1;
            UPDATE zones SET name = name || ' (renamed)' WHERE id = (SELECT id FROM zones ORDER BY id LIMIT 1);
            DELETE FROM alerts WHERE id = (SELECT id FROM alerts WHERE status = 'RESOLVED' ORDER BY id LIMIT 1);
            UPDATE alerts SET status = 'ACKNOWLEDGED' WHERE id = (SELECT id FROM alerts WHERE status = 'OPEN' ORDER BY id LIMIT 1);
            """);
        var before = await w.CountItemsAsync();

        var plan = await w.VdpAsync("sync", "--dry-run", "--table", w.Table, "--state-dir", w.StateDir, "--report", Path.Combine(w.Folder, "plan.json"));

        plan.ExitCode.Should().Be(0, plan.All);
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(w.Folder, "plan.json"))))
        {
            var puts = json.RootElement.GetProperty("syncPuts");
            var deletes = json.RootElement.GetProperty("syncDeletes");
            puts.GetProperty("EVENT").GetInt64().Should().Be(1);
            puts.GetProperty("ZONE").GetInt64().Should().Be(1);
            puts.GetProperty("ALERT").GetInt64().Should().Be(1, "the acknowledged alert changed content without a timestamp");
            deletes.GetProperty("ALERT").GetInt64().Should().Be(1);
            json.RootElement.GetProperty("dryRun").GetBoolean().Should().BeTrue();
        }

        (await w.CountItemsAsync()).Should().Be(before, "a dry run changes nothing");
        (await w.VdpAsync("verify", "--table", w.Table)).ExitCode.Should().Be(3, "the target is still behind");

        var sync = await w.VdpAsync("sync", "--table", w.Table, "--state-dir", w.StateDir);

        sync.ExitCode.Should().Be(0, sync.All);
        (await w.VdpAsync("verify", "--table", w.Table)).ExitCode.Should().Be(0);
        (await w.CountItemsAsync()).Should().Be(356, "one event added, one alert deleted");
    }

    [Fact]
    public async Task Two_segments_in_parallel_give_the_same_verified_target_as_one_run()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);

        var runs = await Task.WhenAll(
            w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir + "-0", "--segment", "0/2"),
            w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir + "-1", "--segment", "1/2"));

        runs.Should().AllSatisfy(r => r.ExitCode.Should().Be(0, r.All));
        var written = runs.Select(r => r.StdOut).ToList();
        (await w.CountItemsAsync()).Should().Be(356);
        var verify = await w.VdpAsync("verify", "--table", w.Table);
        verify.ExitCode.Should().Be(0, verify.All + string.Join("\n", written));
    }

    [Fact]
    public async Task Export_lines_parse_back_to_the_items_the_migration_writes()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        (await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir)).ExitCode.Should().Be(0);
        var outDir = Path.Combine(w.Folder, "export");

        var export = await w.VdpAsync("export", "--table", w.Table, "--state-dir", w.StateDir + "-export", "--out", outDir);

        export.ExitCode.Should().Be(0, export.All);
        var exported = new Dictionary<string, UInt128>();
        foreach (var file in Directory.GetFiles(Path.Combine(outDir, "data"), "*.json.gz"))
        {
            using var gz = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            using var reader = new StreamReader(gz);
            while (await reader.ReadLineAsync() is { } line)
            {
                var item = DynamoDbJson.FromLine(line);
                exported[item["PK"].S + "|" + item["SK"].S] = ItemHash.Compute(item);
            }
        }

        exported.Should().HaveCount(356);
        Dictionary<string, AttributeValue>? start = null;
        var seen = 0;
        do
        {
            var page = await _ddb.Client.ScanAsync(new ScanRequest { TableName = w.Table, ExclusiveStartKey = start, ConsistentRead = true });
            foreach (var item in page.Items)
            {
                var key = item["PK"].S + "|" + item["SK"].S;
                exported.Should().ContainKey(key);
                exported[key].Should().Be(ItemHash.Compute(item), key);
                seen++;
            }

            start = page.LastEvaluatedKey is { Count: > 0 } k ? k : null;
        }
        while (start is not null);
        seen.Should().Be(356);
    }

    [Fact]
    public async Task A_second_run_on_a_locked_state_directory_is_refused()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        Directory.CreateDirectory(w.StateDir);
        using var held = new FileStream(Path.Combine(w.StateDir, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var run = await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir);

        run.ExitCode.Should().Be(1, run.All);
        run.StdErr.Should().Contain("Another run is using the state directory");
    }

    [Fact]
    public async Task A_corrupt_state_file_is_refused_with_what_to_do()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        Directory.CreateDirectory(w.StateDir);
        await File.WriteAllTextAsync(Path.Combine(w.StateDir, "state.json"), "{\"Version\": 1, \"Tables\": {\"TENANT\": {\"AfterKey\": ");

        var run = await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir);

        run.ExitCode.Should().Be(1, run.All);
        run.StdErr.Should().Contain("corrupt").And.Contain("Delete it to start over");
        (await w.CountItemsAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Bad_usage_exits_with_2()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("migrate", "--no-such-option")).ExitCode.Should().Be(2);
        (await w.VdpAsync("migrate", "--segment", "2/2", "--table", w.Table)).ExitCode.Should().Be(2);
        (await w.VdpAsync("migrate", "--tables", "parking_lots", "--table", w.Table)).ExitCode.Should().Be(2);
    }

    private static long EventsRead(string stateFile)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(stateFile));
            return doc.RootElement.GetProperty("Tables").TryGetProperty("EVENT", out var e) ? e.GetProperty("Read").GetInt64() : 0;
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return 0;
        }
    }
}
