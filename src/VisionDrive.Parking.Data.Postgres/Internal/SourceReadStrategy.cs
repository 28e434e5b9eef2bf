namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>How a streaming reader fetches rows (measured in docs/source.md).</summary>
internal enum SourceReadStrategy
{
    /// <summary>One query per page: <c>WHERE key &gt; last ORDER BY key LIMIT page</c>.</summary>
    Keyset,

    /// <summary>One ordered query whose rows are consumed as they arrive.</summary>
    SingleQuery,

    /// <summary>A server-side cursor in a transaction, <c>FETCH page</c> at a time.</summary>
    Cursor,

    /// <summary><c>COPY (SELECT … ORDER BY key) TO STDOUT (FORMAT BINARY)</c>.</summary>
    BinaryCopy,
}
