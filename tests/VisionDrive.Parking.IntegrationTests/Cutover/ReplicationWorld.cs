using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Npgsql;
using VisionDrive.Parking.Cutover.Replication;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb;
using VisionDrive.Parking.Data.DynamoDb.Hashing;
using VisionDrive.Parking.Data.DynamoDb.Provisioning;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Cutover;

/// <summary>
/// A fresh PostgreSQL database with the schema and the cutover tables, and a fresh DynamoDB Local table (optionally with its stream),
/// provisioned through <see cref="CutoverProvisioner"/>; the PostgreSQL store writes the outbox.
/// </summary>
internal sealed class ReplicationWorld : IAsyncDisposable
{
    public static readonly AWSCredentials Credentials = new BasicAWSCredentials("vdplocal", "vdplocalsecret");

    private readonly PostgresServer _pg;
    private readonly bool _ownsDatabase;

    private ReplicationWorld(PostgresServer pg, DynamoDbServer ddb, string database, string table, bool ownsDatabase)
    {
        _pg = pg;
        _ownsDatabase = ownsDatabase;
        Ddb = ddb;
        Database = database;
        DataSource = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = database });
        Options = new DynamoDbStoreOptions { TableName = table, ServiceUrl = ddb.ServiceUrl, ConsistentReads = true };
        Postgres = new PostgresParkingStore(DataSource, null, new PostgresStoreOptions { Outbox = true });
        DynamoDb = new DynamoDbParkingStore(ddb.Client, Options);
    }

    public DynamoDbServer Ddb { get; }

    public string Database { get; }

    public NpgsqlDataSource DataSource { get; }

    public DynamoDbStoreOptions Options { get; }

    public string Table => Options.TableName;

    /// <summary>The PostgreSQL store with the outbox on.</summary>
    public PostgresParkingStore Postgres { get; }

    public DynamoDbParkingStore DynamoDb { get; }

    /// <summary>A new world; over <paramref name="database"/> (not dropped at the end) when given, else over a database of its own.</summary>
    public static async Task<ReplicationWorld> CreateAsync(PostgresServer pg, DynamoDbServer ddb, bool stream = false, string? database = null)
    {
        var owns = database is null;
        database ??= await pg.CreateDatabaseAsync("vdp_repl");
        var world = new ReplicationWorld(pg, ddb, database, ddb.NewTableName("vdp-repl"), owns);
        await new CutoverProvisioner(world.DataSource, ddb.Client, world.Table, stream).EnsureCreatedAsync();
        return world;
    }

    public PostgresToDynamoDbReplicator OutboxReplicator(IAmazonDynamoDB? client = null) => new(DataSource, client ?? Ddb.Client, Options);

    public DynamoDbStreamsClient StreamsClient() => DynamoDbStreamsClient.Create(Options, Credentials);

    public async Task<long> ScalarAsync(string sql, params object[] args)
    {
        await using var c = await DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        foreach (var a in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        }

        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var c = await DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The outbox rows as "TYPE:id" strings, in id order.</summary>
    public async Task<List<string>> OutboxAsync()
    {
        var rows = new List<string>();
        await using var c = await DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("SELECT entity_type, entity_id FROM vdp_outbox ORDER BY id", c);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            rows.Add(r.GetString(0) + ":" + r.GetString(1));
        }

        return rows;
    }

    /// <summary>Every item of a table (Scan), keyed "PK|SK", with its canonical hash (the one <c>vdp verify</c> compares).</summary>
    public static async Task<Dictionary<string, string>> HashesAsync(IAmazonDynamoDB client, string table)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await client.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = start, ConsistentRead = true });
            foreach (var item in page.Items ?? [])
            {
                result[item["PK"].S + "|" + item["SK"].S] = ItemHash.ComputeHex(item);
            }

            start = page.LastEvaluatedKey is { Count: > 0 } k ? k : null;
        }
        while (start is not null);
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (_ownsDatabase)
        {
            await _pg.DropDatabaseAsync(Database);
        }
    }
}
