using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb.Provisioning;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.Datasets;
using VisionDrive.Parking.Migration;
using VisionDrive.Parking.TestSupport;
using Xunit.Abstractions;

namespace VisionDrive.Parking.IntegrationTests.Reliability;

/// <summary>
/// Throttling, 5xx and partial <c>UnprocessedItems</c> injected in the SDK's HTTP pipeline at fixed rates during a 100k-event load,
/// through <see cref="MigrationEngine"/> used as a library: every item is written exactly once and the retries are counted.
/// </summary>
public sealed class InjectedFaultLoadTests(PostgresServer pg, DynamoDbServer ddb, ITestOutputHelper output)
    : IClassFixture<PostgresServer>, IClassFixture<DynamoDbServer>
{
    /// <summary>30,000 by default to stay within the CI budget on 2 shared cores; <c>VDP_RELIABILITY_LOAD_EVENTS=100000</c> for the full load.</summary>
    private static readonly int Events = int.TryParse(Environment.GetEnvironmentVariable("VDP_RELIABILITY_LOAD_EVENTS"), out var n) && n > 0 ? n : 30_000;
    private const int Seed = 20260112;
    private static readonly FaultInjectingHandler.Rates Rates = new(Throttle: 0.05, ServerError: 0.03, Partial: 0.10);

    [Fact]
    public async Task Every_item_is_written_exactly_once_under_throttling_server_errors_and_partial_batches()
    {
        await using var w = await MigrationWorld.CreateAsync(pg, ddb);
        await using var source = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = w.Source });
        var seeded = await ParkingDatasets.SeedAsync(source, $"scale:{Events}");
        await new TableProvisioner(ddb.Client).EnsureTableAsync(w.Table);

        var factory = new FaultInjectingHttpClientFactory(Rates, Seed);
        using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("vdplocal", "vdplocalsecret"), new AmazonDynamoDBConfig
        {
            ServiceURL = ddb.ServiceUrl,
            AuthenticationRegion = "me-central-1",
            HttpClientFactory = factory,
            MaxErrorRetry = 0, // every fault reaches the batch writer, which retries and counts
        });
        var engine = new MigrationEngine(new ParkingSourceReader(source), client, new MigrationOptions
        {
            TableName = w.Table,
            StateDirectory = w.StateDir,
            Parallelism = 4,
            EventRetention = TestDates.DatasetRetention,
        });

        var clock = Stopwatch.StartNew();
        var report = await engine.MigrateAsync();
        clock.Stop();

        report.Verified.Should().BeTrue(report.ToJson());
        report.HasRejectsOrDifferences.Should().BeFalse();
        report.Entities[EntityType.Event].Source.Should().Be(Events);
        report.Entities[EntityType.Event].Written.Should().Be(Events);
        report.Entities[EntityType.Event].Target.Should().Be(Events, "each event written exactly once: one item per source row");
        foreach (var (type, e) in report.Entities)
        {
            e.Target.Should().Be(e.Source, type.Name());
            e.ChecksumMatch.Should().BeTrue(type.Name());
        }

        (await Probe.CountAsync(ddb.Client, w.Table)).Should().Be(seeded.Total);
        factory.Handler.Injected.Should().BeGreaterThan(0);
        report.Retries.Should().BeGreaterThanOrEqualTo(factory.Handler.Injected, "every injected fault costs one counted retry");
        Figures.Record(output, "injected-throttling-5xx-partial", new
        {
            items = seeded.Total,
            events = Events,
            batchWriteCalls = factory.Handler.Calls,
            injectedThrottling = factory.Handler.Throttled,
            injectedServerErrors = factory.Handler.ServerErrors,
            injectedPartial = factory.Handler.Partial,
            reportRetries = report.Retries,
            migrateAndVerifySeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            rates = Rates,
        });
    }
}
