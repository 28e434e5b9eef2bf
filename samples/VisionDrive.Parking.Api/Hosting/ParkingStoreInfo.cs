namespace VisionDrive.Parking.Api.Hosting;

/// <summary>Which store the application runs on, and the tenant of a single-tenant deployment (<c>Parking:DefaultTenantId</c>).</summary>
public sealed record ParkingStoreInfo(string Store, string? DefaultTenantId)
{
    public const string DynamoDb = "DynamoDb";

    public const string Postgres = "Postgres";

    public const string DualWrite = "DualWrite";
}
