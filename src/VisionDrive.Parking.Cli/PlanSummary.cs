namespace VisionDrive.Parking.Cli;

/// <summary>The human form of a <see cref="LoadPlan"/>.</summary>
internal static class PlanSummary
{
    public static string Render(LoadPlan plan)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"Load plan for {plan.Region} ({(plan.ExistingTable ? "existing" : "new")} table; prices as of {plan.PricesDate}: ${plan.PricePerMillionWriteUnits}/million WRU, ${plan.ImportPricePerGb}/GB imported)");
        sb.AppendLine(c, $"{"entity",-8} {"rows",15} {"sampled",9} {"items",15} {"GSI1",15} {"GSI2",15} {"WRU",16} {"import bytes",16}");
        foreach (var (name, e) in plan.Entities)
        {
            sb.AppendLine(c, $"{name,-8} {e.Rows,15:N0}{(e.Assumed ? "*" : " ")}{e.SampledRows,8:N0} {e.Items,15:N0} {e.Gsi1Items,15:N0} {e.Gsi2Items,15:N0} {e.WriteUnits,16:N0} {e.UncompressedBytes,16:N0}");
        }

        sb.AppendLine(c, $"{"total",-8} {plan.Entities.Values.Sum(e => e.Rows),15:N0} {"",9} {plan.Items,15:N0} {"",15} {"",15} {plan.WriteUnits,16:N0} {plan.UncompressedBytes,16:N0}");
        if (plan.Entities.Values.Any(e => e.Assumed))
        {
            sb.AppendLine("* assumed row count (--assume); sizes measured on the source's sample");
        }

        var b = plan.BatchWrite;
        sb.AppendLine();
        sb.AppendLine(c, $"BatchWriteItem (vdp migrate): {plan.WriteUnits:N0} WRU, ${b.CostUsd:N2} on demand");
        sb.AppendLine(c, $"  at {b.WriteUnitsPerSecond:N0} WRU/s: {Duration(b.Seconds)} on {b.Machines} machine(s)");
        sb.AppendLine(c, $"  at the {b.QuotaWriteUnitsPerSecond:N0} WRU/s quota: {Duration(b.SecondsAtQuota)} on {b.MachinesAtQuota} machine(s)");
        var i = plan.Import;
        sb.AppendLine(c, $"Import from S3 (vdp export + vdp import): {Human(plan.UncompressedBytes)} uncompressed, ${i.CostUsd:N2}; {i.Objects:N0} objects, ~{Human(plan.CompressedBytes)} gzip");
        sb.AppendLine(c, $"  export on {i.Segments} machine(s): {Duration(i.ExportSeconds)} (the import job's own duration is not published by AWS)");
        foreach (var check in i.Checks)
        {
            sb.AppendLine(c, $"  [{(check.Passed ? "ok" : "NO")}] {check.Name}: {check.Detail}");
        }

        sb.AppendLine();
        sb.Append(c, $"Recommendation: {plan.Recommendation}. {plan.Reason}");
        return sb.ToString();
    }

    private static string Human(long bytes) => bytes switch
    {
        >= 1_000_000_000_000L => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e12:0.##} TB"),
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.##} GB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.##} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.##} KB"),
    };

    private static string Duration(double seconds) => seconds switch
    {
        >= 86400 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86400:0.#} days"),
        >= 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.#} h"),
        >= 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0.#} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.#} s"),
    };
}
