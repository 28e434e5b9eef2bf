using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Reliability;

/// <summary>
/// The state directory broken underneath a run: a truncated or empty checkpoint, a read-only disk, a disk that is full before the run
/// or fills up during it. Each is refused with a clear message and nothing is written wrongly; once fixed, the rerun verifies.
/// (A corrupt state file and two runs on one directory are in MigrationCliTests.)
/// </summary>
public sealed class StateDirectoryFaultTests(PostgresServer pg, DynamoDbServer ddb) : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    [Fact]
    public async Task A_real_checkpoint_truncated_or_emptied_is_refused_and_nothing_is_rewritten()
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        (await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir, "--tables", "tenants,sites,zones")).ExitCode.Should().Be(0);
        var stateFile = Path.Combine(w.StateDir, "state.json");
        var real = await File.ReadAllTextAsync(stateFile);

        foreach (var (name, content) in new[] { ("half", real[..(real.Length / 2)]), ("empty", ""), ("json null", "null") })
        {
            await File.WriteAllTextAsync(stateFile, content);

            var run = await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", w.StateDir, "--tables", "tenants,sites,zones");

            run.ExitCode.Should().Be(1, name + ": " + run.All);
            run.StdErr.Should().Contain(stateFile, name).And.Contain("Delete it to start over", name).And.NotContain("   at ", name);
            (await File.ReadAllTextAsync(stateFile)).Should().Be(content, name + ": a refused run leaves the file for the operator to inspect");
        }

        (await w.CountItemsAsync()).Should().Be(38, "only what the first run wrote");
    }

    [Fact]
    public async Task A_state_directory_on_a_read_only_disk_is_refused_before_anything_is_written()
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        using var mount = TmpfsMount.Create("64k", readOnly: true);

        foreach (var dir in new[] { mount.Path, Path.Combine(mount.Path, "state") })
        {
            var run = await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", dir);

            run.ExitCode.Should().Be(1, dir + ": " + run.All);
            run.StdErr.Should().Contain(dir).And.Contain("writable --state-dir", "the message names what to do: " + run.StdErr)
                .And.NotContain("Another run", "a read-only disk is not a lock held by another run");
        }

        (await w.CountItemsAsync()).Should().Be(0, "nothing is written without a checkpoint to record it");
    }

    [Fact]
    public async Task A_full_disk_stops_the_run_clearly_and_after_freeing_space_the_rerun_resumes_and_verifies()
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);
        (await w.VdpAsync("seed", "dirty")).ExitCode.Should().Be(0);
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        using var mount = TmpfsMount.Create("64k");
        var state = Path.Combine(mount.Path, "state");

        // Full before the run: refused before anything is written.
        var filler = Path.Combine(mount.Path, "filler");
        await FillAsync(filler);
        var full = await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", state, "--allow-expired-ttl");
        full.ExitCode.Should().Be(1, full.All);
        full.StdErr.Should().Contain("disk full").And.NotContain("   at ");
        (await w.CountItemsAsync()).Should().Be(0);

        // Fills up during the run: the dirty dataset's rejects (one row holds a 400 KB payload) do not fit in 64 KB.
        File.Delete(filler);
        var during = await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", state, "--allow-expired-ttl");
        during.ExitCode.Should().Be(1, during.All);
        during.StdErr.Should().Contain("disk full").And.Contain("rerun").And.NotContain("   at ");

        // Space freed: the rerun resumes from the intact checkpoint; every row is accounted for, each reject listed once.
        mount.Remount("size=16m");
        var report = Path.Combine(w.Folder, "report.json");
        var rerun = await w.VdpAsync("migrate", "--table", w.Table, "--state-dir", state, "--allow-expired-ttl", "--report", report);

        rerun.ExitCode.Should().Be(3, "the dirty dataset has rejects: " + rerun.All);
        using var json = Probe.Report(report);
        json.RootElement.GetProperty("verified").GetBoolean().Should().BeTrue(rerun.StdOut);
        long rejected = 0;
        foreach (var e in json.RootElement.GetProperty("entities").EnumerateObject())
        {
            e.Value.GetProperty("source").GetInt64().Should().Be(e.Value.GetProperty("target").GetInt64() + e.Value.GetProperty("rejected").GetInt64(), e.Name);
            rejected += e.Value.GetProperty("rejected").GetInt64();
        }

        var lines = (await File.ReadAllLinesAsync(Path.Combine(state, "rejects.jsonl"))).Where(l => l.Length > 0).ToList();
        var keys = lines.Select(l =>
        {
            using var d = JsonDocument.Parse(l);
            return d.RootElement.GetProperty("table").GetString() + "|" + d.RootElement.GetProperty("primaryKey").GetString();
        }).ToList();
        keys.Should().OnlyHaveUniqueItems().And.HaveCount((int)rejected, "every line parses, and each rejected row is listed once");
    }

    private static Task FillAsync(string path)
    {
        var block = new byte[4096];
        using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            while (true)
            {
                fs.Write(block);
            }
        }
        catch (IOException)
        {
            // ENOSPC: the disk is full.
        }

        return Task.CompletedTask;
    }
}
