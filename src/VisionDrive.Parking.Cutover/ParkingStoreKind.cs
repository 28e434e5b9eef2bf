namespace VisionDrive.Parking.Cutover;

/// <summary>
/// The cutover phase (<c>Parking:Store</c>), and the primary of a dual write (<c>Parking:DualWrite:Primary</c>): which store serves the
/// application (docs/cutover.md).
/// </summary>
public enum ParkingStoreKind
{
    /// <summary>PostgreSQL/TimescaleDB only (before the cutover, or after a rollback).</summary>
    Postgres,

    /// <summary>Both stores: reads from the primary, writes to the primary first and then to the secondary (<see cref="DualWriteOptions"/>).</summary>
    DualWrite,

    /// <summary>The DynamoDB table only (after the cutover).</summary>
    DynamoDb,
}
