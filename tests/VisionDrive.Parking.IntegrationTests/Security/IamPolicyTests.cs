using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Security;

/// <summary>
/// The IAM policies in docs/iam, checked against the code statically. The migration's policy grants exactly the DynamoDB actions its code calls
/// (found by scanning its .cs files for <see cref="IAmazonDynamoDB"/> operations), on the table only. The API's and the ingestion service's
/// policies are narrower than the store code they share (each calls only part of it), so they are proved exact where their calls are
/// recorded: <c>tests/VisionDrive.Parking.Samples.Tests/Security/*IamPolicyRecordedCallsTests.cs</c> runs each sample against DynamoDB Local
/// and compares the recorded (action, resource) pairs with the policy both ways. Here they must stay within what the store code can call
/// at all: its actions, on the table and the indexes it queries, with only Query/Scan on an index ARN (the only actions an index supports).
/// </summary>
public sealed class IamPolicyTests
{
    private const string TableArn = "arn:aws:dynamodb:me-central-1:<account>:table/VisionDrive-Parking";

    private static readonly string[] MigrationCode =
    [
        "src/VisionDrive.Parking.Migration", "src/VisionDrive.Parking.Cli",
        "src/VisionDrive.Parking.Data.DynamoDb/Writing", "src/VisionDrive.Parking.Data.DynamoDb/Provisioning",
    ];

    private static readonly string[] StoreCode = ["src/VisionDrive.Parking.Data.DynamoDb/Stores"];

    /// <summary><c>vdp import</c>: its own policy (docs/iam/import-policy.json), since Import from S3 also reads the bucket.</summary>
    private const string ImportCode = "src/VisionDrive.Parking.Migration/Import";

    private static readonly string[] IndexActions = ["dynamodb:Query", "dynamodb:Scan"];

    [Fact]
    public void The_migration_policy_grants_exactly_the_operations_the_migration_calls_on_the_table()
    {
        var grants = ReadPolicy("migration-policy.json");
        var (called, queriesIndexes) = ScanCode(MigrationCode, except: ImportCode);

        called.Should().NotBeEmpty("the scan must find the migration's DynamoDB calls");
        queriesIndexes.Should().BeFalse("the migration reads no index (its provisioner's IndexName creates one: the table ARN covers that)");
        grants.Select(g => g.Action).Should().BeEquivalentTo(called, "migration-policy.json must list exactly the operations the code calls");
        grants.Select(g => g.Resource).Distinct().Should().Equal([TableArn], "the migration works on the table only");
        grants.Should().HaveCount(called.Count, "every action on the table, nothing else");
    }

    [Fact]
    public void The_import_policy_grants_exactly_the_dynamodb_operations_the_import_calls()
    {
        var grants = ReadPolicy("import-policy.json").Where(g => g.Action.StartsWith("dynamodb:", StringComparison.Ordinal)).ToList();
        var (called, _) = ScanCode([ImportCode]);

        called.Should().Contain("dynamodb:ImportTable").And.Contain("dynamodb:DescribeImport");
        grants.Select(g => g.Action).Distinct().Should().BeEquivalentTo(called, "import-policy.json must list exactly the DynamoDB operations the import calls");
        grants.Select(g => g.Resource).Should().OnlyContain(
            r => r == TableArn || r == TableArn + "/import/*", "the import works on the table and its imports only");
    }

    [Theory]
    [InlineData("api-policy.json")]
    [InlineData("ingestion-policy.json")]
    public void A_sample_policy_grants_only_what_the_store_code_can_call_and_indexes_only_Query_or_Scan(string policyFile)
    {
        var grants = ReadPolicy(policyFile);
        var (called, queriesIndexes) = ScanCode(StoreCode);

        called.Should().NotBeEmpty("the scan must find the store's DynamoDB calls");
        queriesIndexes.Should().BeTrue("the store queries GSI1 and GSI2");
        if (called.Contains("dynamodb:TransactWriteItems"))
        {
            // IAM has no TransactWriteItems action: it checks each item's own action (Put, Update, Delete, ConditionCheck).
            called.UnionWith(["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem"]);
        }

        grants.Select(g => g.Action).Should().OnlyContain(a => called.Contains(a), $"{policyFile} may grant only operations the store code calls ({string.Join(", ", called.Order())})");
        grants.Select(g => g.Resource).Should().OnlyContain(
            r => r == TableArn || r == TableArn + "/index/GSI1" || r == TableArn + "/index/GSI2", $"{policyFile}: the table and its two indexes only");
        grants.Where(g => g.Resource.Contains("/index/", StringComparison.Ordinal)).Select(g => g.Action)
            .Should().OnlyContain(a => IndexActions.Contains(a), $"{policyFile}: an index ARN supports only Query and Scan; item actions belong on the table ARN");
        grants.Should().Contain(g => g.Resource == TableArn, $"{policyFile}: every component reads the table");
    }

