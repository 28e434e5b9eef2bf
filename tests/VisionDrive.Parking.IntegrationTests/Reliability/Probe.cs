using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace VisionDrive.Parking.IntegrationTests.Reliability;

/// <summary>Small probes shared by the fault tests: the checkpoint's progress, item counts, the report, a child process's wait.</summary>
internal static class Probe
{
    /// <summary>Rows of <paramref name="entity"/> read up to the saved checkpoint (0 when there is none yet or it is being replaced).</summary>
    public static long CheckpointRead(string stateDir, string entity = "EVENT")
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(stateDir, "state.json")));
            return doc.RootElement.GetProperty("Tables").TryGetProperty(entity, out var e) ? e.GetProperty("Read").GetInt64() : 0;
        }
        catch (Exception ex) when (ex is IOException or JsonException or KeyNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>Waits until the checkpoint shows more than <paramref name="rows"/> rows of <paramref name="entity"/>, or the process ended.</summary>
    public static async Task WaitForCheckpointAsync(Process p, string stateDir, long rows, string entity = "EVENT", int timeoutSeconds = 180)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (DateTime.UtcNow < deadline && !p.HasExited && CheckpointRead(stateDir, entity) <= rows)
        {
            await Task.Delay(25);
        }
    }

    public static async Task<long> CountAsync(IAmazonDynamoDB client, string table, string? entityType = null)
    {
        long count = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new ScanRequest { TableName = table, Select = Select.COUNT, ExclusiveStartKey = start, ConsistentRead = true };
            if (entityType is not null)
            {
                request.FilterExpression = "entityType = :t";
                request.ExpressionAttributeValues = new() { [":t"] = new AttributeValue { S = entityType } };
            }

            var response = await client.ScanAsync(request);
            count += response.Count ?? 0;
            start = response.LastEvaluatedKey is { Count: > 0 } k ? k : null;
        }
        while (start is not null);
        return count;
    }

    public static JsonDocument Report(string path) => JsonDocument.Parse(File.ReadAllText(path));

    public static long Entity(JsonDocument report, string entity, string field) =>
        report.RootElement.GetProperty("entities").GetProperty(entity).GetProperty(field).GetInt64();

    public static async Task KillAsync(Process p)
    {
        if (!p.HasExited)
        {
            p.Kill(entireProcessTree: true);
        }

        await p.WaitForExitAsync();
    }
}
