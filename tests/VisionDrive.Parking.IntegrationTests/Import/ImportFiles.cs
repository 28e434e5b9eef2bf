using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data.DynamoDb.Provisioning;
using VisionDrive.Parking.Migration.Export;

namespace VisionDrive.Parking.IntegrationTests.Import;

/// <summary>
/// Test-only helpers over an export folder: read its objects back, and load them into DynamoDB Local the way Import from S3 would (a new table
/// of the provisioner's design, every line put as it is, a later line with the same key overwriting an earlier one) — no emulator implements
/// ImportTable, so this stands in for it to show that the exported files make a table `vdp verify` accepts.
/// </summary>
internal static class ImportFiles
{
    public static async Task<List<Dictionary<string, AttributeValue>>> ReadAsync(string path)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        await using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        while (await reader.ReadLineAsync() is { } line)
        {
            items.Add(DynamoDbJson.FromLine(line));
        }

        return items;
    }

    public static async Task<long> LoadAsync(IAmazonDynamoDB client, string table, string folder, ExportManifest manifest)
    {
        await new TableProvisioner(client).EnsureTableAsync(table);
        long written = 0;
        foreach (var file in manifest.Files)
        {
            var items = await ReadAsync(Path.Combine(folder, file.Path));
            foreach (var chunk in items.Chunk(25))
            {
                var pending = new Dictionary<string, List<WriteRequest>> { [table] = chunk.Select(i => new WriteRequest(new PutRequest(i))).ToList() };
                while (pending.Count > 0 && pending.Values.Sum(v => v.Count) > 0)
                {
                    var response = await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending });
                    pending = response.UnprocessedItems ?? [];
                }

                written += chunk.Length;
            }
        }

        return written;
    }
}
