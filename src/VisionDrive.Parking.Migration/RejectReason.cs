namespace VisionDrive.Parking.Migration;

/// <summary>One distinct reason rows were rejected for, and how many rows share it (the rows themselves are in <c>rejects.jsonl</c>).</summary>
/// <param name="Table">The source table, e.g. <c>sensor_events</c>.</param>
/// <param name="Field">The column or item attribute concerned.</param>
/// <param name="Reason">What is wrong and what to do.</param>
/// <param name="Count">How many rejected rows have this table, field and reason.</param>
public sealed record RejectReason(
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("count")] long Count);
