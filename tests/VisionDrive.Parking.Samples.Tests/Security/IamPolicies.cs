using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VisionDrive.Parking.Data.DynamoDb;
using VisionDrive.Parking.Data.DynamoDb.Client;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.Samples.Tests.Security;

/// <summary>One permission: an IAM action on one resource ARN.</summary>
public readonly record struct Grant(string Action, string Resource)
{
    public override string ToString() => $"{Action} on {Resource}";
}

/// <summary>The policies of docs/iam as (action, resource) grants, the recorded calls as the grants they need, and the recording seam.</summary>
public static class IamPolicies
{
    /// <summary>The production table the policies name; the test's own table stands for it.</summary>
    public const string TableArn = "arn:aws:dynamodb:me-central-1:<account>:table/" + ParkingDefaults.TableName;

    private const string ArnPrefix = "arn:aws:dynamodb:me-central-1:<account>:table/";

    /// <summary>
    /// What a policy of docs/iam allows: per statement, the cross product of its <c>Action</c> and <c>Resource</c> lists. Only plain
    /// <c>Allow</c> statements with explicit actions and ARNs are accepted (no wildcard, no <c>NotAction</c>/<c>NotResource</c>/<c>Condition</c>),
    /// so the set is exactly what the document grants.
    /// </summary>
    public static HashSet<Grant> Read(string file)
    {
        var path = Path.Combine(TestEnvironment.RepositoryRoot, "docs", "iam", file);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        doc.RootElement.GetProperty("Version").GetString().Should().Be("2012-10-17", file);
        var grants = new HashSet<Grant>();
        foreach (var statement in doc.RootElement.GetProperty("Statement").EnumerateArray())
        {
            statement.GetProperty("Effect").GetString().Should().Be("Allow", file);
            foreach (var name in new[] { "NotAction", "NotResource", "Condition", "Principal" })
            {
                statement.TryGetProperty(name, out _).Should().BeFalse($"{file}: a statement with {name} does not grant a plain action × resource set");
            }

            var actions = Strings(statement.GetProperty("Action"));
            var resources = Strings(statement.GetProperty("Resource"));
            actions.Should().NotBeEmpty(file).And.OnlyContain(a => a.StartsWith("dynamodb:", StringComparison.Ordinal) && !a.Contains('*', StringComparison.Ordinal), $"{file}: explicit DynamoDB actions, no wildcard");
            resources.Should().NotBeEmpty(file).And.OnlyContain(r => r.StartsWith(ArnPrefix, StringComparison.Ordinal) && !r.Contains('*', StringComparison.Ordinal), $"{file}: explicit table/index ARNs, no wildcard");
            foreach (var action in actions)
            {
                foreach (var resource in resources)
                {
                    grants.Add(new Grant(action, resource));
                }
            }
        }

        return grants;
    }

    /// <summary>
    /// The grant a recorded call needs: <c>dynamodb:&lt;Action&gt;</c> on the table ARN, or on <c>table/&lt;Table&gt;/index/&lt;Index&gt;</c> when
    /// the request names an index. <paramref name="testTable"/> (the test's table) maps to the production table name; any other table keeps
    /// its name (and then matches no policy); a request naming no table needs <c>"*"</c>.
    /// </summary>
    public static Grant Needs(DynamoDbCall call, string testTable)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Table is null)
        {
            return new Grant("dynamodb:" + call.Action, "*");
        }

        var table = call.Table == testTable ? TableArn : ArnPrefix + call.Table;
        return new Grant("dynamodb:" + call.Action, call.Index is null ? table : table + "/index/" + call.Index);
    }

    /// <summary>A table of the recorded calls per grant (count and HTTP statuses), for the test output.</summary>
    public static string Describe(IEnumerable<DynamoDbCall> calls, string testTable)
    {
        var text = new StringBuilder();
        foreach (var group in calls.GroupBy(c => Needs(c, testTable)).OrderBy(g => g.Key.Resource, StringComparer.Ordinal).ThenBy(g => g.Key.Action, StringComparer.Ordinal))
        {
            var statuses = string.Join(", ", group.GroupBy(c => c.Status).OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Count()}"));
            text.Append(group.Key).Append(": ").Append(group.Count()).Append(" requests (HTTP ").Append(statuses).AppendLine(")");
        }

        return text.ToString();
    }

    /// <summary>
    /// Makes the store's DynamoDB client record its calls. <c>AddVisionDriveParkingDynamoDb</c> registers the store's own client as a keyed
    /// singleton (under a private key, so an application's <see cref="IAmazonDynamoDB"/> is neither used nor replaced); this registers, under that
    /// same key, a client built the library's way (<see cref="DynamoDbClientFactory.CreateConfig"/> from the bound options) plus the recording
    /// <see cref="RecordingHttpClientFactory"/>. The last registration for a key wins, so the library's own store factory gets this client.
    /// Call it after the store was registered (in the host's <c>configure</c> callback).
    /// </summary>
    public static void RecordDynamoDbCalls(IServiceCollection services, RecordingHttpClientFactory recorder)
    {
        var registered = services.Where(d => d.IsKeyedService && d.ServiceType == typeof(IAmazonDynamoDB)).ToList();
        registered.Should().ContainSingle("the DynamoDB store registers exactly one client of its own (keyed); the test replaces that one");
        services.AddKeyedSingleton<IAmazonDynamoDB>(registered[0].ServiceKey, (sp, _) =>
        {
            var config = DynamoDbClientFactory.CreateConfig(sp.GetRequiredService<IOptions<DynamoDbStoreOptions>>().Value);
            config.HttpClientFactory = recorder;
            return new AmazonDynamoDBClient(config);
        });
    }

    private static List<string> Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Array => value.EnumerateArray().Select(v => v.GetString()!).ToList(),
        _ => throw new InvalidOperationException($"An IAM Action/Resource is a string or an array of strings, not {value.ValueKind}."),
    };
}
