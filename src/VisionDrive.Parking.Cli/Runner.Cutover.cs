using System.Text.Json;
using System.Text.Json.Serialization;

namespace VisionDrive.Parking.Cli;

internal sealed partial class Runner
{
    private static readonly JsonSerializerOptions StatusJson = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>
    /// <c>vdp cutover status</c>: what an operator can know of the cutover without the application — the pending secondary writes (durable, in
    /// PostgreSQL) and the last verification (<c>last-verify.json</c>). The phase, the primary and the shadow counts live in the application's
    /// process: its <c>GET /cutover</c>.
    /// </summary>
    public async Task<int> CutoverStatusAsync(CancellationToken cancellationToken)
    {
        var stateDir = _parse.GetResult(CliOptions.StateDir) is null ? Migration.MigrationOptions.DefaultStateDirectory : _parse.GetValue(CliOptions.StateDir)!;
        var lastVerify = await LastVerify.ReadAsync(stateDir, cancellationToken);
        var source = DataSource();
        var (present, pending) = await OutboxReader.ReadAsync(source, cancellationToken);
        var database = new NpgsqlConnectionStringBuilder(source.ConnectionString);
        var status = new CutoverStatusReport(
            $"{database.Host}:{database.Port.ToString(CultureInfo.InvariantCulture)}/{database.Database}",
            present,
            pending,
            Path.GetFullPath(stateDir),
            lastVerify is null
                ? null
                : new CutoverLastVerify(lastVerify.Time, lastVerify.Command, lastVerify.DryRun, lastVerify.Table, lastVerify.Verified, lastVerify.Clean, lastVerify.Differences));

        Console.WriteLine(Secrets.Redact(_parse.GetValue(CliOptions.Json) ? JsonSerializer.Serialize(status, StatusJson) : RenderStatus(status)));
        return ExitCodes.Success;
    }

    private static string RenderStatus(CutoverStatusReport s)
    {
        var sb = new StringBuilder();
        sb.AppendLine("Cutover status");
        sb.AppendLine($"  PostgreSQL:               {s.Database}");
        sb.AppendLine(s.OutboxPresent
            ? string.Create(CultureInfo.InvariantCulture, $"  Pending secondary writes: {s.PendingSecondaryWrites} (rows in vdp_outbox)")
            : "  Pending secondary writes: 0 (no vdp_outbox: no dual write with PostgreSQL primary has been set up)");
        if (s.LastVerify is { } v)
        {
            var outcome = v.Clean ? "clean" : v.Verified ? "verified with rejects" : "NOT VERIFIED";
            sb.AppendLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  Last verify:              {v.Time:yyyy-MM-ddTHH:mm:ssZ} `vdp {v.Command}{(v.DryRun ? " --dry-run" : "")}` of table {v.Table}: {outcome}, {v.Differences} differences"));
        }
        else
        {
            sb.AppendLine($"  Last verify:              none in {s.StateDirectory} (run `vdp verify --state-dir {s.StateDirectory}`)");
        }

        sb.Append("  Phase, primary, shadow reads and mismatches: per application process, from its GET /cutover.");
        return sb.ToString();
    }

    /// <summary>The output of <c>vdp cutover status</c> (<c>--json</c>: these names).</summary>
    private sealed record CutoverStatusReport(
        [property: JsonPropertyName("database")] string Database,
        [property: JsonPropertyName("outboxPresent")] bool OutboxPresent,
        [property: JsonPropertyName("pendingSecondaryWrites")] long PendingSecondaryWrites,
        [property: JsonPropertyName("stateDirectory")] string StateDirectory,
        [property: JsonPropertyName("lastVerify")] CutoverLastVerify? LastVerify);

    /// <summary>The last verification, as <c>vdp cutover status</c> shows it.</summary>
    private sealed record CutoverLastVerify(
        [property: JsonPropertyName("time")] DateTimeOffset Time,
        [property: JsonPropertyName("command")] string Command,
        [property: JsonPropertyName("dryRun")] bool DryRun,
        [property: JsonPropertyName("table")] string Table,
        [property: JsonPropertyName("verified")] bool Verified,
        [property: JsonPropertyName("clean")] bool Clean,
        [property: JsonPropertyName("differences")] long Differences);
}
