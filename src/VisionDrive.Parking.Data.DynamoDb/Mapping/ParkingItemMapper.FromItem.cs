namespace VisionDrive.Parking.Data.DynamoDb.Mapping;

/// <content>Item → entity.</content>
public static partial class ParkingItemMapper
{
    /// <summary>Reads a <c>TENANT</c> item back into a <see cref="Tenant"/>.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The tenant.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    /// <exception cref="InvalidEntityException">The item is not a tenant, lacks a required attribute or holds one of the wrong type; names the item's key and the attribute.</exception>
    public static Tenant ToTenant(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var r = new Reader(item, EntityType.Tenant);
        return new Tenant(
            r.S(ParkingTable.TenantId),
            r.S(ParkingTable.Name),
            r.S(ParkingTable.Slug),
            r.S(ParkingTable.Status),
            r.Time(ParkingTable.CreatedAt),
            r.Time(ParkingTable.UpdatedAt));
    }

    /// <summary>Reads a <c>SITE</c> item back into a <see cref="Site"/>.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The site.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    /// <exception cref="InvalidEntityException">The item is not a site, lacks a required attribute or holds one of the wrong type; names the item's key and the attribute.</exception>
    public static Site ToSite(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var r = new Reader(item, EntityType.Site);
        return new Site(
            r.S(ParkingTable.SiteId),
            r.S(ParkingTable.TenantId),
            r.S(ParkingTable.Name),
            r.OptionalS(ParkingTable.Address),
            r.OptionalDouble(ParkingTable.Lat),
            r.OptionalDouble(ParkingTable.Lng),
            r.S(ParkingTable.Timezone),
            r.Time(ParkingTable.CreatedAt),
            r.Time(ParkingTable.UpdatedAt));
    }

    /// <summary>Reads a <c>ZONE</c> item back into a <see cref="Zone"/> (the tariff from the <c>tariff</c> map; <c>pricePerHour</c> and <c>currency</c> are derived and not read).</summary>
    /// <param name="item">The item.</param>
    /// <returns>The zone.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    /// <exception cref="InvalidEntityException">The item is not a zone, lacks a required attribute or holds one of the wrong type; names the item's key and the attribute.</exception>
    public static Zone ToZone(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var r = new Reader(item, EntityType.Zone);
        return new Zone(
            r.S(ParkingTable.ZoneId),
            r.S(ParkingTable.TenantId),
            r.S(ParkingTable.SiteId),
            r.S(ParkingTable.Name),
            r.S(ParkingTable.Kind),
            r.OptionalJson(ParkingTable.Tariff),
            r.Time(ParkingTable.CreatedAt),
            r.Time(ParkingTable.UpdatedAt));
    }

    /// <summary>Reads a <c>BAY</c> item back into a <see cref="Bay"/> (the code from <c>bayNumber</c>).</summary>
    /// <param name="item">The item.</param>
    /// <returns>The bay.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    /// <exception cref="InvalidEntityException">The item is not a bay, lacks a required attribute or holds one of the wrong type; names the item's key and the attribute.</exception>
    public static Bay ToBay(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var r = new Reader(item, EntityType.Bay);
        return new Bay(
            r.S(ParkingTable.BayId),
            r.S(ParkingTable.TenantId),
            r.S(ParkingTable.SiteId),
            r.S(ParkingTable.ZoneId),
            r.S(ParkingTable.BayNumber),
            r.OptionalDouble(ParkingTable.Lat),
            r.OptionalDouble(ParkingTable.Lng),
            r.Time(ParkingTable.CreatedAt),
            r.Time(ParkingTable.UpdatedAt))
        {
            Status = r.S(ParkingTable.Status),
            SensorId = r.OptionalS(ParkingTable.SensorId),
            StatusChangedAt = r.OptionalTime(ParkingTable.StatusChangedAt),
            StatusEventId = r.OptionalS(ParkingTable.StatusEventId),
        };
    }

    /// <summary>Reads a <c>SENSOR</c> item back into a <see cref="Sensor"/> (the DevEUI as stored in <c>devEui</c>, not the normalised GSI2PK).</summary>
    /// <param name="item">The item.</param>
    /// <returns>The sensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    /// <exception cref="InvalidEntityException">The item is not a sensor, lacks a required attribute or holds one of the wrong type; names the item's key and the attribute.</exception>
    public static Sensor ToSensor(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var r = new Reader(item, EntityType.Sensor);
        return new Sensor(
            r.S(ParkingTable.SensorId),
            r.S(ParkingTable.TenantId),
            r.S(ParkingTable.SiteId),
            r.OptionalS(ParkingTable.ZoneId),
            r.OptionalS(ParkingTable.BayId),
            r.S(ParkingTable.DevEui),
            r.S(ParkingTable.Type),
            r.S(ParkingTable.Status),
            r.OptionalTime(ParkingTable.LastSeenAt),
            r.Time(ParkingTable.CreatedAt),
            r.Time(ParkingTable.UpdatedAt));
    }

