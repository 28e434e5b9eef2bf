using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using VisionDrive.Parking.Data.Keys;
using VisionDrive.Parking.Data.Postgres;

namespace VisionDrive.Parking.Datasets;

/// <summary>
/// Deterministic datasets for tests, the CLI (<c>vdp seed</c>) and benchmarks, loaded with binary COPY:
/// <list type="bullet">
/// <item><c>guide</c>: the migration guide's 356 rows (1 tenant, 1 site, 36 zones, 40 bays, 46 sensors, 192 events, 40 alerts); ids in <see cref="GuideDataset"/>.</item>
/// <item><c>scale:N</c>: the same shape with N sensor events; <c>max(40, min(N / 1000, 5000))</c> parking sensors and bays, <c>max(40, sensors / 10)</c> alerts.</item>
/// <item><c>dirty</c>: <c>guide</c> plus every case of <see cref="DirtyCases"/>; drops NOT NULL on <c>sensor_events.kind</c> and <c>sensors."devEui"</c>.</item>
/// </list>
/// </summary>
public static class ParkingDatasets
{
    /// <summary>The accepted dataset specs, for help texts.</summary>
    public const string Specs = "guide | scale:N | dirty";

    /// <summary>Applies the schema and loads a dataset into an empty database.</summary>
    /// <param name="dataSource">The database; its role needs CREATE (and, for <c>dirty</c>, ALTER on the tables).</param>
    /// <param name="datasetSpec"><c>guide</c>, <c>scale:N</c> (N ≥ 1 events; <c>_</c> separators allowed) or <c>dirty</c>.</param>
    /// <param name="seed">The generator seed: the same seed gives the same rows. Default 42.</param>
    /// <param name="logger">Receives one line with the counts and the time taken; <see langword="null"/> (the default) for none.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The row counts per table.</returns>
    /// <exception cref="ArgumentException"><paramref name="datasetSpec"/> is not one of <see cref="Specs"/>.</exception>
    /// <exception cref="ParkingDataException">The database already holds rows (seed only an empty database).</exception>
    public static async Task<DatasetSummary> SeedAsync(
        NpgsqlDataSource dataSource, string datasetSpec, int seed = 42, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(datasetSpec);
        var (kind, events) = ParseSpec(datasetSpec);
        var stopwatch = Stopwatch.StartNew();
        await ParkingSchema.ApplyAsync(dataSource, cancellationToken).ConfigureAwait(false);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using (var check = new NpgsqlCommand(
                "SELECT EXISTS (SELECT 1 FROM tenants) OR EXISTS (SELECT 1 FROM sites) OR EXISTS (SELECT 1 FROM zones) OR EXISTS (SELECT 1 FROM bays) " +
                "OR EXISTS (SELECT 1 FROM sensors) OR EXISTS (SELECT 1 FROM sensor_events) OR EXISTS (SELECT 1 FROM alerts)", connection))
            {
                if ((bool)(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                {
                    throw new ParkingDataException(
                        $"The database '{connection.Database}' already holds parking rows; a dataset is loaded only into an empty database. Create a new database (or drop the tables) and seed again.");
                }
            }

            var generator = new DatasetGenerator(seed, kind == "scale" ? (int)Math.Clamp(events / 1000, 40, 5000) : 40);
            await CopyTenantsAsync(connection, [generator.Tenant], cancellationToken).ConfigureAwait(false);
            await CopySitesAsync(connection, [generator.Site], cancellationToken).ConfigureAwait(false);
            await CopyZonesAsync(connection, generator.Zones, cancellationToken).ConfigureAwait(false);
            await CopyBaysAsync(connection, generator.Bays, cancellationToken).ConfigureAwait(false);
            await CopySensorsAsync(connection, generator.Sensors, cancellationToken).ConfigureAwait(false);
            await CopyEventsAsync(connection, kind == "scale" ? generator.ScaleEvents(events) : generator.GuideEvents(), cancellationToken).ConfigureAwait(false);
            await CopyAlertsAsync(connection, generator.Alerts(kind == "scale" ? Math.Max(40, generator.ParkingSensors / 10) : GuideDataset.AlertCount), cancellationToken)
                .ConfigureAwait(false);
            if (kind == "dirty")
            {
                using var dirty = new NpgsqlCommand(DirtySql.Build(), connection);
                await dirty.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using (var analyze = new NpgsqlCommand("ANALYZE tenants, sites, zones, bays, sensors, sensor_events, alerts", connection))
            {
                await analyze.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var counts = new List<long>();
            using (var count = new NpgsqlCommand(
                "SELECT (SELECT count(*) FROM tenants), (SELECT count(*) FROM sites), (SELECT count(*) FROM zones), (SELECT count(*) FROM bays), " +
                "(SELECT count(*) FROM sensors), (SELECT count(*) FROM sensor_events), (SELECT count(*) FROM alerts)", connection))
            {
                var reader = await count.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    for (var i = 0; i < 7; i++)
                    {
                        counts.Add(reader.GetInt64(i));
                    }
                }
            }

            var summary = new DatasetSummary(datasetSpec, seed, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], stopwatch.Elapsed);
            Log.Seeded(logger ?? NullLogger.Instance, datasetSpec, seed, summary.Total, (long)stopwatch.Elapsed.TotalMilliseconds);
            return summary;
        }
    }

    /// <summary>Checks a dataset spec without touching a database, so a caller can refuse a bad one before connecting.</summary>
    /// <param name="datasetSpec"><c>guide</c>, <c>scale:N</c> (N ≥ 1) or <c>dirty</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="datasetSpec"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="datasetSpec"/> is not one of <see cref="Specs"/>; the message says which are.</exception>
    public static void Validate(string datasetSpec)
    {
        ArgumentNullException.ThrowIfNull(datasetSpec);
        ParseSpec(datasetSpec);
    }

    internal static (string Kind, long Events) ParseSpec(string spec)
    {
        var s = spec.Trim();
        if (s.Equals("guide", StringComparison.OrdinalIgnoreCase))
        {
            return ("guide", GuideDataset.EventCount);
        }

        if (s.Equals("dirty", StringComparison.OrdinalIgnoreCase))
        {
            return ("dirty", GuideDataset.EventCount);
        }

        if (s.StartsWith("scale:", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(s[6..].Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1)
        {
            return ("scale", n);
        }

        throw new ArgumentException($"Unknown dataset '{spec}': use {Specs} (e.g. scale:1000000).");
    }

    private static Task CopyTenantsAsync(NpgsqlConnection connection, IEnumerable<Tenant> rows, CancellationToken ct) =>
        CopyAsync(connection, "COPY tenants (id, name, slug, status, \"createdAt\", \"updatedAt\") FROM STDIN (FORMAT BINARY)", rows, static async (importer, r, ct) =>
        {
            await TextAsync(importer, r.Id, ct).ConfigureAwait(false);
            await TextAsync(importer, r.Name, ct).ConfigureAwait(false);
            await TextAsync(importer, r.Slug, ct).ConfigureAwait(false);
            await TextAsync(importer, r.Status, ct).ConfigureAwait(false);
            await TimeAsync(importer, r.CreatedAt, ct).ConfigureAwait(false);
            await TimeAsync(importer, r.UpdatedAt, ct).ConfigureAwait(false);
        }, ct);

    private static Task CopySitesAsync(NpgsqlConnection connection, IEnumerable<Site> rows, CancellationToken ct) =>
        CopyAsync(connection, "COPY sites (id, \"tenantId\", name, address, lat, lng, timezone, \"createdAt\", \"updatedAt\") FROM STDIN (FORMAT BINARY)", rows, static async (importer, r, ct) =>
        {
            await TextAsync(importer, r.Id, ct).ConfigureAwait(false);
            await TextAsync(importer, r.TenantId, ct).ConfigureAwait(false);
            await TextAsync(importer, r.Name, ct).ConfigureAwait(false);
            await TextAsync(importer, r.Address, ct).ConfigureAwait(false);
            await DoubleAsync(importer, r.Lat, ct).ConfigureAwait(false);
            await DoubleAsync(importer, r.Lng, ct).ConfigureAwait(false);
            await TextAsync(importer, r.Timezone, ct).ConfigureAwait(false);
            await TimeAsync(importer, r.CreatedAt, ct).ConfigureAwait(false);
            await TimeAsync(importer, r.UpdatedAt, ct).ConfigureAwait(false);
        }, ct);

    private static Task CopyZonesAsync(NpgsqlConnection connection, IEnumerable<Zone> rows, CancellationToken ct) =>
        CopyAsync(connection, "COPY zones (id, \"tenantId\", \"siteId\", name, kind, tariff, \"createdAt\", \"updatedAt\") FROM STDIN (FORMAT BINARY)", rows, static async (importer, r, ct) =>
        {
            await TextAsync(importer, r.Id, ct).ConfigureAwait(false);
            await TextAsync(importer, r.TenantId, ct).ConfigureAwait(false);
            await TextAsync(importer, r.SiteId, ct).ConfigureAwait(false);
            await TextAsync(importer, r.Name, ct).ConfigureAwait(false);
            await TextAsync(importer, r.Kind, ct).ConfigureAwait(false);
            await JsonAsync(importer, r.Tariff, ct).ConfigureAwait(false);
            await TimeAsync(importer, r.CreatedAt, ct).ConfigureAwait(false);
            await TimeAsync(importer, r.UpdatedAt, ct).ConfigureAwait(false);
        }, ct);

    private static Task CopyBaysAsync(NpgsqlConnection connection, IEnumerable<Bay> rows, CancellationToken ct) =>
        CopyAsync(connection, "COPY bays (id, \"tenantId\", \"siteId\", \"zoneId\", code, lat, lng, \"createdAt\", \"updatedAt\") FROM STDIN (FORMAT BINARY)", rows, static async (importer, r, ct) =>
        {
            await TextAsync(importer, r.Id, ct).ConfigureAwait(false);
            await TextAsync(importer, r.TenantId, ct).ConfigureAwait(false);
            await TextAsync(importer, r.SiteId, ct).ConfigureAwait(false);
            await TextAsync(importer, r.ZoneId, ct).ConfigureAwait(false);
            await TextAsync(importer, r.Code, ct).ConfigureAwait(false);
            await DoubleAsync(importer, r.Lat, ct).ConfigureAwait(false);
            await DoubleAsync(importer, r.Lng, ct).ConfigureAwait(false);
            await TimeAsync(importer, r.CreatedAt, ct).ConfigureAwait(false);
            await TimeAsync(importer, r.UpdatedAt, ct).ConfigureAwait(false);
        }, ct);

    private static Task CopySensorsAsync(NpgsqlConnection connection, IEnumerable<Sensor> rows, CancellationToken ct) =>
        CopyAsync(connection, "COPY sensors (id, \"tenantId\", \"siteId\", \"zoneId\", \"bayId\", \"devEui\", type, status, \"lastSeenAt\", \"createdAt\", \"updatedAt\") FROM STDIN (FORMAT BINARY)", rows, static async (importer, r, ct) =>
        {
            await TextAsync(importer, r.Id, ct).ConfigureAwait(false);
            await TextAsync(importer, r.TenantId, ct).ConfigureAwait(false);
            await TextAsync(importer, r.SiteId, ct).ConfigureAwait(false);
            await TextAsync(importer, r.ZoneId, ct).ConfigureAwait(false);
            await TextAsync(importer, r.BayId, ct).ConfigureAwait(false);
            await TextAsync(importer, r.DevEui, ct).ConfigureAwait(false);
            await TextAsync(importer, r.Type, ct).ConfigureAwait(false);
            await TextAsync(importer, r.Status, ct).ConfigureAwait(false);
            await TimeAsync(importer, r.LastSeenAt, ct).ConfigureAwait(false);
            await TimeAsync(importer, r.CreatedAt, ct).ConfigureAwait(false);
            await TimeAsync(importer, r.UpdatedAt, ct).ConfigureAwait(false);
        }, ct);

    private static Task CopyEventsAsync(NpgsqlConnection connection, IEnumerable<SensorEvent> rows, CancellationToken ct) =>
        CopyAsync(connection, "COPY sensor_events (id, time, \"tenantId\", \"sensorId\", kind, decoded) FROM STDIN (FORMAT BINARY)", rows, static async (importer, r, ct) =>
        {
            await TextAsync(importer, r.Id, ct).ConfigureAwait(false);
            await TimeAsync(importer, r.Time, ct).ConfigureAwait(false);
            await TextAsync(importer, r.TenantId, ct).ConfigureAwait(false);
            await TextAsync(importer, r.SensorId, ct).ConfigureAwait(false);
            await TextAsync(importer, r.Kind, ct).ConfigureAwait(false);
            await JsonAsync(importer, r.Decoded, ct).ConfigureAwait(false);
        }, ct);

    private static Task CopyAlertsAsync(NpgsqlConnection connection, IEnumerable<Alert> rows, CancellationToken ct) =>
        CopyAsync(connection, "COPY alerts (id, \"tenantId\", \"siteId\", \"zoneId\", \"bayId\", \"sensorId\", type, severity, status, message, \"createdAt\", \"resolvedAt\") FROM STDIN (FORMAT BINARY)", rows, static async (importer, r, ct) =>
        {
            await TextAsync(importer, r.Id, ct).ConfigureAwait(false);
            await TextAsync(importer, r.TenantId, ct).ConfigureAwait(false);
            await TextAsync(importer, r.SiteId, ct).ConfigureAwait(false);
            await TextAsync(importer, r.ZoneId, ct).ConfigureAwait(false);
            await TextAsync(importer, r.BayId, ct).ConfigureAwait(false);
            await TextAsync(importer, r.SensorId, ct).ConfigureAwait(false);
            await TextAsync(importer, r.Type, ct).ConfigureAwait(false);
            await TextAsync(importer, r.Severity, ct).ConfigureAwait(false);
            await TextAsync(importer, r.Status, ct).ConfigureAwait(false);
            await TextAsync(importer, r.Message, ct).ConfigureAwait(false);
            await TimeAsync(importer, r.CreatedAt, ct).ConfigureAwait(false);
            await TimeAsync(importer, r.ResolvedAt, ct).ConfigureAwait(false);
        }, ct);

    /// <summary>Binary COPY of <paramref name="rows"/>: one row started per item, its columns written by <paramref name="writeRow"/>.</summary>
    private static async Task CopyAsync<T>(
        NpgsqlConnection connection,
        string copySql,
        IEnumerable<T> rows,
        Func<NpgsqlBinaryImporter, T, CancellationToken, Task> writeRow,
        CancellationToken ct)
    {
        var importer = await connection.BeginBinaryImportAsync(copySql, ct).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct).ConfigureAwait(false);
                await writeRow(importer, row, ct).ConfigureAwait(false);
            }

            await importer.CompleteAsync(ct).ConfigureAwait(false);
        }
    }

    private static Task TextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken ct) =>
        value is null ? importer.WriteNullAsync(ct) : importer.WriteAsync(value, NpgsqlDbType.Text, ct);

    private static Task DoubleAsync(NpgsqlBinaryImporter importer, double? value, CancellationToken ct) =>
        value is { } v ? importer.WriteAsync(v, NpgsqlDbType.Double, ct) : importer.WriteNullAsync(ct);

    private static Task TimeAsync(NpgsqlBinaryImporter importer, DateTimeOffset? value, CancellationToken ct) =>
        value is { } v ? importer.WriteAsync(KeyTime.TruncateToMicroseconds(v).UtcDateTime, NpgsqlDbType.TimestampTz, ct) : importer.WriteNullAsync(ct);

    private static Task JsonAsync(NpgsqlBinaryImporter importer, JsonText? value, CancellationToken ct) =>
        value is null ? importer.WriteNullAsync(ct) : importer.WriteAsync(value.Raw, NpgsqlDbType.Jsonb, ct);
}
