namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>How a source column is read.</summary>
internal enum ColumnKind
{
    Text,
    Double,
    Time,
    Json,
}