    /// <summary>Reads an <c>EVENT</c> item back into a <see cref="SensorEvent"/> (time from <c>timestamp</c>, kind from <c>eventType</c>; <c>ttl</c> is not part of the entity).</summary>
    /// <param name="item">The item.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    /// <exception cref="InvalidEntityException">The item is not an event, lacks a required attribute or holds one of the wrong type; names the item's key and the attribute.</exception>
    public static SensorEvent ToSensorEvent(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var r = new Reader(item, EntityType.Event);
        return new SensorEvent(
            r.S(ParkingTable.EventId),
            r.Time(ParkingTable.Timestamp),
            r.S(ParkingTable.TenantId),
            r.S(ParkingTable.SensorId),
            r.S(ParkingTable.EventType),
            r.OptionalJson(ParkingTable.Decoded));
    }

    /// <summary>Reads an <c>ALERT</c> item back into an <see cref="Alert"/>.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The alert.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    /// <exception cref="InvalidEntityException">The item is not an alert, lacks a required attribute or holds one of the wrong type; names the item's key and the attribute.</exception>
    public static Alert ToAlert(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var r = new Reader(item, EntityType.Alert);
        return new Alert(
            r.S(ParkingTable.AlertId),
            r.S(ParkingTable.TenantId),
            r.OptionalS(ParkingTable.SiteId),
            r.OptionalS(ParkingTable.ZoneId),
            r.OptionalS(ParkingTable.BayId),
            r.OptionalS(ParkingTable.SensorId),
            r.S(ParkingTable.Type),
            r.S(ParkingTable.Severity),
            r.S(ParkingTable.Status),
            r.OptionalS(ParkingTable.Message),
            r.Time(ParkingTable.CreatedAt),
            r.OptionalTime(ParkingTable.ResolvedAt));
    }

    /// <summary>Reads attributes of one item; every error names the item's key (<c>PK=… SK=…</c>) and the attribute.</summary>
    private readonly struct Reader
    {
        private readonly IReadOnlyDictionary<string, AttributeValue> _item;
        private readonly EntityType _type;

        public Reader(IReadOnlyDictionary<string, AttributeValue> item, EntityType type)
        {
            ArgumentNullException.ThrowIfNull(item);
            _item = item;
            _type = type;
            var actual = item.TryGetValue(ParkingTable.EntityType, out var t) ? t?.S : null;
            if (!string.Equals(actual, type.Name(), StringComparison.Ordinal))
            {
                throw Error(ParkingTable.EntityType, $"expected {type.Name()} but the item's {ParkingTable.EntityType} is {(actual is null ? "missing" : "'" + actual + "'")}; read it with the matching method or {nameof(FromItem)}.");
            }
        }

        public string S(string name) => OptionalS(name) ?? throw Missing(name);

        public string? OptionalS(string name)
        {
            if (!_item.TryGetValue(name, out var value) || value is null)
            {
                return null;
            }

            return value.S ?? throw WrongType(name, "S (string)");
        }

        public DateTimeOffset Time(string name) => OptionalTime(name) ?? throw Missing(name);

        public DateTimeOffset? OptionalTime(string name)
        {
            var text = OptionalS(name);
            if (text is null)
            {
                return null;
            }

            return KeyTime.TryParse(text, out var time)
                ? time
                : throw Error(name, $"'{text}' is not a timestamp in the key format {KeyTime.Format}.");
        }

        public double? OptionalDouble(string name)
        {
            if (!_item.TryGetValue(name, out var value) || value is null)
            {
                return null;
            }

            if (value.N is null)
            {
                throw WrongType(name, "N (number)");
            }

            return double.TryParse(value.N, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? d
                : throw Error(name, $"'{value.N}' is not a number.");
        }

        public JsonText? OptionalJson(string name)
        {
            if (!_item.TryGetValue(name, out var value) || value is null)
            {
                return null;
            }

            try
            {
                return JsonAttributeConverter.ToJsonText(value);
            }
            catch (JsonValueException ex)
            {
                var field = ex.Path.Length == 0 ? name : ex.Path[0] == '[' ? name + ex.Path : name + "." + ex.Path;
                throw Error(field, ex.Reason, ex);
            }
        }

        private InvalidEntityException Missing(string name) =>
            Error(name, "the required attribute is missing; the item was not written by this library's mapper (or was edited). Rewrite it from the source.");

        private InvalidEntityException WrongType(string name, string expected) =>
            Error(name, $"the attribute is not of type {expected}; the item was not written by this library's mapper (or was edited). Rewrite it from the source.");

        private InvalidEntityException Error(string name, string reason, Exception? inner = null) =>
            new(_type, DescribeKey(_item), name, reason, inner);
    }
}
