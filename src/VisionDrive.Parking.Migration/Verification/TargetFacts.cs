using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data.Keys;

namespace VisionDrive.Parking.Migration.Verification;

/// <summary>
/// What the first scan of the target learns besides the digests: the items no entity type claims (the source never produces them), and the
/// event retention the table's events were written with (<c>ttl</c> − event time). Filled concurrently by the scan segments.
/// </summary>
internal sealed class TargetFacts
{
    private readonly ConcurrentDictionary<long, long> _retentions = new();

    /// <summary>Keys (<c>PK|SK</c>) of items with no <c>entityType</c>, or one that is not an entity type, with their key attributes.</summary>
    public ConcurrentDictionary<string, Dictionary<string, AttributeValue>> Unclaimed { get; } = new(StringComparer.Ordinal);

    /// <summary>Event items whose <c>ttl</c> and time could be read.</summary>
    public long EventsWithTtl => _retentions.Values.Sum();

    public void AddUnclaimed(string pk, string sk, Dictionary<string, AttributeValue> item)
    {
        var key = new Dictionary<string, AttributeValue>(2);
        if (item.TryGetValue("PK", out var p))
        {
            key["PK"] = p;
        }

        if (item.TryGetValue("SK", out var s))
        {
            key["SK"] = s;
        }

        Unclaimed[pk + "|" + sk] = key;
    }

    /// <summary>Records the retention one event item was written with: its <c>ttl</c> minus its time, in whole seconds.</summary>
    public void AddEvent(Dictionary<string, AttributeValue> item)
    {
        if (item.TryGetValue("ttl", out var ttl) && ttl.N is not null
            && long.TryParse(ttl.N, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var expires)
            && item.TryGetValue("timestamp", out var ts) && ts.S is not null
            && KeyTime.TryParse(ts.S, out var time))
        {
            _retentions.AddOrUpdate(expires - time.ToUnixTimeSeconds(), 1, static (_, n) => n + 1);
        }
    }

    /// <summary>The retention most of the table's events were written with, and how many were; <see langword="null"/> when the table holds no event.</summary>
    public (TimeSpan Retention, long Events)? TableRetention()
    {
        if (_retentions.IsEmpty)
        {
            return null;
        }

        var (seconds, count) = _retentions.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).First();
        return (TimeSpan.FromSeconds(seconds), count);
    }
}
