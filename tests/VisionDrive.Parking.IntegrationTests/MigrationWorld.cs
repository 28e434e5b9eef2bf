using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using Npgsql;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests;

/// <summary>One test's own world: a fresh source database, a unique table name, a temp state folder, and the environment for the CLI.</summary>
internal sealed class MigrationWorld : IAsyncDisposable
{
    private readonly PostgresServer _pg;

    private MigrationWorld(PostgresServer pg, DynamoDbServer ddb, string sourceConnectionString)
    {
        _pg = pg;
        Ddb = ddb;
        Source = sourceConnectionString;
        Table = ddb.NewTableName("vdp-mig");
        Folder = Directory.CreateTempSubdirectory("vdp-test-").FullName;
    }

    public DynamoDbServer Ddb { get; }

    public string Source { get; }

    public string Table { get; }

    public string Folder { get; }

    public string StateDir => Path.Combine(Folder, "state");

    public static async Task<MigrationWorld> CreateAsync(PostgresServer pg, DynamoDbServer ddb) =>
        new(pg, ddb, await pg.CreateDatabaseAsync("vdp_mig"));

    public Dictionary<string, string?> Env => new()
    {
        ["VDP_SOURCE"] = Source,
        ["AWS_ENDPOINT_URL_DYNAMODB"] = Ddb.ServiceUrl,
        ["AWS_ACCESS_KEY_ID"] = "vdplocal",
        ["AWS_SECRET_ACCESS_KEY"] = "vdplocalsecret",
        ["AWS_REGION"] = "me-central-1",
    };

    public Task<CliRunner.Result> VdpAsync(params string[] args) => CliRunner.RunAsync(args, Env);

    public Task<CliRunner.Result> VdpAsync(TimeSpan timeout, params string[] args) => CliRunner.RunAsync(args, Env, timeout);

    public async Task<long> CountItemsAsync(string? entityType = null)
    {
        long count = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new ScanRequest { TableName = Table, Select = Amazon.DynamoDBv2.Select.COUNT, ExclusiveStartKey = start, ConsistentRead = true };
            if (entityType is not null)
            {
                request.FilterExpression = "entityType = :t";
                request.ExpressionAttributeValues = new() { [":t"] = new AttributeValue { S = entityType } };
            }

            var response = await Ddb.Client.ScanAsync(request);
            count += response.Count ?? 0;
            start = response.LastEvaluatedKey is { Count: > 0 } k ? k : null;
        }
        while (start is not null);
        return count;
    }

    public async Task ExecuteSqlAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(Source);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _pg.DropDatabaseAsync(Source);
        }
        catch (NpgsqlException)
        {
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
