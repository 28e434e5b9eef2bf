using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.Data.DynamoDb.Provisioning;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.Datasets;
using VisionDrive.Parking.Migration;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.Samples.Tests.Support;

/// <summary>
/// One world of data: a fresh PostgreSQL database seeded with <c>guide</c> plus a second tenant (<see cref="TenantB"/>), and a DynamoDB Local
/// table loaded from it by <see cref="MigrationEngine"/>; the same data on both stores.
/// </summary>
public sealed class ParkingWorld : IAsyncDisposable
{
    public const string TenantA = GuideDataset.TenantId;
    public const string TenantB = "b7b1e0c4-5d1e-4c6a-9f00-00000000000b";
    public const string TenantBSlug = "othercorp";
    public const string ZoneB = "zone-b-001";
    public const string BayB = "bay-b-001";
    public const string SensorB = "SNS-B-001";
    public const string SensorBDevEui = "B0B0B0B0B0B0B001";
    public const string AlertB = "alert-b-001";
    public const string EventB = "evt-b-000001";

    private PostgresServer _pg = null!;
    private string? _folder;

    public DynamoDbServer Ddb { get; private set; } = null!;

    public string PostgresConnectionString { get; private set; } = "";

    public string Table { get; private set; } = "";

    public static async Task<ParkingWorld> CreateAsync()
    {
        TestEnvironment.Require(TestEnvironment.PostgresVariable, "PostgreSQL");
        // The store's client uses the SDK's default credential chain; DynamoDB Local accepts any value.
        foreach (var (name, value) in new[] { ("AWS_ACCESS_KEY_ID", "vdplocal"), ("AWS_SECRET_ACCESS_KEY", "vdplocalsecret"), ("AWS_REGION", "me-central-1"), ("AWS_EC2_METADATA_DISABLED", "true") })
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        var world = new ParkingWorld();
        world._pg = new PostgresServer();
        await world._pg.InitializeAsync();
        world.Ddb = new DynamoDbServer();
        await world.Ddb.InitializeAsync();
        world.PostgresConnectionString = await world._pg.CreateDatabaseAsync("vdp_smp");
        await using (var ds = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = world.PostgresConnectionString }))
        {
            await ParkingDatasets.SeedAsync(ds, "guide");
            await using var cmd = ds.CreateCommand(SecondTenantSql);
            await cmd.ExecuteNonQueryAsync();
        }

        world.Table = world.Ddb.NewTableName("vdp-smp");
        await new TableProvisioner(world.Ddb.Client).EnsureTableAsync(world.Table);
        world._folder = Directory.CreateTempSubdirectory("vdp-samples-").FullName;
        await using (var ds = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = world.PostgresConnectionString }))
        {
            var report = await new MigrationEngine(new ParkingSourceReader(ds), world.Ddb.Client, new MigrationOptions
            {
                TableName = world.Table,
                StateDirectory = Path.Combine(world._folder, "state"),
                AllowExpiredTtl = true,
            }).MigrateAsync();
            report.Verified.Should().BeTrue("the migrated table must equal the source before the API is compared on both");
        }

        return world;
    }

    /// <summary>Configuration of an app on DynamoDB Local (command-line form).</summary>
    public List<string> DynamoDbArgs() =>
    [
        "--Parking:Store=DynamoDb",
        "--Parking:DynamoDb:Table=" + Table,
        "--Parking:DynamoDb:ServiceUrl=" + Ddb.ServiceUrl,
        "--Parking:DefaultTenantId=" + TenantA,
        "--Logging:LogLevel:Default=Warning",
    ];

    /// <summary>
    /// Configuration of an app in dual write over this world's two stores: <paramref name="primary"/> first, every read shadowed at
    /// <paramref name="shadowReadRate"/>, consistent reads on DynamoDB.
    /// </summary>
    public List<string> DualWriteArgs(string primary = "Postgres", double shadowReadRate = 1)
    {
        var args = PostgresArgs().Concat(DynamoDbArgs()).Where(a => !a.StartsWith("--Parking:Store=", StringComparison.Ordinal)).ToList();
        args.AddRange(["--Parking:Store=DualWrite", "--Parking:DualWrite:Primary=" + primary,
            "--Parking:DualWrite:ShadowReadRate=" + shadowReadRate.ToString(System.Globalization.CultureInfo.InvariantCulture), "--Parking:DynamoDb:ConsistentReads=true"]);
        return args;
    }

    /// <summary>Configuration of an app on PostgreSQL: TLS verify-full with the CA given by the CA-file setting, not in the connection string.</summary>
    public List<string> PostgresArgs()
    {
        var csb = new NpgsqlConnectionStringBuilder(PostgresConnectionString);
        var ca = csb.RootCertificate ?? TestEnvironment.Get("VDP_TEST_POSTGRES_CA");
        csb.RootCertificate = null;
        var args = new List<string>
        {
            "--Parking:Store=Postgres",
            "--Parking:Postgres:ConnectionString=" + csb.ConnectionString,
            "--Parking:DefaultTenantId=" + TenantA,
            "--Logging:LogLevel:Default=Warning",
        };
        if (ca is not null)
        {
            args.Add("--Parking:Postgres:RootCertificatePath=" + ca);
        }

        return args;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _pg.DropDatabaseAsync(PostgresConnectionString);
        }
        catch (NpgsqlException)
        {
        }

        await Ddb.DisposeAsync();
        if (_folder is not null)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private const string SecondTenantSql = $$"""
        INSERT INTO tenants (id, name, slug, status, "createdAt", "updatedAt") VALUES ('{{TenantB}}', 'Other Corp', '{{TenantBSlug}}', 'ACTIVE', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
        INSERT INTO sites (id, "tenantId", name, address, lat, lng, timezone, "createdAt", "updatedAt") VALUES ('site-b-001', '{{TenantB}}', 'Abu Dhabi', NULL, 24.45, 54.38, 'Asia/Dubai', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
        INSERT INTO zones (id, "tenantId", "siteId", name, kind, tariff, "createdAt", "updatedAt") VALUES ('{{ZoneB}}', '{{TenantB}}', 'site-b-001', 'B Zone', 'PAID', '{"pricePerHour": 8, "currency": "AED"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
        INSERT INTO bays (id, "tenantId", "siteId", "zoneId", code, lat, lng, "createdAt", "updatedAt") VALUES ('{{BayB}}', '{{TenantB}}', 'site-b-001', '{{ZoneB}}', 'B-001', 24.45, 54.38, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
        INSERT INTO sensors (id, "tenantId", "siteId", "zoneId", "bayId", "devEui", type, status, "lastSeenAt", "createdAt", "updatedAt") VALUES ('{{SensorB}}', '{{TenantB}}', 'site-b-001', '{{ZoneB}}', '{{BayB}}', '{{SensorBDevEui}}', 'PARKING', 'active', NULL, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
        INSERT INTO sensor_events (id, time, "tenantId", "sensorId", kind, decoded) VALUES ('{{EventB}}', '2026-01-10T10:00:00.123456Z', '{{TenantB}}', '{{SensorB}}', 'ARRIVE', '{"occupied": true, "battery": 3.5}');
        INSERT INTO alerts (id, "tenantId", "siteId", "zoneId", "bayId", "sensorId", type, severity, status, message, "createdAt", "resolvedAt") VALUES ('{{AlertB}}', '{{TenantB}}', 'site-b-001', '{{ZoneB}}', NULL, '{{SensorB}}', 'LOW_BATTERY', 'WARNING', 'OPEN', 'Battery low', '2026-01-11T09:00:00Z', NULL);
        """;
}
