using System.Threading.RateLimiting;

namespace VisionDrive.Parking.Data.DynamoDb.Writing;

/// <summary>
/// Caps the write units per second of every <see cref="DynamoDbBatchWriter"/> that shares it (give one instance to all writers of a process;
/// split a table's budget across processes yourself: each of N processes gets cap / N). A token bucket
/// (<see cref="TokenBucketRateLimiter"/>, refilled every 100 ms) is charged before each BatchWriteItem call with the write units its items
/// will cost by DynamoDB's rules (size rounded up to 1 KB, once for the table and once per index the item is in), then settled with the
/// consumed capacity DynamoDB returns: what the estimate missed is charged to the next call, what it overcharged is credited. On
/// throttling the rate halves (down to 1/16 of the cap) and recovers by 10% a second. Thread-safe.
/// </summary>
public sealed class WriteGovernor : IDisposable
{
    private const double MinFraction = 1.0 / 16;
    private const double RecoveryPerSecond = 1.10;

    private readonly TokenBucketRateLimiter _bucket;
    private readonly TimeProvider _time;
    private readonly int _chunk;
    private readonly Lock _gate = new();
    private double _fraction = 1;
    private long _fractionAt;
    private double _owed;
    private long _firstAt;
    private long _lastAt;

    /// <summary>Creates a governor.</summary>
    /// <param name="maxWriteUnitsPerSecond">The cap, in write units per second (1 to 10,000,000).</param>
    /// <param name="timeProvider">The clock of the rate's recovery and of <see cref="Elapsed"/>; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxWriteUnitsPerSecond"/> is out of range.</exception>
    public WriteGovernor(int maxWriteUnitsPerSecond, TimeProvider? timeProvider = null)
    {
        if (maxWriteUnitsPerSecond is < 1 or > 10_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(maxWriteUnitsPerSecond), maxWriteUnitsPerSecond, "The write-unit cap must be between 1 and 10,000,000 per second.");
        }

        MaxWriteUnitsPerSecond = maxWriteUnitsPerSecond;
        _time = timeProvider ?? TimeProvider.System;
        _fractionAt = _time.GetTimestamp();

        // A small bucket (one refill period) so that no burst above the cap is possible: 100 ms of units, or 1 s below 10 units a second.
        var fast = maxWriteUnitsPerSecond >= 10;
        _chunk = fast ? maxWriteUnitsPerSecond / 10 : maxWriteUnitsPerSecond;
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = _chunk,
            TokensPerPeriod = _chunk,
            ReplenishmentPeriod = fast ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>The cap, in write units per second.</summary>
    public int MaxWriteUnitsPerSecond { get; }

    /// <summary>The write units consumed so far: as DynamoDB reported them, or from the item sizes where it reported none.</summary>
    public double ConsumedWriteUnits { get; private set; }

    /// <summary>The part of <see cref="ConsumedWriteUnits"/> computed from item sizes because a response carried no consumed capacity.</summary>
    public double WriteUnitsFromItemSizes { get; private set; }

    /// <summary>How many times DynamoDB throttled (an error or unprocessed items), each halving the rate for a while.</summary>
    public long Throttles { get; private set; }

    /// <summary>The time from the first charge to the last settled call.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (_gate)
            {
                return _firstAt == 0 ? TimeSpan.Zero : _time.GetElapsedTime(_firstAt, _lastAt);
            }
        }
    }

    /// <summary>The rate achieved: <see cref="ConsumedWriteUnits"/> over <see cref="Elapsed"/> (0 before the first call).</summary>
    public double WriteUnitsPerSecond => Elapsed is { TotalSeconds: > 0 } e ? ConsumedWriteUnits / e.TotalSeconds : 0;

    /// <summary>The write units a put of <paramref name="item"/> costs: its size rounded up to 1 KB, for the table and each index it is in.</summary>
    /// <param name="item">The item.</param>
    /// <returns>Write units.</returns>
    public static int WriteUnitsOf(IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var units = (ItemSize.Compute(item) + 1023) / 1024;
        var indexes = (item.ContainsKey("GSI1PK") && item.ContainsKey("GSI1SK") ? 1 : 0) + (item.ContainsKey("GSI2PK") && item.ContainsKey("GSI2SK") ? 1 : 0);
        return units * (1 + indexes);
    }

    /// <summary>Waits until the call whose requests will cost <paramref name="estimatedUnits"/> may be sent.</summary>
    internal async ValueTask AcquireAsync(double estimatedUnits, CancellationToken cancellationToken)
    {
        double charge;
        lock (_gate)
        {
            if (_firstAt == 0)
            {
                _firstAt = _lastAt = _time.GetTimestamp();
            }

            // What earlier calls were under-charged is paid now (negative: credited); at a reduced rate each unit costs more tokens.
            var fraction = CurrentFraction();
            var units = estimatedUnits + _owed;
            charge = units <= 0 ? 0 : Math.Ceiling(units / fraction);
            _owed = Math.Max(units - (charge * fraction), -_chunk); // a credit never exceeds one refill: no burst above the cap
        }

        for (var left = (long)charge; left > 0;)
        {
            var take = (int)Math.Min(left, _chunk);
            using var lease = await _bucket.AcquireAsync(take, cancellationToken).ConfigureAwait(false);
            left -= take;
        }
    }

    /// <summary>Settles a call: what DynamoDB says it consumed (or <see langword="null"/>) against what was charged.</summary>
    internal void Settle(double estimatedUnits, double? consumedUnits)
    {
        lock (_gate)
        {
            var consumed = consumedUnits ?? estimatedUnits;
            ConsumedWriteUnits += consumed;
            WriteUnitsFromItemSizes += consumedUnits is null ? estimatedUnits : 0;
            _owed += consumed - estimatedUnits;
            _lastAt = _time.GetTimestamp();
        }
    }

    /// <summary>Records a throttle: halves the rate, down to 1/16 of the cap.</summary>
    internal void OnThrottle()
    {
        lock (_gate)
        {
            Throttles++;
            _fraction = Math.Max(MinFraction, CurrentFraction() / 2);
            _fractionAt = _time.GetTimestamp();
        }
    }

    /// <summary>The share of the cap in force now: after a throttle it grows by 10% a second back to 1.</summary>
    private double CurrentFraction()
    {
        if (_fraction >= 1)
        {
            return 1;
        }

        var seconds = _time.GetElapsedTime(_fractionAt).TotalSeconds;
        return Math.Min(1, _fraction * Math.Pow(RecoveryPerSecond, seconds));
    }

    /// <inheritdoc />
    public void Dispose() => _bucket.Dispose();
}
