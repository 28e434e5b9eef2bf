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
/// The IAM policies in docs/iam grant exactly the DynamoDB actions each component's code calls (found by scanning its .cs files for
/// <see cref="IAmazonDynamoDB"/> operations), on the table and, only where the code queries an index, on GSI1/GSI2. A new call
/// without a policy change (or a policy grant nobody calls) fails here.
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

    public static TheoryData<string, string[]> Components => new()
    {
        { "migration-policy.json", MigrationCode },
        { "api-policy.json", StoreCode },
        { "ingestion-policy.json", StoreCode },
    };

    [Theory]
    [MemberData(nameof(Components))]
    public void The_policy_grants_exactly_the_operations_the_component_calls_on_the_table_and_the_indexes_it_queries(string policyFile, string[] code)
    {
        var (actions, resources) = ReadPolicy(policyFile);
        var (called, queriesIndexes) = ScanCode(code);

        called.Should().NotBeEmpty("the scan must find the component's DynamoDB calls");
        actions.Should().BeEquivalentTo(called, $"{policyFile} must list exactly the operations the code calls");
        var expected = new List<string> { TableArn };
        if (queriesIndexes)
        {
            expected.Add(TableArn + "/index/GSI1");
            expected.Add(TableArn + "/index/GSI2");
        }

        resources.Should().BeEquivalentTo(expected, $"{policyFile}: the table, and its indexes only when a Query/Scan of the code names an IndexName");
    }

    [Fact]
    public void The_scan_finds_operations_by_the_sdk_interface_not_by_a_hand_written_list()
    {
        var operations = SdkOperations();
        operations.Should().Contain(["BatchWriteItem", "Query", "Scan", "GetItem", "PutItem", "DeleteItem", "TransactWriteItems"]);
        var (called, _) = ScanCode(MigrationCode);
        called.Should().Contain("dynamodb:BatchWriteItem").And.Contain("dynamodb:Scan").And.NotContain("dynamodb:DeleteTable");
    }

    private static (HashSet<string> Actions, HashSet<string> Resources) ReadPolicy(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "docs", "iam", file)));
        doc.RootElement.GetProperty("Version").GetString().Should().Be("2012-10-17");
        var actions = new HashSet<string>(StringComparer.Ordinal);
        var resources = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in doc.RootElement.GetProperty("Statement").EnumerateArray())
        {
            statement.GetProperty("Effect").GetString().Should().Be("Allow");
            foreach (var a in statement.GetProperty("Action").EnumerateArray())
            {
                a.GetString().Should().NotContain("*", "no wildcard actions");
                actions.Add(a.GetString()!);
            }

            foreach (var r in statement.GetProperty("Resource").EnumerateArray())
            {
                r.GetString().Should().NotContain("*", "no wildcard resources");
                resources.Add(r.GetString()!);
            }
        }

        return (actions, resources);
    }

    private static (HashSet<string> Actions, bool QueriesIndexes) ScanCode(string[] folders)
    {
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
                         .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
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
