namespace VisionDrive.Parking.Data.DynamoDb;

/// <summary>
/// The defaults of the <c>VisionDrive-Parking</c> table, stated once: the DynamoDB store (<see cref="DynamoDbStoreOptions"/>), the item mapper
/// (<see cref="Mapping.ItemMappingOptions"/>), table provisioning, the migration engine's options and the <c>vdp</c> CLI (its help text too)
/// all read them from here.
/// </summary>
public static class ParkingDefaults
{
    /// <summary>The table name, <c>VisionDrive-Parking</c>.</summary>
    public const string TableName = "VisionDrive-Parking";

    /// <summary>The AWS region, <c>me-central-1</c> (UAE).</summary>
    public const string Region = "me-central-1";

    /// <summary>How many days DynamoDB keeps an event by default: its <c>ttl</c> is the event time plus <see cref="EventRetention"/>, 400 days.</summary>
    public const int EventRetentionDays = 400;

    /// <summary><see cref="EventRetentionDays"/> as a span: 400 days.</summary>
    public static TimeSpan EventRetention { get; } = TimeSpan.FromDays(EventRetentionDays);
}
