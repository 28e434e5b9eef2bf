namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>How to stream one source table: its columns, an optional join for derived columns, and the row-to-entity mapping.</summary>
internal sealed class SourceTable<T>
    where T : class
{
    public SourceTable(EntityType type, SourceColumn[] columns, Func<RawRow, T> map, string? join = null)
    {
        Type = type;
        Columns = columns;
        Map = map;
        Join = join;
    }

    public EntityType Type { get; }

    public string Name => Type.SourceTable();

    public bool IsEvents => Type == EntityType.Event;

    public SourceColumn[] Columns { get; }

    public string? Join { get; }

    public Func<RawRow, T> Map { get; }

    /// <summary>Maps a row to what the reader yields: the entity, or a failure naming the column.</summary>
    public SourceRow<T> ToSourceRow(RawRow row)
    {
        var id = row.Values[0] as string ?? "NULL";
        string key;
        string primaryKey;
        if (IsEvents)
        {
            var timeKey = row.TimeKey(1);
            key = SourceKey.EventKey(timeKey, id);
            primaryKey = id + "@" + timeKey;
        }
        else
        {
            key = id;
            primaryKey = id;
        }

        var entity = Map(row);
        if (row.FailedColumn is { } column)
        {
            return new SourceRow<T>(key, null, new RowFailure(Name, primaryKey, column, row.FailureReason!, row.ToJson()));
        }

        return new SourceRow<T>(key, entity, null);
    }
}
