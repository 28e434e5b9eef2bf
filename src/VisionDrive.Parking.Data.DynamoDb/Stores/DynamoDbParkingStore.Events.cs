namespace VisionDrive.Parking.Data.DynamoDb;

/// <content>Sensor events.</content>
public sealed partial class DynamoDbParkingStore
{
    /// <summary>The longest tenant event range, in UTC days, that one call fans out over (about ten years): each day is one Query.</summary>
    public const int MaxTenantEventRangeDays = 3660;

    /// <inheritdoc />
    /// <remarks>
    /// One Query on the table: <c>PK=SENSOR#&lt;id&gt;</c>, <c>SK BETWEEN EVENT#&lt;from&gt; AND EVENT#&lt;to&gt;</c> (the bounds sort before every
    /// event of their instant, so the range is half-open), descending.
    /// </remarks>
    public Task<Page<SensorEvent>> ListSensorEventsAsync(string sensorId, TimeRange range, PageRequest page = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        const string Listing = "events-of-sensor";
        var pk = TryKey(ParkingKeys.Sensor, sensorId);
        var (from, to) = KeyRange(range);
        if (pk is null || from >= to)
        {
            return Task.FromResult(EmptyPage<SensorEvent>(page, Listing));
        }

        var request = NewQuery(null, pk, null, ParkingKeys.EventSortBound(from), ParkingKeys.EventSortBound(to), forward: false);
        return QueryPageAsync(Listing, request, page, ParkingItemMapper.ToSensorEvent, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Fans out over the UTC day buckets of the range, newest day first: per day one Query on GSI1,
    /// <c>GSI1PK=TENANT#&lt;id&gt;#EVENTS#&lt;yyyy-MM-dd&gt;</c>, <c>GSI1SK BETWEEN EVENT#&lt;from&gt; AND EVENT#&lt;to&gt;</c>, descending, until the page
    /// is full. Days are disjoint and ordered, so concatenating them is the newest-first merge. The token holds the day and the last key read.
    /// A range longer than <see cref="MaxTenantEventRangeDays"/> days throws <see cref="ArgumentException"/> (split it).
    /// </remarks>
    /// <exception cref="ArgumentException">The range spans more than <see cref="MaxTenantEventRangeDays"/> UTC days, or the token is malformed.</exception>
    public async Task<Page<SensorEvent>> ListTenantEventsAsync(string tenantId, TimeRange range, PageRequest page = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        const string Listing = "events-of-tenant";
        var (from, to) = KeyRange(range);
        if (TryKey(ParkingKeys.Tenant, tenantId) is null || from >= to)
        {
            return EmptyPage<SensorEvent>(page, Listing);
        }

        var firstDay = DateOnly.FromDateTime(from.UtcDateTime);
        var lastDay = DateOnly.FromDateTime(to.AddTicks(-10).UtcDateTime);
        if (lastDay.DayNumber - firstDay.DayNumber + 1 > MaxTenantEventRangeDays)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The range {range.From:O} to {range.To:O} spans {lastDay.DayNumber - firstDay.DayNumber + 1} UTC days; a tenant's events are read one day bucket per query, and one call reads at most {MaxTenantEventRangeDays} days. Split the range."),
                nameof(range));
        }

        var day = lastDay;
        Dictionary<string, AttributeValue>? startKey = null;
        var body = PageToken.Decode(page.ContinuationToken, Listing);
        if (body is not null)
        {
            if (body.Day is null
                || !DateOnly.TryParseExact(body.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
                || day < firstDay
                || day > lastDay)
            {
                throw PageToken.Invalid();
            }

            startKey = PageToken.StartKey(body, ParkingTable.Gsi1Pk, ParkingKeys.TenantEventsDay(tenantId, day), Schema(ParkingTable.Gsi1).StartKeyNames);
        }

        var want = page.Limit + 1;
        var items = new List<Dictionary<string, AttributeValue>>(Math.Min(want, 128));
        var dayOf = new List<DateOnly>(Math.Min(want, 128));
        var lower = ParkingKeys.EventSortBound(from);
        var upper = ParkingKeys.EventSortBound(to);
        for (; day >= firstDay && items.Count < want; day = day.AddDays(-1))
        {
            var request = NewQuery(ParkingTable.Gsi1, ParkingKeys.TenantEventsDay(tenantId, day), null, lower, upper, forward: false);
            var found = await CollectAsync(request, want - items.Count, startKey, cancellationToken).ConfigureAwait(false);
            startKey = null;
            items.AddRange(found);
            for (var i = 0; i < found.Count; i++)
            {
                dayOf.Add(day);
            }
        }

        string? token = null;
        if (items.Count > page.Limit)
        {
            items.RemoveRange(page.Limit, items.Count - page.Limit);
            token = PageToken.Encode(Listing, StartKeyOf(items[^1], ParkingTable.Gsi1), KeyTime.ToDay(dayOf[page.Limit - 1]));
        }

        var events = new List<SensorEvent>(items.Count);
        foreach (var item in items)
        {
            events.Add(ParkingItemMapper.ToSensorEvent(item));
        }

        return new Page<SensorEvent>(events, token);
    }

    /// <inheritdoc />
    /// <remarks>
    /// 1. PutItem of the event with <c>attribute_not_exists(PK)</c>: a redelivery (same id and time, hence the same key) writes nothing and returns
    /// <c>Created = false</c>. Idempotency is on the event's (id, time), the source's primary key, on both stores: the same id with a different time
    /// is a different event. 2. For ARRIVE/LEAVE: GetItem of the sensor (its <c>bayId</c>), Query GSI2 <c>BAY#&lt;bayId&gt;</c> (the
    /// bay's key), then UpdateItem of the bay's <c>status</c>, <c>statusChangedAt</c>, <c>statusEventId</c> and <c>sensorId</c> with the condition that
    /// the bay still holds the sensor and the event is newer than the status the bay holds (a later time, or the same time and a greater id): out-of-order delivery cannot flip a bay
    /// back. Step 2 also runs for a redelivery (with the event as recorded, read back with a consistent GetItem), so a crash between the two steps is
    /// repaired by the next delivery; it changes nothing otherwise.
    /// </remarks>
    public async ValueTask<RecordEventResult> RecordEventAsync(SensorEvent sensorEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sensorEvent);
        var item = ParkingItemMapper.ToItem(sensorEvent, _mapping);
        var created = true;
        try
        {
            await _client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = _table,
                    Item = item,
                    ConditionExpression = "attribute_not_exists(#pk)",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = ParkingTable.Pk },
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceNotFoundException missing)
        {
            throw TableMissing(missing);
        }
        
