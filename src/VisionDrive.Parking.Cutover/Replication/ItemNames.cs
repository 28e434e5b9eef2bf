namespace VisionDrive.Parking.Cutover.Replication;

/// <summary>The attribute names of the single table that replication reads in conditions (the DynamoDB package's are internal; docs/data-model.md).</summary>
internal static class ItemNames
{
    public const string Pk = "PK";
    public const string Sk = "SK";
    public const string Gsi2 = "GSI2";
    public const string Gsi2Pk = "GSI2PK";
    public const string Gsi2Sk = "GSI2SK";
    public const string BayGsi2Sort = "BAY";
    public const string EntityType = "entityType";
    public const string UniqueEntityType = "UNIQUE";
    public const string UpdatedAt = "updatedAt";
}
