namespace VisionDrive.Parking.Data.Postgres;

/// <summary>How a <see cref="PostgresParkingStore"/> writes, beyond its connection (which is the data source's).</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>
    /// Whether every write also inserts the keys it touched into the transactional outbox <c>vdp_outbox</c>, in the write's own transaction
    /// (the online cutover with PostgreSQL primary: docs/cutover.md, "Replication"). The table must exist: <see cref="ParkingSchema.ApplyCutoverAsync"/>.
    /// Default <see langword="false"/>: the store writes its tables only.
    /// </summary>
    public bool Outbox { get; set; }
}
