namespace VisionDrive.Parking.Data;

/// <summary>
/// Every access pattern of the parking data, over one store (PostgreSQL or DynamoDB). Switching the implementation registered for this
/// interface is the migration guide's rollback plan: a configuration change, not a rewrite.
/// </summary>
public interface IParkingStore : ITenantStore, ISiteStore, IZoneStore, ISensorStore, IEventStore, IAlertStore
{
}
