using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using VisionDrive.Parking.Migration.Export;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Import;

/// <summary><c>vdp export</c> laid out for Import from S3, end to end against real PostgreSQL and DynamoDB Local.</summary>
public sealed class ExportForImportTests : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    private readonly PostgresServer _pg;
    private readonly DynamoDbServer _ddb;

    public ExportForImportTests(PostgresServer pg, DynamoDbServer ddb)
    {
        _pg = pg;
        _ddb = ddb;
    }

    [Fact]
    public async Task Export_objects_hold_unsorted_unique_keys_their_manifest_checksums_equal_verify_and_loaded_they_verify()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync(TimeSpan.FromMinutes(5), "seed", "scale:20000")).ExitCode.Should().Be(0);
        var outDir = Path.Combine(w.Folder, "export");

        var export = await w.VdpAsync(TimeSpan.FromMinutes(5), "export", "--table", w.Table, "--state-dir", w.StateDir, "--out", outDir, "--items-per-object", "5000");

        export.ExitCode.Should().Be(0, export.All);
        var manifest = await ExportManifest.LoadAsync(Path.Combine(outDir, ExportManifest.FileName));
        manifest.Files.Should().HaveCountGreaterThan(3);
        manifest.Files.Select(f => f.Path).Should().OnlyHaveUniqueItems();
        Directory.GetFiles(Path.Combine(outDir, "data")).Should().HaveCount(manifest.Files.Count);
        Directory.GetDirectories(outDir).Select(Path.GetFileName).Should().Equal(["data"], "the spill files are gone");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var unsortedFiles = 0;
        foreach (var file in manifest.Files)
        {
            var path = Path.Combine(outDir, file.Path);
            Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))).Should().Be(file.Sha256, file.Path);
            new FileInfo(path).Length.Should().Be(file.Bytes);
            var items = await ImportFiles.ReadAsync(path);
            items.Should().HaveCount((int)file.Items, file.Path);
            file.Items.Should().BeLessThan(5000 * 2, "objects are sized near --items-per-object");
            var fileKeys = items.Select(i => i["PK"].S + "\u0001" + i["SK"].S).ToList();
            foreach (var k in fileKeys)
            {
                keys.Add(k).Should().BeTrue($"key {k} appears once in the whole export");
            }

            if (!fileKeys.SequenceEqual(fileKeys.Order(StringComparer.Ordinal)))
            {
                unsortedFiles++;
            }
        }

        unsortedFiles.Should().Be(manifest.Files.Count, "every object is in randomised key order, none sorted");
        keys.Should().HaveCount((int)manifest.Items);
        manifest.UncompressedBytes.Should().Be(manifest.Entities.Values.Sum(e => e.UncompressedBytes));

        // An empty table: verify fails, but its report holds the source checksums it computed.
        (await w.VdpAsync("provision", "--table", w.Table)).ExitCode.Should().Be(0);
        var verifyReport = Path.Combine(w.Folder, "verify-empty.json");
        (await w.VdpAsync(TimeSpan.FromMinutes(5), "verify", "--table", w.Table, "--report", verifyReport)).ExitCode.Should().Be(3);
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(verifyReport)))
        {
            foreach (var (type, e) in manifest.Entities)
            {
                var v = json.RootElement.GetProperty("entities").GetProperty(type);
                e.Checksum.Should().Be(v.GetProperty("sourceChecksum").GetString(), type);
                e.Count.Should().Be(v.GetProperty("source").GetInt64() - v.GetProperty("rejected").GetInt64(), type);
            }
        }

        (await ImportFiles.LoadAsync(_ddb.Client, w.Table, outDir, manifest)).Should().Be(manifest.Items);
        var verify = await w.VdpAsync(TimeSpan.FromMinutes(5), "verify", "--table", w.Table);
        verify.ExitCode.Should().Be(0, verify.All);
    }

    [Fact]
    public async Task Segment_exports_into_one_folder_merge_into_the_manifest_of_a_whole_export()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync("seed", "guide")).ExitCode.Should().Be(0);
        var shared = Path.Combine(w.Folder, "shared");
        var whole = Path.Combine(w.Folder, "whole");
        var runs = await Task.WhenAll(
            w.VdpAsync("export", "--table", w.Table, "--state-dir", w.StateDir + "-0", "--out", shared, "--segment", "0/2", "--items-per-object", "50"),
            w.VdpAsync("export", "--table", w.Table, "--state-dir", w.StateDir + "-1", "--out", shared, "--segment", "1/2", "--items-per-object", "50"));
        runs.Should().AllSatisfy(r => r.ExitCode.Should().Be(0, r.All));
        File.Exists(Path.Combine(shared, ExportManifest.FileName)).Should().BeFalse("a segment alone does not make the whole manifest");
        (await w.VdpAsync("export", "--table", w.Table, "--state-dir", w.StateDir + "-w", "--out", whole)).ExitCode.Should().Be(0);

        var merge = await w.VdpAsync("export", "--merge", "--out", shared);

        merge.ExitCode.Should().Be(0, merge.All);
        var merged = await ExportManifest.LoadAsync(Path.Combine(shared, ExportManifest.FileName));
        var reference = await ExportManifest.LoadAsync(Path.Combine(whole, ExportManifest.FileName));
        merged.Segments.Should().Equal(0, 1);
        merged.Items.Should().Be(356);
        merged.Entities.Keys.Should().BeEquivalentTo(reference.Entities.Keys);
        foreach (var (type, e) in reference.Entities)
        {
            merged.Entities[type].Count.Should().Be(e.Count, type);
            merged.Entities[type].Checksum.Should().Be(e.Checksum, type);
            merged.Entities[type].UncompressedBytes.Should().Be(e.UncompressedBytes, type);
        }

        merged.Files.Should().OnlyContain(f => File.Exists(Path.Combine(shared, f.Path)));
        merged.Files.Sum(f => f.Items).Should().Be(356);

        File.Delete(Path.Combine(shared, ExportManifest.SegmentFileName(1, 2)));
        var incomplete = await w.VdpAsync("export", "--merge", "--out", shared);
        incomplete.ExitCode.Should().NotBe(0);
        incomplete.StdErr.Should().Contain("1/2").And.Contain("missing");
    }
}
