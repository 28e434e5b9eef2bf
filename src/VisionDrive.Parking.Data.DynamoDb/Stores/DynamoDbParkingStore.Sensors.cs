using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data.DynamoDb.Mapping;
using VisionDrive.Parking.Data.Keys;

namespace VisionDrive.Parking.Data.DynamoDb;

/// <content>Sensors.</content>
public sealed partial class DynamoDbParkingStore
{
    /// <inheritdoc />
    /// <remarks>GetItem <c>PK=SENSOR#&lt;id&gt;</c>, <c>SK=METADATA</c>.</remarks>
    public async ValueTask<Sensor?> GetSensorAsync(string sensorId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        var pk = TryKey(ParkingKeys.Sensor, sensorId);
        if (pk is null)
        {
            return null;
        }

        var item = await GetItemAsync(pk, ParkingKeys.Metadata, cancellationToken).ConfigureAwait(false);
        return item is null ? null : ParkingItemMapper.ToSensor(item);
    }

    /// <inheritdoc />
    /// <remarks>Query GSI2 <c>GSI2PK=DEVEUI#&lt;normalised DevEUI&gt;</c>, <c>GSI2SK=SENSOR</c> (eventually consistent).</remarks>
    public async ValueTask<Sensor?> GetSensorByDevEuiAsync(string devEui, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(devEui);
        var pk = TryKey(ParkingKeys.DevEuiKey, devEui);
        if (pk is null)
        {
            return null;
        }

        var items = await CollectAsync(NewQuery(ParkingTable.Gsi2, pk, ParkingKeys.SensorGsi2Sort), int.MaxValue, null, cancellationToken).ConfigureAwait(false);
        return Smallest(items, ParkingTable.SensorId) is { } item ? ParkingItemMapper.ToSensor(item) : null;
    }

    /// <inheritdoc />
    /// <remarks>Query GSI1 <c>GSI1PK=ZONE#&lt;id&gt;</c>, <c>begins_with(GSI1SK, SENSOR#)</c>, ascending.</remarks>
    public Task<Page<Sensor>> ListSensorsByZoneAsync(string zoneId, PageRequest page = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zoneId);
        const string Listing = "sensors-of-zone";
        var pk = TryKey(ParkingKeys.Zone, zoneId);
        return pk is null
            ? Task.FromResult(EmptyPage<Sensor>(page, Listing))
            : QueryPageAsync(Listing, NewQuery(ParkingTable.Gsi1, pk, "SENSOR#"), page, ParkingItemMapper.ToSensor, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// UpdateItem <c>PK=SENSOR#&lt;id&gt;</c> <c>SET lastSeenAt = :t</c> with the condition
    /// <c>attribute_exists(PK) AND (attribute_not_exists(lastSeenAt) OR lastSeenAt &lt; :t)</c>: timestamps are fixed-width UTC strings, so string
    /// order is time order, and concurrent touches can only move the value forward.
    /// </remarks>
    public async ValueTask<bool> TouchLastSeenAsync(string sensorId, DateTimeOffset seenAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        var pk = TryKey(ParkingKeys.Sensor, sensorId);
        if (pk is null)
        {
            return false;
        }

        try
        {
            await _client.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _table,
                    Key = Key(pk, ParkingKeys.Metadata),
                    UpdateExpression = "SET #seen = :t",
                    ConditionExpression = "attribute_exists(#pk) AND (attribute_not_exists(#seen) OR #seen < :t)",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = ParkingTable.Pk, ["#seen"] = ParkingTable.LastSeenAt },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":t"] = S(KeyTime.ToKey(seenAt)) },
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ResourceNotFoundException missing)
        {
            throw TableMissing(missing);
        }
        
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
}
