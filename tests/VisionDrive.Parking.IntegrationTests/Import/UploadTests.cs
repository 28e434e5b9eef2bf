using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Amazon.S3.Model;
using VisionDrive.Parking.Migration.Export;
using VisionDrive.Parking.Migration.Import;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Import;

/// <summary>The upload of <c>vdp import</c> against a real S3-compatible server (s3rver), killed mid-way and rerun.</summary>
public sealed class UploadTests : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>, IClassFixture<S3Server>
{
    private readonly PostgresServer _pg;
    private readonly DynamoDbServer _ddb;
    private readonly S3Server _s3;

    public UploadTests(PostgresServer pg, DynamoDbServer ddb, S3Server s3)
    {
        _pg = pg;
        _ddb = ddb;
        _s3 = s3;
    }

    [Fact]
    public async Task An_upload_killed_midway_and_rerun_ends_with_every_object_once_and_each_checksum_matching()
    {
        await using var w = await MigrationWorld.CreateAsync(_pg, _ddb);
        (await w.VdpAsync(TimeSpan.FromMinutes(5), "seed", "scale:20000")).ExitCode.Should().Be(0);
        var outDir = Path.Combine(w.Folder, "export");
        (await w.VdpAsync(TimeSpan.FromMinutes(5), "export", "--table", w.Table, "--state-dir", w.StateDir, "--out", outDir, "--items-per-object", "100")).ExitCode.Should().Be(0);
        var manifest = await ExportManifest.LoadAsync(Path.Combine(outDir, ExportManifest.FileName));
        manifest.Files.Should().HaveCountGreaterThan(150);
        var bucket = "vdp-" + Guid.NewGuid().ToString("N")[..12];
        await _s3.Client.PutBucketAsync(bucket);
        var env = new Dictionary<string, string?>(w.Env)
        {
            ["AWS_ACCESS_KEY_ID"] = S3Server.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = S3Server.SecretKey,
        };
        string[] args = ["import", "--upload-only", "--out", outDir, "--bucket", bucket, "--prefix", "runs/1", "--s3-endpoint-url", _s3.ServiceUrl];

        // Kill the upload once some objects are in the bucket.
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using (var first = CliRunner.Start(args, env, stdout, stderr))
        {
            var waited = Stopwatch.StartNew();
            while ((await KeysAsync(bucket)).Count < 10 && !first.HasExited && waited.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(20);
            }

            first.HasExited.Should().BeFalse($"the upload must still run to be killed mid-way\n{stdout}\n{stderr}");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var before = await KeysAsync(bucket);
        before.Count.Should().BeGreaterThanOrEqualTo(10).And.BeLessThan(manifest.Files.Count, "killed before the end");
        before.Should().NotContain("runs/1/manifest.json", "the manifest goes up last");

        var rerun = await CliRunner.RunAsync(args, env);

        rerun.ExitCode.Should().Be(0, rerun.All);
        var skipped = int.Parse(Regex.Match(rerun.StdOut, @"skipped (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        skipped.Should().BeGreaterThanOrEqualTo(before.Count(k => k.Contains("/data/", StringComparison.Ordinal)) - 4,
            "objects completed before the kill are skipped (at most the 4 in flight can be redone)");
        var after = await KeysAsync(bucket);
        after.Should().OnlyHaveUniqueItems();
        after.Should().BeEquivalentTo(manifest.Files.Select(f => "runs/1/" + f.Path).Append("runs/1/manifest.json"));
        foreach (var file in manifest.Files)
        {
            using var get = await _s3.Client.GetObjectAsync(bucket, "runs/1/" + file.Path);
            await using var body = new MemoryStream();
            await get.ResponseStream.CopyToAsync(body);
            Convert.ToHexStringLower(SHA256.HashData(body.ToArray())).Should().Be(file.Sha256, file.Path);
            get.Metadata[ExportUploader.Sha256Metadata].Should().Be(file.Sha256);
        }

        var third = await CliRunner.RunAsync(args, env);
        third.ExitCode.Should().Be(0, third.All);
        third.StdOut.Should().Contain($"Uploaded 0 objects").And.Contain($"skipped {manifest.Files.Count}");
    }

    [Fact]
    public async Task A_large_object_goes_up_in_parts_and_reads_back_whole_and_a_changed_local_file_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("vdp-upload-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "data"));
            var payload = new byte[6 << 20];
            new Random(7).NextBytes(payload);
            await File.WriteAllBytesAsync(Path.Combine(folder, "data", "big.json.gz"), payload);
            var manifest = new ExportManifest
            {
                Table = "t",
                Segments = [0],
                Files = [new ExportFile { Path = "data/big.json.gz", Items = 1, Bytes = payload.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(payload)) }],
            };
            await manifest.SaveAsync(Path.Combine(folder, ExportManifest.FileName));
            var bucket = "vdp-" + Guid.NewGuid().ToString("N")[..12];
            await _s3.Client.PutBucketAsync(bucket);
            using var client = S3Server.CreateClient(_s3.ServiceUrl);
            var parts = new List<long>();
            client.BeforeRequestEvent += (_, e) =>
            {
                if (e is Amazon.Runtime.WebServiceRequestEventArgs { Request: UploadPartRequest part })
                {
                    lock (parts)
                    {
                        parts.Add(part.PartSize ?? 0);
                    }
                }
            };
            var uploader = new ExportUploader(client) { MultipartThresholdBytes = 1 << 20, UseChunkEncoding = false };

            var result = await uploader.UploadAsync(folder, manifest, bucket, "p");

            result.Uploaded.Should().Be(1);
            parts.Should().Equal([ExportUploader.MinPartBytes, payload.Length - ExportUploader.MinPartBytes], "6 MiB go up as a 5 MiB part and the rest");
            using (var get = await _s3.Client.GetObjectAsync(bucket, "p/data/big.json.gz"))
            {
                await using var body = new MemoryStream();
                await get.ResponseStream.CopyToAsync(body);
                body.ToArray().Should().Equal(payload, "the parts are assembled into the file");
            }
            (await uploader.UploadAsync(folder, manifest, bucket, "p")).Skipped.Should().Be(1);

            payload[100] ^= 0xFF;
            await File.WriteAllBytesAsync(Path.Combine(folder, "data", "big.json.gz"), payload);
            await _s3.Client.DeleteObjectAsync(bucket, "p/data/big.json.gz");
            var act = () => uploader.UploadAsync(folder, manifest, bucket, "p");
            (await act.Should().ThrowAsync<VisionDrive.Parking.Migration.MigrationException>()).Which.Message.Should().Contain("does not match the manifest");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<List<string>> KeysAsync(string bucket)
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await _s3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, ContinuationToken = token });
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return keys;
    }
}
