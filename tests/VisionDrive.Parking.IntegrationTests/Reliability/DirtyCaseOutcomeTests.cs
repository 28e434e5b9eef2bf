using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using VisionDrive.Parking.Data.DynamoDb.Provisioning;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.Datasets;
using VisionDrive.Parking.Migration;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Reliability;

/// <summary>
/// Every case of the <c>dirty</c> dataset (<see cref="DirtyCases.All"/>) has the outcome docs/bad-input.md states: migrated (not
/// rejected, not warned about), migrated with a warning naming its field, or rejected with table, key, field and reason; and the
/// target holds exactly the rows that were not rejected (verified by checksum).
/// </summary>
public sealed class DirtyCaseOutcomeTests(PostgresServer pg, DynamoDbServer ddb) : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    [Fact]
    public async Task Each_dirty_case_is_migrated_warned_or_rejected_as_documented()
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);
        await using var source = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = w.Source });
        await ParkingDatasets.SeedAsync(source, "dirty");
        await new TableProvisioner(ddb.Client).EnsureTableAsync(w.Table);
        var engine = new MigrationEngine(new ParkingSourceReader(source), ddb.Client, new MigrationOptions
        {
            TableName = w.Table,
            StateDirectory = w.StateDir,
            AllowExpiredTtl = true,
        });

        var report = await engine.MigrateAsync();

        report.Verified.Should().BeTrue("source = target + rejected, checksums equal: " + report.ToJson());
        var rejects = File.ReadAllLines(Path.Combine(w.StateDir, "rejects.jsonl")).Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(r => (Table: r.GetProperty("table").GetString()!, Key: r.GetProperty("primaryKey").GetString()!,
                Field: r.GetProperty("field").GetString()!, Reason: r.GetProperty("reason").GetString()!))
            .ToList();
        foreach (var c in DirtyCases.All)
        {
            var rejected = rejects.Where(r => r.Table == c.Table && (r.Key == c.Key || r.Key.StartsWith(c.Key + "@", StringComparison.Ordinal))).ToList();
            var warned = report.Warnings.Where(x => x.Key == c.Key || x.Key.StartsWith(c.Key + "@", StringComparison.Ordinal) || x.Key.EndsWith("|" + c.Key, StringComparison.Ordinal)).ToList();
            var what = $"{c.Table} '{c.Key}' ({c.Description})";
            switch (c.Outcome)
            {
                case DirtyOutcome.Migrated:
                    rejected.Should().BeEmpty(what);
                    warned.Should().BeEmpty(what);
                    break;
                case DirtyOutcome.MigratedWithWarning:
                    rejected.Should().BeEmpty(what);
                    warned.Should().Contain(x => x.Field.Equals(c.Field, StringComparison.OrdinalIgnoreCase), what + ": " + string.Join("; ", warned));
                    break;
                case DirtyOutcome.Rejected:
                    rejected.Should().ContainSingle(what).Which.Field.Should().StartWithEquivalentOf(c.Field, what);
                    rejected.Single().Reason.Should().NotBeNullOrWhiteSpace(what);
                    break;
            }
        }

        rejects.Should().HaveCount(DirtyCases.All.Count(c => c.Outcome == DirtyOutcome.Rejected), "nothing else in the dirty dataset is rejected");
    }
}