        catch (ConditionalCheckFailedException)
        {
            created = false;
            Log.EventRedelivered(_logger, sensorEvent.Id, sensorEvent.SensorId);

            // The repair step applies the event as recorded, not as redelivered: a redelivery with another kind changes nothing (as on PostgreSQL).
            var stored = await GetItemAsync(item[ParkingTable.Pk].S, item[ParkingTable.Sk].S, cancellationToken, consistent: true).ConfigureAwait(false);
            if (stored is not null)
            {
                sensorEvent = ParkingItemMapper.ToSensorEvent(stored);
            }
        }

        var changed = EventKinds.ChangesOccupancy(sensorEvent.Kind)
            && await MoveBayStatusAsync(sensorEvent, cancellationToken).ConfigureAwait(false);
        return new RecordEventResult(created, changed);
    }

    /// <summary>Applies an ARRIVE/LEAVE to its sensor's bay when it is newer than the bay's status; true when the status value changed.</summary>
    private async Task<bool> MoveBayStatusAsync(SensorEvent sensorEvent, CancellationToken cancellationToken)
    {
        var sensorPk = ParkingKeys.Sensor(sensorEvent.SensorId);
        var sensor = await GetItemAsync(
            sensorPk, ParkingKeys.Metadata, cancellationToken, projection: "#bay", names: new Dictionary<string, string> { ["#bay"] = ParkingTable.BayId }).ConfigureAwait(false);
        var bayId = sensor is not null && sensor.TryGetValue(ParkingTable.BayId, out var b) ? b.S : null;
        var bay = bayId is null ? null : await FindBayItemAsync(bayId, cancellationToken).ConfigureAwait(false);
        if (bay is null)
        {
            Log.BayNotFound(_logger, sensorEvent.Kind, sensorEvent.Id, sensorEvent.SensorId, _table);
            return false;
        }

        var status = sensorEvent.Kind == EventKinds.Arrive ? BayStatus.Occupied : BayStatus.Vacant;
        try
        {
            var response = await _client.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _table,
                    Key = Key(bay[ParkingTable.Pk].S, bay[ParkingTable.Sk].S),
                    UpdateExpression = "SET #status = :status, #changed = :t, #event = :id",
                    ConditionExpression =
                        "attribute_exists(#pk) AND #sensor = :sensor AND (attribute_not_exists(#changed) OR #changed < :t OR (#changed = :t AND (attribute_not_exists(#event) OR #event < :id)))",
                    ExpressionAttributeNames = new Dictionary<string, string>
                    {
                        ["#pk"] = ParkingTable.Pk,
                        ["#status"] = ParkingTable.Status,
                        ["#changed"] = ParkingTable.StatusChangedAt,
                        ["#event"] = ParkingTable.StatusEventId,
                        ["#sensor"] = ParkingTable.SensorId,
                    },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        [":status"] = S(status),
                        [":t"] = S(KeyTime.ToKey(sensorEvent.Time)),
                        [":id"] = S(sensorEvent.Id),
                        [":sensor"] = S(sensorEvent.SensorId),
                    },
                    ReturnValues = Amazon.DynamoDBv2.ReturnValue.ALL_OLD,
                },
                cancellationToken).ConfigureAwait(false);
            var before = response.Attributes is not null && response.Attributes.TryGetValue(ParkingTable.Status, out var s) ? s.S : null;
            return (before ?? BayStatus.Vacant) != status;
        }
        catch (ResourceNotFoundException missing)
        {
            throw TableMissing(missing);
        }
        
        catch (ConditionalCheckFailedException)
        {
            Log.StaleBayStatus(_logger, sensorEvent.Kind, sensorEvent.Id, bayId!);
            return false;
        }
    }

    /// <summary>The range in key precision (microseconds): an instant with sub-microsecond ticks is rounded up, so <c>from &lt;= t &lt; to</c> holds exactly.</summary>
    private static (DateTimeOffset From, DateTimeOffset To) KeyRange(TimeRange range) => (CeilingToMicroseconds(range.From), CeilingToMicroseconds(range.To));

    private static DateTimeOffset CeilingToMicroseconds(DateTimeOffset time)
    {
        var truncated = KeyTime.TruncateToMicroseconds(time);
        return truncated.UtcTicks == time.UtcTicks || truncated.UtcTicks + 10 > DateTimeOffset.MaxValue.UtcTicks ? truncated : truncated.AddTicks(10);
    }
}
