using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2.DataModel;

namespace VisionDrive.Parking.Data.Benchmarks.Mapping;

// The same items modelled the way the AWS SDK's object persistence model (DynamoDBContext) expects: attributed POCOs.
// The decoded payload is a typed nested class (what a DynamoDBContext user writes), so the SDK does no JSON parsing at all:
// that favours the SDK side of the comparison.

/// <summary>A sensor event item for <see cref="DynamoDBContext"/>.</summary>
[DynamoDBTable("VisionDrive-Parking")]
public sealed class EventRecord
{
    [DynamoDBHashKey("PK")] public string Pk { get; set; } = "";
    [DynamoDBRangeKey("SK")] public string Sk { get; set; } = "";
    [DynamoDBGlobalSecondaryIndexHashKey("GSI1", AttributeName = "GSI1PK")] public string? Gsi1Pk { get; set; }
    [DynamoDBGlobalSecondaryIndexRangeKey("GSI1", AttributeName = "GSI1SK")] public string? Gsi1Sk { get; set; }
    [DynamoDBProperty("entityType")] public string EntityType { get; set; } = "EVENT";
    [DynamoDBProperty("eventId")] public string EventId { get; set; } = "";
    [DynamoDBProperty("timestamp")] public DateTime Timestamp { get; set; }
    [DynamoDBProperty("tenantId")] public string TenantId { get; set; } = "";
    [DynamoDBProperty("sensorId")] public string SensorId { get; set; } = "";
    [DynamoDBProperty("eventType")] public string EventType { get; set; } = "";
    [DynamoDBProperty("decoded")] public DecodedPayload? Decoded { get; set; }
    [DynamoDBProperty("ttl")] public long Ttl { get; set; }
}

/// <summary>The decoded uplink of <see cref="Samples.DecodedJson"/>, typed.</summary>
public sealed class DecodedPayload
{
    [DynamoDBProperty("occupied")] public bool Occupied { get; set; }
    [DynamoDBProperty("battery")] public double Battery { get; set; }
    [DynamoDBProperty("rssi")] public int Rssi { get; set; }
    [DynamoDBProperty("snr")] public double Snr { get; set; }
    [DynamoDBProperty("raw")] public string? Raw { get; set; }
    [DynamoDBProperty("fPort")] public int FPort { get; set; }
    [DynamoDBProperty("fCnt")] public int FCnt { get; set; }
    [DynamoDBProperty("temperature")] public double Temperature { get; set; }
    [DynamoDBProperty("magnetometer")] public Magnetometer? Magnetometer { get; set; }
    [DynamoDBProperty("gateway")] public GatewayInfo? Gateway { get; set; }
    [DynamoDBProperty("dataRate")] public DataRate? DataRate { get; set; }
    [DynamoDBProperty("confirmed")] public bool Confirmed { get; set; }
    [DynamoDBProperty("firmware")] public string? Firmware { get; set; }
}

/// <summary>Part of <see cref="DecodedPayload"/>.</summary>
public sealed class Magnetometer
{
    [DynamoDBProperty("x")] public int X { get; set; }
    [DynamoDBProperty("y")] public int Y { get; set; }
    [DynamoDBProperty("z")] public int Z { get; set; }
    [DynamoDBProperty("baseline")] public List<int>? Baseline { get; set; }
}

/// <summary>Part of <see cref="DecodedPayload"/>.</summary>
public sealed class GatewayInfo
{
    [DynamoDBProperty("id")] public string? Id { get; set; }
    [DynamoDBProperty("rssi")] public int Rssi { get; set; }
    [DynamoDBProperty("snr")] public double Snr { get; set; }
    [DynamoDBProperty("channel")] public int Channel { get; set; }
    [DynamoDBProperty("time")] public string? Time { get; set; }
}

/// <summary>Part of <see cref="DecodedPayload"/>.</summary>
public sealed class DataRate
{
    [DynamoDBProperty("spreadingFactor")] public int SpreadingFactor { get; set; }
    [DynamoDBProperty("bandwidth")] public int Bandwidth { get; set; }
}

/// <summary>A bay item for <see cref="DynamoDBContext"/>.</summary>
[DynamoDBTable("VisionDrive-Parking")]
public sealed class BayRecord
{
    [DynamoDBHashKey("PK")] public string Pk { get; set; } = "";
    [DynamoDBRangeKey("SK")] public string Sk { get; set; } = "";
    [DynamoDBGlobalSecondaryIndexHashKey("GSI1", AttributeName = "GSI1PK")] public string? Gsi1Pk { get; set; }
    [DynamoDBGlobalSecondaryIndexRangeKey("GSI1", AttributeName = "GSI1SK")] public string? Gsi1Sk { get; set; }
    [DynamoDBGlobalSecondaryIndexHashKey("GSI2", AttributeName = "GSI2PK")] public string? Gsi2Pk { get; set; }
    [DynamoDBGlobalSecondaryIndexRangeKey("GSI2", AttributeName = "GSI2SK")] public string? Gsi2Sk { get; set; }
    [DynamoDBProperty("entityType")] public string EntityType { get; set; } = "BAY";
    [DynamoDBProperty("bayId")] public string BayId { get; set; } = "";
    [DynamoDBProperty("tenantId")] public string TenantId { get; set; } = "";
    [DynamoDBProperty("siteId")] public string SiteId { get; set; } = "";
    [DynamoDBProperty("zoneId")] public string ZoneId { get; set; } = "";
    [DynamoDBProperty("bayNumber")] public string BayNumber { get; set; } = "";
    [DynamoDBProperty("lat")] public double? Lat { get; set; }
    [DynamoDBProperty("lng")] public double? Lng { get; set; }
    [DynamoDBProperty("status")] public string Status { get; set; } = "";
    [DynamoDBProperty("sensorId")] public string? SensorId { get; set; }
    [DynamoDBProperty("statusChangedAt")] public DateTime? StatusChangedAt { get; set; }
    [DynamoDBProperty("statusEventId")] public string? StatusEventId { get; set; }
    [DynamoDBProperty("createdAt")] public DateTime CreatedAt { get; set; }
    [DynamoDBProperty("updatedAt")] public DateTime UpdatedAt { get; set; }
}