    [Fact]
    public void The_scan_finds_operations_by_the_sdk_interface_not_by_a_hand_written_list()
    {
        var operations = SdkOperations();
        operations.Should().Contain(["BatchWriteItem", "Query", "Scan", "GetItem", "PutItem", "DeleteItem", "TransactWriteItems"]);
        var (called, _) = ScanCode(MigrationCode);
        called.Should().Contain("dynamodb:BatchWriteItem").And.Contain("dynamodb:Scan").And.NotContain("dynamodb:DeleteTable");
    }

    /// <summary>The policy's grants: per statement, the cross product of its actions and resources (explicit, no wildcard).</summary>
    private static List<(string Action, string Resource)> ReadPolicy(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "docs", "iam", file)));
        doc.RootElement.GetProperty("Version").GetString().Should().Be("2012-10-17");
        var grants = new List<(string Action, string Resource)>();
        foreach (var statement in doc.RootElement.GetProperty("Statement").EnumerateArray())
        {
            statement.GetProperty("Effect").GetString().Should().Be("Allow");
            statement.TryGetProperty("NotAction", out _).Should().BeFalse($"{file}: no NotAction");
            statement.TryGetProperty("NotResource", out _).Should().BeFalse($"{file}: no NotResource");
            var actions = statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!).ToList();
            var resources = statement.GetProperty("Resource").EnumerateArray().Select(r => r.GetString()!).ToList();
            actions.Should().NotBeEmpty(file).And.OnlyContain(a => !a.Contains('*', StringComparison.Ordinal), "no wildcard actions");
            // No wildcard, except where the name is only known at run time: an import's id (DynamoDB makes it), the objects under the
            // export's prefix, the import's log streams.
            resources.Should().NotBeEmpty(file).And.OnlyContain(
                r => !r.Contains('*', StringComparison.Ordinal) || (r.IndexOf('*', StringComparison.Ordinal) == r.Length - 1 &&
                    (r.EndsWith("/import/*", StringComparison.Ordinal) || r.EndsWith("/<prefix>/*", StringComparison.Ordinal) || r.EndsWith(":log-group:/aws-dynamodb/*", StringComparison.Ordinal))),
                "no wildcard resources but an import's id, the export's objects and the import's logs");
            grants.AddRange(actions.SelectMany(a => resources.Select(r => (a, r))));
        }

        grants.Should().OnlyHaveUniqueItems($"{file} grants each action on each resource once");
        return grants;
    }

    private static (HashSet<string> Actions, bool QueriesIndexes) ScanCode(string[] folders, string? except = null)
    {
        var excluded = except is null ? null : Path.Combine(TestEnvironment.RepositoryRoot, except) + Path.DirectorySeparatorChar;
        var operations = SdkOperations();
        var called = new HashSet<string>(StringComparer.Ordinal);
        var indexes = false;
        var call = new Regex(@"\.(?<op>[A-Z]\w*)Async\s*\(", RegexOptions.CultureInvariant);
        var paginator = new Regex(@"\.Paginators\.(?<op>[A-Z]\w*)\s*\(", RegexOptions.CultureInvariant);
        foreach (var folder in folders)
        {
            var dir = Path.Combine(TestEnvironment.RepositoryRoot, folder);
            Directory.Exists(dir).Should().BeTrue(dir);
            foreach (var file in Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
                         .Where(f => excluded is null || !f.StartsWith(excluded, StringComparison.Ordinal)))
            {
                var text = File.ReadAllText(file);
                foreach (Match m in call.Matches(text).Concat(paginator.Matches(text)))
                {
                    if (operations.Contains(m.Groups["op"].Value))
                    {
                        called.Add("dynamodb:" + m.Groups["op"].Value);
                    }
                }

                // An index is read where a Query/Scan request names one (the provisioner's IndexName creates an index: the table ARN covers it).
                indexes |= Regex.IsMatch(text, @"\b(QueryRequest|ScanRequest|QueryAsync|ScanAsync)\b") && Regex.IsMatch(text, @"\bIndexName\s*=");
            }
        }

        return (called, indexes);
    }

    private static HashSet<string> SdkOperations() =>
        typeof(IAmazonDynamoDB).GetMethods()
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal))
            .Select(m => m.Name[..^"Async".Length])
            .ToHashSet(StringComparer.Ordinal);
}
