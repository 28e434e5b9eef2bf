using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.Datasets;
using VisionDrive.Parking.IntegrationTests;
using VisionDrive.Parking.Samples.Tests.Support;
using VisionDrive.Parking.TestSupport;
using VisionDrive.Parking.TestSupport.Servers;
using Xunit.Abstractions;

namespace VisionDrive.Parking.Samples.Tests.Cutover;

/// <summary>
/// The world of the online cutover test: its own PostgreSQL (TLS, the guide data) and its own DynamoDB Local (tables on disk, so it can be
/// killed and restarted), the shared mosquitto; the API in-process (real clock) and the ingestion worker as a child process, both
/// configured for a phase exactly as an operator would (<c>Parking:Store</c>, <c>Parking:DualWrite:*</c>); the <c>vdp</c> CLI as a child
/// process. Keeps every API instance's <c>GET /cutover</c> figures when it is replaced.
/// </summary>
internal sealed class CutoverRig : IAsyncDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly string _folder;
    private readonly List<JsonObject> _retiredStatuses = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _apiLog = new();
    private int _apiGeneration;

    private CutoverRig(ITestOutputHelper output, string folder, LocalPostgres pg, LocalDynamoDb ddb, string source)
    {
        _output = output;
        _folder = folder;
        Pg = pg;
        Ddb = ddb;
        Source = source;
        Broker = new MqttServer();
        Root = "vdpcut" + Guid.NewGuid().ToString("N")[..8];
        Table = "VisionDrive-Parking-e2e-" + Guid.NewGuid().ToString("N")[..8];
        StateDir = Path.Combine(folder, "vdp-state");
        WorkerLog = Path.Combine(folder, "worker.log");
    }

    public LocalPostgres Pg { get; }

    public LocalDynamoDb Ddb { get; }

    /// <summary>The source database (TLS verify-full, the CA file in the connection string).</summary>
    public string Source { get; }

    public MqttServer Broker { get; }

    /// <summary>The topic root of this test's uplinks and the worker's client id prefix.</summary>
    public string Root { get; }

    public string Table { get; }

    public string StateDir { get; }

    public string WorkerLog { get; }

    /// <summary>The API that takes the traffic now.</summary>
    public RunningApi Api { get; private set; } = null!;

    public WorkerProcess? Worker { get; private set; }

    /// <summary>The retention of events in the apps and in the CLI (the CLI's VDP_RETENTION_DAYS is set by <see cref="CliRunner"/>).</summary>
    private static string Retention => TestDates.DatasetRetention.ToString("c", CultureInfo.InvariantCulture);

    public static async Task<CutoverRig> CreateAsync(ITestOutputHelper output)
    {
        foreach (var (name, value) in new[] { ("AWS_ACCESS_KEY_ID", "vdplocal"), ("AWS_SECRET_ACCESS_KEY", "vdplocalsecret"), ("AWS_REGION", "me-central-1"), ("AWS_EC2_METADATA_DISABLED", "true") })
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        // tmpfs when there is one (initdb and the seed are disk-bound); LocalServers.CreateFolder lets the postgres user in when run as root.
        var parent = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var folder = LocalServers.CreateFolder(Path.Combine(parent, "vdp-cutover-" + Guid.NewGuid().ToString("N")[..12]));
        LocalPostgres? pg = null;
        LocalDynamoDb? ddb = null;
        try
        {
            pg = LocalPostgres.Create(folder);
            ddb = LocalDynamoDb.Create(folder, LocalServers.CreateFolder(Path.Combine(folder, "dynamodb-data")), heap: "768m");
            await using (var conn = new NpgsqlConnection(pg.ConnectionString))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand("CREATE DATABASE vdp_cutover", conn);
                await cmd.ExecuteNonQueryAsync();
            }

            var source = new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Database = "vdp_cutover" }.ConnectionString;
            await using (var ds = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = source }))
            {
                await ParkingDatasets.SeedAsync(ds, "guide");
            }

            return new CutoverRig(output, folder, pg, ddb, source);
        }
        catch
        {
            ddb?.Dispose();
            pg?.Dispose();
            throw;
        }
    }

    /// <summary>The apps' store settings for a phase: <c>Postgres</c>, or <c>DualWrite</c> with a primary and a shadow read rate.</summary>
    public List<string> StoreArgs(string store, string primary = "Postgres", double shadowReadRate = 0)
    {
        var csb = new NpgsqlConnectionStringBuilder(Source) { RootCertificate = null };
        return
        [
            "--Parking:Store=" + store,
            "--Parking:Postgres:ConnectionString=" + csb.ConnectionString,
            "--Parking:Postgres:RootCertificatePath=" + Pg.CaFile,
            "--Parking:DynamoDb:Table=" + Table,
            "--Parking:DynamoDb:ServiceUrl=" + Ddb.ServiceUrl,
            "--Parking:DynamoDb:ConsistentReads=true",
            "--Parking:DynamoDb:EventRetention=" + Retention,
            "--Parking:DualWrite:Primary=" + primary,
            "--Parking:DualWrite:ShadowReadRate=" + shadowReadRate.ToString(CultureInfo.InvariantCulture),
            "--Parking:DualWrite:StreamPollInterval=00:00:00.200",
            "--Parking:DefaultTenantId=" + GuideDataset.TenantId,
            "--Logging:LogLevel:Default=Warning",
        ];
    }

    /// <summary>
    /// Deploys the API in another phase: the new instance starts, takes the traffic, then the old one stops (its in-flight requests finish)
    /// and its <c>GET /cutover</c> figures are kept. With <paramref name="provision"/>, the new instance's provisioner creates the table,
    /// its stream and the cutover tables first (the runbook's step 1).
    /// </summary>
    public async Task DeployApiAsync(List<string> storeArgs, bool provision = false)
    {
        // The real clock (versions move forward with time); the apps' log in a queue rather than on the test's console (a store down
        // for seconds is thousands of warnings), for the failure messages.
        var next = await RunningApi.StartAsync(storeArgs, b =>
        {
            b.Services.AddSingleton(TimeProvider.System);
            b.Logging.ClearProviders();
            b.Logging.AddProvider(new QueueLoggerProvider(_apiLog));
        });
        if (provision)
        {
            await next.Services.GetRequiredService<IParkingStoreProvisioner>().EnsureCreatedAsync();
        }

        var old = Api;
        Api = next;
        _apiGeneration++;
        if (old is not null)
        {
            await RetireAsync(old);
        }

        Say($"API #{_apiGeneration}: {string.Join(' ', storeArgs.Where(a => a.StartsWith("--Parking:Store", StringComparison.Ordinal) || a.StartsWith("--Parking:DualWrite:Primary", StringComparison.Ordinal) || a.StartsWith("--Parking:DualWrite:Shadow", StringComparison.Ordinal)))}");
    }

    /// <summary>(Re)starts the worker in a phase; the same client id every time, so the broker's session (and what it queued) is its own.</summary>
    public async Task StartWorkerAsync(List<string> storeArgs, int? killAfterPrimaryWrites = null)
    {
        Worker?.Dispose();
        Worker = await WorkerProcess.StartAsync(
            IngestionWorkers.Args(storeArgs, $"mqtt://{Broker.Host}:{Broker.Port}", Root, "--Ingestion:SessionExpiry=00:15:00"), WorkerLog, killAfterPrimaryWrites);
    }

    public void StopWorker()
    {
        Worker?.Stop();
        Worker?.Dispose();
        Worker = null;
    }

    /// <summary>The API instances' log lines that mention <paramref name="text"/> (the last 20), for failure messages.</summary>
    public string ApiLog(string text) => string.Join('\n', _apiLog.Where(l => l.Contains(text, StringComparison.Ordinal)).TakeLast(20));

    public async Task<JsonObject> StatusAsync() => (await Api.Client.GetFromJsonAsync<JsonObject>("/cutover"))!;

    /// <summary>Polls the current API's pending secondary writes until 0 (the go/no-go of a step), at most <paramref name="seconds"/>.</summary>
    public async Task<bool> PendingDrainedAsync(int seconds = 120)
    {
        var started = _clock.Elapsed;
        var drained = await Eventually.HoldsAsync(async () => (await StatusAsync())["pendingSecondaryWrites"]!.GetValue<long>() == 0, TimeSpan.FromSeconds(seconds));
        Say($"pending {(drained ? "0" : "not 0")} after {(_clock.Elapsed - started).TotalSeconds:0.0} s");
        return drained;
    }

    /// <summary>A line of the test's output, with the time since the rig started (the run's timeline, for a slow or failed run).</summary>
    public void Say(string line) => _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[cutover +{_clock.Elapsed.TotalSeconds:0.0}s] {line}"));

    /// <summary>The shadow reads and mismatches of every API instance so far, the current one included.</summary>
    public async Task<(long Reads, long Mismatches)> ShadowTotalsAsync()
    {
        var all = new List<JsonObject>(_retiredStatuses) { await StatusAsync() };
        return (all.Sum(s => s["shadowReads"]!.GetValue<long>()), all.Sum(s => s["shadowMismatches"]!.GetValue<long>()));
    }

    public Dictionary<string, string?> CliEnv => new()
    {
        ["VDP_SOURCE"] = Source,
        ["AWS_ENDPOINT_URL_DYNAMODB"] = Ddb.ServiceUrl,
        ["AWS_ACCESS_KEY_ID"] = "vdplocal",
        ["AWS_SECRET_ACCESS_KEY"] = "vdplocalsecret",
        ["AWS_REGION"] = "me-central-1",
    };

    /// <summary>Runs <c>vdp</c> on this world's source and table (state in <see cref="StateDir"/>); fails on a timeout of 5 minutes.</summary>
    public async Task<CliRunner.Result> VdpAsync(params string[] args)
    {
        var result = await CliRunner.RunAsync([.. args, "--table", Table, "--state-dir", StateDir], CliEnv);
        Say($"vdp {string.Join(' ', args)} → exit {result.ExitCode}");
        return result;
    }

    /// <summary>The differences recorded by the last <c>vdp verify</c> (<c>last-verify.json</c>).</summary>
    public async Task<long> LastVerifyDifferencesAsync()
    {
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(StateDir, "last-verify.json")));
        return json.RootElement.GetProperty("differences").GetInt64();
    }

    /// <summary>The ids of the uplink events (<c>up-…</c>) of <paramref name="sensors"/> in <paramref name="range"/> on one store, every page.</summary>
    public static async Task<List<string>> UplinkEventIdsAsync(IParkingStore store, IEnumerable<string> sensors, TimeRange range)
    {
        var ids = new List<string>();
        foreach (var sensor in sensors)
        {
            string? token = null;
            do
            {
                var page = await store.ListSensorEventsAsync(sensor, range, new PageRequest(PageRequest.MaxLimit, token));
                ids.AddRange(page.Items.Select(e => e.Id).Where(id => id.StartsWith("up-", StringComparison.Ordinal)));
                token = page.ContinuationToken;
            }
            while (token is not null);
        }

        return ids;
    }

    /// <summary>Both stores, read directly (not through the apps): PostgreSQL and DynamoDB (consistent reads).</summary>
    public async Task<(List<string> Postgres, List<string> DynamoDb)> UplinkEventIdsOnBothAsync(IEnumerable<string> sensors, TimeRange range)
    {
        var list = sensors.ToList();
        await using var ds = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = Source });
        var postgres = new PostgresParkingStore(ds);
        using var client = DynamoDbServer.CreateClient(Ddb.ServiceUrl);
        var dynamo = new DynamoDbParkingStore(client, new DynamoDbStoreOptions { TableName = Table, ConsistentReads = true });
        return (await UplinkEventIdsAsync(postgres, list, range), await UplinkEventIdsAsync(dynamo, list, range));
    }

    public async ValueTask DisposeAsync()
    {
        StopWorkerQuietly();
        if (Api is not null)
        {
            await Api.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        Ddb.Stop();
        Ddb.Dispose();
        Pg.Stop();
        Pg.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task RetireAsync(RunningApi old)
    {
        try
        {
            _retiredStatuses.Add((await old.Client.GetFromJsonAsync<JsonObject>("/cutover"))!);
        }
        finally
        {
            await old.DisposeAsync();
        }
    }

    private void StopWorkerQuietly()
    {
        try
        {
            StopWorker();
        }
        catch (TimeoutException)
        {
        }
    }
}
