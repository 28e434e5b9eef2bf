using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb.Provisioning;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.Datasets;
using VisionDrive.Parking.Migration;
using VisionDrive.Parking.Migration.Pipeline;
using VisionDrive.Parking.Migration.State;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Reliability;

/// <summary>
/// Rows read again after an in-run resume (the same inspectors, the same state store) give the same warnings as the first time — no
/// "shared with another sensor/bay" about themselves —, two problems on one field are listed and counted once each, and a run resumed
/// from a checkpoint warns about the rows after it exactly as one uninterrupted run does (the inspectors read again what was before).
/// </summary>
public sealed class ResumeWarningTests(PostgresServer pg, DynamoDbServer ddb) : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    [Fact]
    public void A_row_read_again_is_not_another_row_sharing_its_devEui_or_bay_code()
    {
        var inspectors = new Inspectors();
        var first = EntitySamples.Sensor();
        var other = first with { Id = "PSL01B-002", BayId = "bay-2" };
        var bay = EntitySamples.Bay();
        var otherBay = bay with { Id = "bay-9" };

        var pass1 = inspectors.Warnings(first, other, bay, otherBay);
        var pass2 = inspectors.Warnings(first, other, bay, otherBay); // re-read after a resume

        pass1.Should().BeEquivalentTo(pass2, "a row read twice is warned about the same way twice");
        pass1.Where(w => w.Message.Contains("shared with another sensor", StringComparison.Ordinal)).Select(w => w.Key).Should().Equal("PSL01B-002");
        pass1.Where(w => w.Message.Contains("used by another bay", StringComparison.Ordinal)).Select(w => w.Key).Should().Equal("bay-9");
    }

    [Fact]
    public void Two_problems_on_one_field_are_each_listed_once_also_after_reopening_the_state()
    {
        var inspectors = new Inspectors();
        var malformed = EntitySamples.Sensor() with { DevEui = "12-34" };
        var twin = malformed with { Id = "PSL01B-777" }; // malformed and shared: two warnings on devEui
        var warnings = inspectors.Warnings(malformed, twin);
        warnings.Where(w => w.Key == "PSL01B-777").Should().HaveCount(2);

        var dir = Directory.CreateTempSubdirectory("vdp-warn-").FullName;
        try
        {
            using (var state = StateStore.Open(dir))
            {
                warnings.Select(state.AppendWarning).Should().AllSatisfy(added => added.Should().BeTrue());
                warnings.Select(state.AppendWarning).Should().AllSatisfy(added => added.Should().BeFalse("already listed"));
            }

            using (var reopened = StateStore.Open(dir))
            {
                warnings.Select(reopened.AppendWarning).Should().AllSatisfy(added => added.Should().BeFalse("listed before the restart"));
                reopened.ReadWarnings().Should().HaveCount(warnings.Count);
                reopened.Warnings.Should().BeEquivalentTo(warnings, "the committed warnings are the listed ones");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_run_resumed_after_the_first_of_two_twins_warns_about_the_second_as_an_uninterrupted_run_does()
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);
        await using var source = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = w.Source });
        await ParkingDatasets.SeedAsync(source, "dirty");
        await new TableProvisioner(ddb.Client).EnsureTableAsync(w.Table);
        const string firstSensorTwin = "PSL01B-001"; // shares its DevEUI with DirtyCases.SensorDuplicateDevEui, which sorts after it
        const string firstBayTwin = DirtyCases.BayDuplicateCodeA;
        string.CompareOrdinal(firstSensorTwin, DirtyCases.SensorDuplicateDevEui).Should().BeNegative();
        string.CompareOrdinal(firstBayTwin, DirtyCases.BayDuplicateCodeB).Should().BeNegative();

        var uninterrupted = await Engine(source, w, "whole").MigrateAsync();

        // A state directory whose checkpoint stands right after the first twin of each pair, as a run killed there leaves it.
        var resumed = Path.Combine(w.Folder, "resumed");
        await Engine(source, w, "resumed", EntityType.Tenant).MigrateAsync(); // a state.json with this run's fingerprint
        var stateFile = Path.Combine(resumed, StateStore.StateFileName);
        var state = JsonNode.Parse(await File.ReadAllTextAsync(stateFile))!;
        state["Tables"]!["SENSOR"] = new JsonObject { ["AfterKey"] = firstSensorTwin };
        state["Tables"]!["BAY"] = new JsonObject { ["AfterKey"] = firstBayTwin };
        await File.WriteAllTextAsync(stateFile, state.ToJsonString());
        var afterResume = await Engine(source, w, "resumed").MigrateAsync();

        var expected = uninterrupted.Warnings.Where(x => After(x, firstSensorTwin, firstBayTwin)).ToList();
        expected.Should().Contain(x => x.Key == DirtyCases.SensorDuplicateDevEui && x.Message.Contains("shared with another sensor", StringComparison.Ordinal));
        expected.Should().Contain(x => x.Key == DirtyCases.BayDuplicateCodeB && x.Message.Contains("used by another bay", StringComparison.Ordinal));
        afterResume.Warnings.Should().BeEquivalentTo(expected, "the rows after the checkpoint are warned about as in one uninterrupted run");
    }

    private static bool After(DataQualityWarning warning, string sensorKey, string bayKey) => warning.Entity switch
    {
        "SENSOR" => string.CompareOrdinal(warning.Key, sensorKey) > 0,
        "BAY" => string.CompareOrdinal(warning.Key, bayKey) > 0,
        _ => false,
    };

    private MigrationEngine Engine(NpgsqlDataSource source, MigrationWorld w, string stateName, params EntityType[] types) =>
        new(new ParkingSourceReader(source), ddb.Client, new MigrationOptions
        {
            TableName = w.Table,
            StateDirectory = Path.Combine(w.Folder, stateName),
            EntityTypes = types.Length > 0 ? types : [EntityType.Bay, EntityType.Sensor],
            AllowExpiredTtl = true,
            Verify = false,
        });

    /// <summary>The stateful inspectors, with no source behind them (nothing is resumed here).</summary>
    private sealed class Inspectors
    {
        private readonly SensorInspector _sensors = new(new SourceStage<Sensor>((_, _) => throw new InvalidOperationException("no source")), new SourceReadOptions());
        private readonly BayInspector _bays = new(new SourceStage<Bay>((_, _) => throw new InvalidOperationException("no source")), new SourceReadOptions());

        public List<DataQualityWarning> Warnings(params object[] entities)
        {
            var warnings = new List<DataQualityWarning>();
            foreach (var e in entities)
            {
                switch (e)
                {
                    case Sensor s:
                        _sensors.Inspect(s, warnings);
                        break;
                    case Bay b:
                        _bays.Inspect(b, warnings);
                        break;
                    default:
                        throw new ArgumentException(e.GetType().Name);
                }
            }

            return warnings;
        }
    }
}
