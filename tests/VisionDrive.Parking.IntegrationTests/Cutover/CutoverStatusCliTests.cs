using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Cutover;

/// <summary>
/// <c>vdp cutover status</c> against real PostgreSQL and DynamoDB Local: the pending secondary writes are the rows of <c>vdp_outbox</c>
/// (0 while there is no outbox), the last verify is the state directory's <c>last-verify.json</c>, text or <c>--json</c>, exit 0.
/// </summary>
public sealed class CutoverStatusCliTests : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    private readonly PostgresServer _pg;
    private readonly DynamoDbServer _ddb;

    public CutoverStatusCliTests(PostgresServer pg, DynamoDbServer ddb)
    {
        _pg = pg;
        _ddb = ddb;
    }

    [Fact]
    public async Task Status_shows_the_outbox_rows_and_the_last_verify_as_text_and_json()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        var emptyDir = Path.Combine(w.Folder, "no-verify-yet");

        // Before any dual write and any verify: no outbox, no record.
        var before = await w.VdpAsync("cutover", "status", "--state-dir", emptyDir, "--json");

        before.ExitCode.Should().Be(0, before.All);
        using (var json = JsonDocument.Parse(before.StdOut))
        {
            json.RootElement.GetProperty("outboxPresent").GetBoolean().Should().BeFalse();
            json.RootElement.GetProperty("pendingSecondaryWrites").GetInt64().Should().Be(0);
            json.RootElement.GetProperty("lastVerify").ValueKind.Should().Be(JsonValueKind.Null);
        }

        (await w.VdpAsync("cutover", "status", "--state-dir", emptyDir)).StdOut.Should().Contain("Last verify:").And.Contain("none in " + emptyDir);

        (await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir)).ExitCode.Should().Be(0);

        // The outbox as the cutover schema makes it (docs/cutover.md), with three keys a PostgreSQL-primary write left for DynamoDB.
        await w.ExecuteSqlAsync("""
            CREATE TABLE IF NOT EXISTS vdp_outbox (id bigserial PRIMARY KEY, entity_type text NOT NULL, entity_id text NOT NULL,
              event_time timestamptz, deleted_version timestamptz, created_at timestamptz NOT NULL DEFAULT now());
            INSERT INTO vdp_outbox (entity_type, entity_id) SELECT 'ZONE', id FROM zones ORDER BY id LIMIT 3;
            """);

        var text = await w.VdpAsync("cutover", "status", "--state-dir", w.StateDir);
        var json2 = await w.VdpAsync("cutover", "status", "--state-dir", w.StateDir, "--json");

        text.ExitCode.Should().Be(0, text.All);
        text.StdOut.Should().Contain("Pending secondary writes: 3 (rows in vdp_outbox)")
            .And.Contain($"`vdp migrate` of table {w.Table}: clean, 0 differences")
            .And.Contain("GET /cutover");
        json2.ExitCode.Should().Be(0, json2.All);
        using (var json = JsonDocument.Parse(json2.StdOut))
        {
            json.RootElement.GetProperty("outboxPresent").GetBoolean().Should().BeTrue();
            json.RootElement.GetProperty("pendingSecondaryWrites").GetInt64().Should().Be(3);
            var last = json.RootElement.GetProperty("lastVerify");
            last.GetProperty("command").GetString().Should().Be("migrate");
            last.GetProperty("verified").GetBoolean().Should().BeTrue();
            last.GetProperty("clean").GetBoolean().Should().BeTrue();
            last.GetProperty("differences").GetInt64().Should().Be(0);
            last.GetProperty("time").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        }

        // A failed verify replaces the record: the status says so.
        await w.ExecuteSqlAsync("UPDATE zones SET name = name || ' (changed)' WHERE id = (SELECT min(id) FROM zones)");
        (await w.VdpAsync("verify", "--table", w.Table, "--state-dir", w.StateDir)).ExitCode.Should().Be(3);
        await w.ExecuteSqlAsync("DELETE FROM vdp_outbox");

        var after = await w.VdpAsync("cutover", "status", "--state-dir", w.StateDir);

        after.ExitCode.Should().Be(0, after.All);
        after.StdOut.Should().Contain("Pending secondary writes: 0 (rows in vdp_outbox)")
            .And.Contain($"`vdp verify` of table {w.Table}: NOT VERIFIED, 1 differences");
        var password = new NpgsqlConnectionStringBuilder(w.Source).Password;
        if (!string.IsNullOrEmpty(password))
        {
            (text.All + json2.All + after.All).Should().NotContain(password);
        }
    }

    [Fact]
    public async Task Status_without_a_source_is_bad_usage()
    {
        var run = await CliRunner.RunAsync(["cutover", "status"], new System.Collections.Generic.Dictionary<string, string?> { ["VDP_SOURCE"] = null });

        run.ExitCode.Should().Be(2, run.All);
        run.StdErr.Should().Contain("--source");
    }
}
