using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Npgsql;
using VisionDrive.Parking.Cutover.Replication;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb;
using VisionDrive.Parking.Data.DynamoDb.Mapping;
using VisionDrive.Parking.Data.Keys;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.IntegrationTests.Cutover;

/// <summary>
/// TEST ONLY, not the production replication (that is the outbox / stream replication under src/…/Cutover/Replication): a PostgreSQL →
/// DynamoDB copy of a key's current state, read from the PostgreSQL primary (entities through the store's getters, an event by its key
/// (id, time) with SQL) and put on the real DynamoDB Local table unconditionally (no apply-if-newer). The dual-write tests use it to check
/// the decorator's side: which keys it hands over, when, and that a failed copy never fails the caller. It records each call and what
/// the primary held at that moment, so a test can tell the copy ran after the primary write.
/// </summary>
internal sealed class TestCopyReplicator(IParkingStore primary, NpgsqlDataSource source, IAmazonDynamoDB client, string table) : ISecondaryReplicator
{
    private long _failed;

    /// <summary>Every call, in order: the keys and, per key, whether the primary held the entity when the copy read it.</summary>
    public ConcurrentQueue<(IReadOnlyList<ChangedKey> Keys, bool[] PresentAtPrimary)> Calls { get; } = new();

    public async ValueTask CopyAsync(IReadOnlyList<ChangedKey> keys, CancellationToken cancellationToken)
    {
        var present = new bool[keys.Count];
        try
        {
            for (var i = 0; i < keys.Count; i++)
            {
                var entity = await ReadAsync(keys[i], cancellationToken);
                present[i] = entity is not null;
                if (entity is not null)
                {
                    await client.PutItemAsync(new PutItemRequest
                    {
                        TableName = table,
                        Item = ParkingItemMapper.ToItem(entity, new ItemMappingOptions { EventRetention = TestDates.DatasetRetention }),
                    }, cancellationToken);
                }
            }
        }
        catch
        {
            Interlocked.Increment(ref _failed);
            throw;
        }
        finally
        {
            Calls.Enqueue((keys, present));
        }
    }

    /// <summary>The copies that failed (a real replication keeps their durable record until it applies it).</summary>
    public ValueTask<long> PendingAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Interlocked.Read(ref _failed));

    private async Task<object?> ReadAsync(ChangedKey key, CancellationToken cancellationToken) => key.Type switch
    {
        EntityType.Tenant => await primary.GetTenantAsync(key.Id, cancellationToken),
        EntityType.Site => await primary.GetSiteAsync(key.Id, cancellationToken),
        EntityType.Zone => await primary.GetZoneAsync(key.Id, cancellationToken),
        EntityType.Bay => await primary.GetBayAsync(key.Id, cancellationToken),
        EntityType.Sensor => await primary.GetSensorAsync(key.Id, cancellationToken),
        EntityType.Alert => await primary.GetAlertAsync(key.Id, cancellationToken),
        EntityType.Event => await ReadEventAsync(key.Id, key.Time ?? throw new ArgumentException("An event key has a time.", nameof(key)), cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key.Type, null),
    };

    private async Task<SensorEvent?> ReadEventAsync(string id, DateTimeOffset time, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT \"tenantId\", \"sensorId\", kind, decoded::text FROM sensor_events WHERE id = $1 AND time = $2", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = KeyTime.TruncateToMicroseconds(time).UtcDateTime });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new SensorEvent(id, time, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : JsonText.Parse(reader.GetString(3)));
    }
}
