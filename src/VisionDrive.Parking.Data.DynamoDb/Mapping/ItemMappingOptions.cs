namespace VisionDrive.Parking.Data.DynamoDb.Mapping;

/// <summary>Options of <see cref="ParkingItemMapper"/>.</summary>
public sealed class ItemMappingOptions
{
    private readonly TimeSpan _eventRetention = ParkingDefaults.EventRetention;

    /// <summary>The default options (events kept <see cref="ParkingDefaults.EventRetention"/>, 400 days).</summary>
    internal static ItemMappingOptions Default { get; } = new();

    /// <summary>
    /// How long DynamoDB keeps an event: its <c>ttl</c> attribute is the event time plus this retention (epoch seconds).
    /// Default: <see cref="ParkingDefaults.EventRetention"/> (400 days). Must be positive: checked when set (a value object built per call,
    /// not options bound from configuration, so a wrong value fails where it is written).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public TimeSpan EventRetention
    {
        get => _eventRetention;
        init
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "ItemMappingOptions.EventRetention must be positive (the default is " + ParkingDefaults.EventRetentionDays + " days).");
            }

            _eventRetention = value;
        }
    }
}
