namespace VisionDrive.Parking.Data;

/// <summary>A source row that cannot become an entity or an item: reported and kept, never dropped.</summary>
/// <param name="Table">The source table, e.g. <c>sensor_events</c>.</param>
/// <param name="PrimaryKey">The row's primary key as text (for events <c>id</c> and <c>time</c>, e.g. <c>ev-1@2026-01-12T10:30:00.000000Z</c>).</param>
/// <param name="Field">The column or attribute at fault.</param>
/// <param name="Reason">What is wrong and what to do.</param>
/// <param name="RowJson">The row itself as a JSON object (no secrets are ever part of a row).</param>
public sealed record RowFailure(string Table, string PrimaryKey, string Field, string Reason, string RowJson);
