namespace VisionDrive.Parking.Migration;

public sealed partial class MigrationEngine
{
    /// <summary>
    /// The end of an online migrate or sync (docs/migration.md, "Online backfill"): a row the run read just before the application deleted it
    /// may have been put back by the run after the delete's copy removed it — conditions cannot refuse a put over nothing. The keys
    /// deleted since the run started (the source's tombstones, <see cref="ParkingSourceReader.ReadDeletedSinceAsync"/>) are deleted again
    /// from the table where the item there is not newer than the version deleted. Every put of the run is acknowledged before this reads
    /// the tombstones, and a delete's tombstone commits with the delete, so each such put is either removed here or came before the
    /// delete's own copy.
    /// </summary>
    /// <returns>The items removed.</returns>
    private async Task<long> RemoveDeletedDuringRunAsync(DateTimeOffset runStarted, CancellationToken cancellationToken)
    {
        var deleted = await _source.ReadDeletedSinceAsync(runStarted - MigrationOptions.OnlineClockAllowance, cancellationToken).ConfigureAwait(false);
        var removed = 0L;
        foreach (var (type, id, version) in deleted)
        {
            if (!_options.EntityTypes.Contains(type))
            {
                continue;
            }

            foreach (var (pk, sk) in ItemKeys(type, id))
            {
                removed += await DeleteIfNotNewerAsync(pk, sk, version, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
        }

        if (deleted.Count > 0)
        {
            Log.OnlineDeletedRemoved(_logger, removed, deleted.Count);
        }

        return removed;
    }

    /// <summary>The table key of a deleted entity: its metadata item (tenants, sites, zones, sensors).</summary>
    private static List<(string Pk, string Sk)> ItemKeys(EntityType type, string id)
    {
        switch (type)
        {
            case EntityType.Tenant:
                return [(ParkingKeys.Tenant(id), ParkingKeys.Metadata)];
            case EntityType.Site:
                return [(ParkingKeys.Site(id), ParkingKeys.Metadata)];
            case EntityType.Zone:
                return [(ParkingKeys.Zone(id), ParkingKeys.Metadata)];
            case EntityType.Sensor:
                return [(ParkingKeys.Sensor(id), ParkingKeys.Metadata)];
            default:
                // Events are immutable and alerts never deleted: no tombstone names them. A bay's item key holds its zone and code,
                // which its tombstone does not, and the migration reads no index (docs/iam): a bay deleted during the run and put back
                // stays until an online sync run more than 5 minutes later (docs/migration.md, "Online backfill").
                return [];
        }
    }

    private async Task<bool> DeleteIfNotNewerAsync(string pk, string sk, DateTimeOffset version, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Client.DeleteItemAsync(
                new DeleteItemRequest
                {
                    TableName = _options.TableName,
                    Key = new() { ["PK"] = new() { S = pk }, ["SK"] = new() { S = sk } },
                    ConditionExpression = "#u <= :v",
                    ExpressionAttributeNames = new() { ["#u"] = "updatedAt" },
                    ExpressionAttributeValues = new() { [":v"] = new() { S = KeyTime.ToKey(version) } },
                    ReturnValues = ReturnValue.ALL_OLD,
                },
                cancellationToken).ConfigureAwait(false);
            return response.Attributes is { Count: > 0 };
        }
        catch (ConditionalCheckFailedException)
        {
            return false; // absent, or created again since: newer than the delete
        }
    }
}
