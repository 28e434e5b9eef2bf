namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>A column a streaming reader selects: its source name, how to read it, and whether it is derived (not part of the row itself).</summary>
internal sealed record SourceColumn(string Name, ColumnKind Kind, string? Expression = null, bool Derived = false)
{
    /// <summary>The SQL for the column of table alias <c>t</c>.</summary>
    public string Sql => Expression ?? "t.\"" + Name + "\"";
}
