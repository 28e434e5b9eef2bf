namespace VisionDrive.Parking.Migration.Import;

/// <summary>How an Import from S3 ended, with DynamoDB's counts against the manifest's.</summary>
/// <param name="ImportArn">The import's ARN.</param>
/// <param name="Status">DynamoDB's final status: <c>COMPLETED</c>, <c>FAILED</c> or <c>CANCELLED</c>.</param>
/// <param name="Expected">The items the manifest lists.</param>
/// <param name="Imported">DynamoDB's <c>ImportedItemCount</c>.</param>
/// <param name="Processed">DynamoDB's <c>ProcessedItemCount</c>.</param>
/// <param name="Errors">DynamoDB's <c>ErrorCount</c>.</param>
/// <param name="FailureCode">DynamoDB's <c>FailureCode</c>, if any.</param>
/// <param name="FailureMessage">DynamoDB's <c>FailureMessage</c>, if any.</param>
/// <param name="LogGroupArn">The CloudWatch log group where DynamoDB lists the lines it could not import, if any.</param>
public sealed record ImportOutcome(
    string ImportArn,
    string Status,
    long Expected,
    long Imported,
    long Processed,
    long Errors,
    string? FailureCode,
    string? FailureMessage,
    string? LogGroupArn)
{
    /// <summary>Completed, every listed item processed and imported, no error.</summary>
    public bool Succeeded => Status == "COMPLETED" && Errors == 0 && Processed == Expected && Imported == Expected;

    /// <summary>One sentence: what happened and, on a failure, what the counts mean and what to do.</summary>
    /// <returns>The text.</returns>
    public string Explain()
    {
        var c = CultureInfo.InvariantCulture;
        var counts = string.Create(c, $"{Imported} imported, {Processed} processed, {Errors} errors; the manifest lists {Expected}");
        if (Succeeded)
        {
            return $"Import {ImportArn} completed: {counts}.";
        }

        if (Status != "COMPLETED")
        {
            return $"Import {ImportArn} ended {Status} ({FailureCode}: {FailureMessage}): {counts}. Fix the cause, delete the table it created, and import again.";
        }

        if (Errors > 0)
        {
            return $"Import {ImportArn} completed with errors: {counts}. DynamoDB lists the lines it rejected in {LogGroupArn ?? "its CloudWatch log group"}.";
        }

        if (Processed != Expected)
        {
            return $"Import {ImportArn} read a different set of lines than the manifest lists: {counts}. The prefix holds objects of another export, or misses some: upload again into an empty prefix.";
        }

        return string.Create(c, $"Import {ImportArn} completed but {Processed - Imported} of the processed items are not in the table: {counts}. Items with the same key overwrite one another silently; the export refuses duplicates, so the prefix holds objects of more than one export.");
    }
}
