using System;

namespace VisionDrive.Parking.Data.DynamoDb.Mapping;

/// <summary>Options of <see cref="ParkingItemMapper"/>.</summary>
public sealed class ItemMappingOptions
{
    private readonly TimeSpan _eventRetention = TimeSpan.FromDays(400);

    /// <summary>The default options (events kept 400 days).</summary>
    internal static ItemMappingOptions Default { get; } = new();

    /// <summary>
    /// How long DynamoDB keeps an event: its <c>ttl</c> attribute is the event time plus this retention (epoch seconds).
    /// Default: 400 days. Must be positive.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public TimeSpan EventRetention
    {
        get => _eventRetention;
        init
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "EventRetention must be positive (the default is 400 days).");
            }

            _eventRetention = value;
        }
    }
}
