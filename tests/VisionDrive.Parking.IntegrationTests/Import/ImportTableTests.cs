using System;
using System.Text.Json;
using System.Threading.Tasks;
using VisionDrive.Parking.Migration;
using VisionDrive.Parking.Migration.Export;
using VisionDrive.Parking.Migration.Import;

namespace VisionDrive.Parking.IntegrationTests.Import;

/// <summary>
/// ImportTable and the DescribeImport polling against canned responses (no emulator implements them; the bodies are constructed from the DynamoDB
/// API reference, see <see cref="CannedDynamoDb"/>): the request carries the provisioner's table definition, the polling stops at the end state,
/// and the counts decide.
/// </summary>
public sealed class ImportTableTests
{
    private const string Arn = "arn:aws:dynamodb:me-central-1:123456789012:table/vdp-import/import/01700000000000-a1b2c3d4";

    private static readonly ExportManifest Manifest = new()
    {
        Table = "vdp-import",
        RetentionDays = 400,
        Segments = [0],
        Entities =
        {
            ["TENANT"] = new ExportEntitySummary { Count = 1, Checksum = "0000000000000000000000000000000a", UncompressedBytes = 300 },
            ["EVENT"] = new ExportEntitySummary { Count = 9, Checksum = "000000000000000000000000000000ff", UncompressedBytes = 4000 },
        },
        Files = [new ExportFile { Path = "data/segment-000-of-001-part-00000.json.gz", Items = 10, UncompressedBytes = 4300, Bytes = 900, Sha256 = new string('a', 64) }],
    };

    private static string Description(string status, long processed, long imported, long errors) => $$$"""
        {"ImportTableDescription":{"ImportArn":"{{{Arn}}}","ImportStatus":"{{{status}}}",
         "TableArn":"arn:aws:dynamodb:me-central-1:123456789012:table/vdp-import","TableId":"0f0e0d0c-0b0a-0908-0706-050403020100",
         "S3BucketSource":{"S3Bucket":"vdp-bucket","S3KeyPrefix":"runs/1/data/"},"InputFormat":"DYNAMODB_JSON","InputCompressionType":"GZIP",
         "StartTime":1700000000.0,"ProcessedItemCount":{{{processed}}},"ImportedItemCount":{{{imported}}},"ErrorCount":{{{errors}}},
         "ProcessedSizeBytes":4300,"CloudWatchLogGroupArn":"arn:aws:logs:me-central-1:123456789012:log-group:/aws-dynamodb/imports:*"}}
        """;

    private const string ActiveTable = """
        {"Table":{"TableName":"vdp-import","TableStatus":"ACTIVE",
         "KeySchema":[{"AttributeName":"PK","KeyType":"HASH"},{"AttributeName":"SK","KeyType":"RANGE"}],
         "AttributeDefinitions":[{"AttributeName":"PK","AttributeType":"S"},{"AttributeName":"SK","AttributeType":"S"},
           {"AttributeName":"GSI1PK","AttributeType":"S"},{"AttributeName":"GSI1SK","AttributeType":"S"},
           {"AttributeName":"GSI2PK","AttributeType":"S"},{"AttributeName":"GSI2SK","AttributeType":"S"}],
         "GlobalSecondaryIndexes":[
           {"IndexName":"GSI1","IndexStatus":"ACTIVE","KeySchema":[{"AttributeName":"GSI1PK","KeyType":"HASH"},{"AttributeName":"GSI1SK","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}},
           {"IndexName":"GSI2","IndexStatus":"ACTIVE","KeySchema":[{"AttributeName":"GSI2PK","KeyType":"HASH"},{"AttributeName":"GSI2SK","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}],
         "BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST"}}}
        """;

    private static CannedDynamoDb Canned(params string[] describeImport) => new CannedDynamoDb()
        .Answer("ImportTable", Description("IN_PROGRESS", 0, 0, 0))
        .Answer("DescribeImport", describeImport)
        .Answer("DescribeTable", ActiveTable)
        .Answer("DescribeTimeToLive", """{"TimeToLiveDescription":{"TimeToLiveStatus":"DISABLED"}}""")
        .Answer("UpdateTimeToLive", """{"TimeToLiveSpecification":{"AttributeName":"ttl","Enabled":true}}""");

