namespace VisionDrive.Parking.Cli;

/// <summary>The human summary: the guide's banner, with the verification table it lacked (source, written, rejected, target, checksum).</summary>
internal static class Summary
{
    public static string Render(MigrationReport report, MigrationOptions options)
    {
        var sb = new StringBuilder();
        var title = report.Command switch
        {
            "migrate" => "MIGRATION",
            "verify" => "VERIFICATION",
            "sync" => report.DryRun ? "SYNC PLAN (dry run: nothing changed)" : "SYNC",
            "export" => "EXPORT",
            _ => report.Command.ToUpperInvariant(),
        };
        const int width = 76;
        sb.AppendLine("╔" + new string('═', width) + "╗");
        sb.AppendLine(Line($"  VisionDrive Parking - TimescaleDB → DynamoDB {title}", width));
        sb.AppendLine(Line($"  table {report.Table}" + (options.SegmentCount > 1 ? $", segment {options.SegmentIndex}/{options.SegmentCount}" : ""), width));
        sb.AppendLine("╠" + new string('═', width) + "╣");
        sb.AppendLine(Line(string.Create(CultureInfo.InvariantCulture, $"  {"Entity",-8} {"Source",9} {"Written",9} {"Rejected",9} {"Target",9}  {"Checksum",-10} {"Warn",5}"), width));
        foreach (var (type, e) in report.Entities)
        {
            var name = type.Name();
            var checksum = e.ChecksumMatch switch
            {
                true => "✅ match",
                false => "❌ DIFFER",
                null => "-",
            };
            sb.AppendLine(Line(string.Create(
                CultureInfo.InvariantCulture,
                $"  {name,-8} {e.Source,9} {Opt(e.Written),9} {e.Rejected,9} {Opt(e.Target),9}  {checksum,-10} {e.Warnings,5}"), width));
        }

        sb.AppendLine("╠" + new string('═', width) + "╣");
        var status = report.Command switch
        {
            "export" => report.HasRejectsOrDifferences ? "EXPORTED WITH REJECTS" : "EXPORTED",
            "migrate" or "sync" when report.Online && !report.DryRun => report.HasRejects
                ? "WRITTEN ONLINE WITH REJECTS (not verified: run `vdp verify` once pending writes are 0)"
                : "WRITTEN ONLINE (not verified: run `vdp verify` once pending writes are 0)",
            "migrate" when !options.Verify || options.SegmentCount > 1 => "MIGRATED (not verified: run `vdp verify`)",
            "sync" when report.DryRun => "PLAN ONLY",
            _ when report.Verified && !report.HasRejectsOrDifferences => "COMPLETE AND VERIFIED: source = target for every entity",
            _ when report.Verified => "VERIFIED WITH REJECTS: source = target + rejected",
            _ => "NOT VERIFIED: see the differing keys below and the report",
        };
        sb.AppendLine(Line("  " + status, width));
        sb.AppendLine(Line(string.Create(CultureInfo.InvariantCulture, $"  Duration: {report.DurationSeconds:0.0}s   Retries: {report.Retries}   Warnings: {report.Warnings.Count}") +
            (report.SourceReconnects > 0 ? string.Create(CultureInfo.InvariantCulture, $"   Source reconnects: {report.SourceReconnects}") : ""), width));
        if (report.MaxWriteUnitsPerSecond is { } cap)
        {
            sb.AppendLine(Line(string.Create(CultureInfo.InvariantCulture,
                $"  Write units: {report.WriteUnits:0} in {report.WriteSeconds:0.0}s = {report.WriteUnitsPerSecond:0.0}/s (cap {cap}/s, {report.WriteThrottles} throttles)"), width));
        }

        if (report.SkippedNewer is { } skipped)
        {
            sb.AppendLine(Line(string.Create(CultureInfo.InvariantCulture, $"  Online: {skipped} writes left out (the table held a newer state)"), width));
        }

        if (report.RejectsFile is not null)
        {
            sb.AppendLine(Line("  Rejects: " + report.RejectsFile, width));
        }

        if (report.SyncPuts is not null && report.SyncDeletes is not null)
        {
            var parts = report.SyncPuts.Keys.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Name()} +{report.SyncPuts[k]}/-{report.SyncDeletes[k]}")).ToList();
            if (report.SyncDeletesUnclaimed is > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"unclaimed -{report.SyncDeletesUnclaimed}"));
            }

            // Wrapped, not cut at the frame: every entity's figures stay readable.
            var line = "  Sync:";
            foreach (var part in parts)
            {
                if (line.Length + part.Length + 2 > width)
                {
                    sb.AppendLine(Line(line.TrimEnd(','), width));
                    line = "       ";
                }

                line += " " + part + ",";
            }

            sb.AppendLine(Line(line.TrimEnd(','), width));
        }

        sb.AppendLine("╚" + new string('═', width) + "╝");
        foreach (var (type, e) in report.Entities)
        {
            var name = type.Name();
            foreach (var k in e.Missing)
            {
                sb.AppendLine($"  {name} missing in target: {k}");
            }

            foreach (var k in e.Extra)
            {
                sb.AppendLine($"  {name} extra in target:   {k}");
            }

            foreach (var k in e.Different)
            {
                sb.AppendLine($"  {name} different:         {k}");
            }

            if (e.DifferencesTruncated)
            {
                var more = e.MissingCount + e.ExtraCount + e.DifferentCount - e.Missing.Count - e.Extra.Count - e.Different.Count;
                sb.AppendLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  … {more} more {name} keys differ ({e.MissingCount} missing, {e.ExtraCount} extra, {e.DifferentCount} different: missingCount, extraCount, differentCount in the report)"));
            }
        }

        foreach (var k in report.ExtraUnclaimed)
        {
            sb.AppendLine($"  extra in target, no entity type claims it: {k}");
        }

        if (report.ExtraUnclaimedCount > report.ExtraUnclaimed.Count)
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  … {report.ExtraUnclaimedCount - report.ExtraUnclaimed.Count} more items no entity type claims (extraUnclaimedCount in the report)"));
        }

        if (report.RejectReasons.Count > 0)
        {
            // Every distinct reason once, with its count (the rows are in the rejects file).
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  Rejected rows by reason ({report.RejectReasons.Sum(r => r.Count)} rows, {report.RejectReasons.Count} reasons):"));
            foreach (var r in report.RejectReasons)
            {
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {r.Count,5} × {r.Table}.{r.Field}: {r.Reason}"));
            }
        }

        foreach (var w in report.Warnings.Take(20))
        {
            sb.AppendLine($"  warning {w.Entity} {w.Key} {w.Field}: {w.Message}");
        }

        if (report.Warnings.Count > 20)
        {
            sb.AppendLine($"  … {report.Warnings.Count - 20} more warnings in the report");
        }

        return sb.ToString().TrimEnd();
    }

    private static string Opt(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Line(string text, int width) => "║" + (text.Length > width ? text[..width] : text.PadRight(width)) + "║";
}