    [Fact]
    public async Task The_import_request_creates_the_designed_table_from_the_data_prefix_and_polls_until_completed_then_enables_ttl()
    {
        var canned = Canned(Description("IN_PROGRESS", 4, 0, 0), Description("IN_PROGRESS", 8, 0, 0), Description("COMPLETED", 10, 10, 0));
        using var client = canned.Client();
        var importer = new DynamoDbImporter(client) { PollInterval = TimeSpan.FromMilliseconds(5) };

        var outcome = await importer.ImportAsync(Manifest, "vdp-import", "vdp-bucket", "runs/1");

        outcome.Succeeded.Should().BeTrue(outcome.Explain());
        outcome.Imported.Should().Be(10);
        canned.Count("DescribeImport").Should().Be(3, "it polls until the import is no longer IN_PROGRESS");
        canned.Count("UpdateTimeToLive").Should().Be(1, "ImportTable cannot set TTL: it is enabled after the import");
        canned.Requests.Should().Contain(r => r.Operation == "UpdateTimeToLive" && r.Body.Contains("\"AttributeName\":\"ttl\""));

        canned.Requests.TryPeek(out var first).Should().BeTrue();
        first.Operation.Should().Be("ImportTable");
        using var body = JsonDocument.Parse(first.Body);
        var root = body.RootElement;
        root.GetProperty("InputFormat").GetString().Should().Be("DYNAMODB_JSON");
        root.GetProperty("InputCompressionType").GetString().Should().Be("GZIP");
        root.GetProperty("S3BucketSource").GetProperty("S3Bucket").GetString().Should().Be("vdp-bucket");
        root.GetProperty("S3BucketSource").GetProperty("S3KeyPrefix").GetString().Should().Be("runs/1/data/", "only the data files are DynamoDB JSON, not the manifests");
        root.GetProperty("ClientToken").GetString().Should().Be(DynamoDbImporter.ClientToken(Manifest, "vdp-import", "vdp-bucket", "runs/1"));
        var table = root.GetProperty("TableCreationParameters");
        table.GetProperty("TableName").GetString().Should().Be("vdp-import");
        table.GetProperty("BillingMode").GetString().Should().Be("PAY_PER_REQUEST");
        table.GetProperty("KeySchema").GetRawText().Should().Contain("\"PK\"").And.Contain("HASH").And.Contain("\"SK\"").And.Contain("RANGE");
        var indexes = table.GetProperty("GlobalSecondaryIndexes");
        indexes.GetArrayLength().Should().Be(2);
        foreach (var (index, pk, sk) in new[] { ("GSI1", "GSI1PK", "GSI1SK"), ("GSI2", "GSI2PK", "GSI2SK") })
        {
            var gsi = indexes.EnumerateArray().Should().ContainSingle(i => i.GetProperty("IndexName").GetString() == index).Subject;
            gsi.GetProperty("KeySchema").GetRawText().Should().Contain(pk).And.Contain(sk);
            gsi.GetProperty("Projection").GetProperty("ProjectionType").GetString().Should().Be("ALL");
        }
    }

    [Fact]
    public async Task Fewer_imported_than_processed_items_fail_the_import_because_a_duplicate_key_overwrote_silently()
    {
        var canned = Canned(Description("COMPLETED", 10, 9, 0));
        using var client = canned.Client();
        var importer = new DynamoDbImporter(client) { PollInterval = TimeSpan.FromMilliseconds(5) };

        var outcome = await importer.ImportAsync(Manifest, "vdp-import", "vdp-bucket", "runs/1");

        outcome.Succeeded.Should().BeFalse();
        outcome.Explain().Should().Contain("1 of the processed items are not in the table").And.Contain("overwrite");
    }

    [Fact]
    public async Task Import_errors_and_a_failed_import_are_reported_with_what_to_do()
    {
        using (var client = Canned(Description("COMPLETED", 10, 8, 2)).Client())
        {
            var outcome = await new DynamoDbImporter(client) { PollInterval = TimeSpan.FromMilliseconds(5) }.ImportAsync(Manifest, "vdp-import", "vdp-bucket", "runs/1");
            outcome.Succeeded.Should().BeFalse();
            outcome.Explain().Should().Contain("2 errors").And.Contain("log-group");
        }

        var failed = Description("FAILED", 3, 0, 0).Replace("\"ErrorCount\":0", "\"ErrorCount\":0,\"FailureCode\":\"AccessDenied\",\"FailureMessage\":\"no s3:GetObject\"", StringComparison.Ordinal);
        var canned = Canned(failed);
        using (var client = canned.Client())
        {
            var outcome = await new DynamoDbImporter(client) { PollInterval = TimeSpan.FromMilliseconds(5) }.ImportAsync(Manifest, "vdp-import", "vdp-bucket", "runs/1");
            outcome.Succeeded.Should().BeFalse();
            outcome.Status.Should().Be("FAILED");
            outcome.Explain().Should().Contain("AccessDenied");
            canned.Count("UpdateTimeToLive").Should().Be(0, "a failed import leaves no table to configure");
        }
    }

    [Fact]
    public void The_client_token_is_the_same_for_the_same_export_and_differs_for_another()
    {
        var token = DynamoDbImporter.ClientToken(Manifest, "t", "b", "p/");
        token.Should().Be(DynamoDbImporter.ClientToken(Manifest, "t", "b", "p"));
        token.Should().NotBe(DynamoDbImporter.ClientToken(Manifest, "t2", "b", "p"));
        var other = new ExportManifest { Entities = { ["TENANT"] = new ExportEntitySummary { Count = 1, Checksum = "0000000000000000000000000000000b" } } };
        token.Should().NotBe(DynamoDbImporter.ClientToken(other, "t", "b", "p"));
        token.Length.Should().BeLessThanOrEqualTo(36);
    }
}
