namespace VisionDrive.Parking.Data;

/// <summary>Which page of a listing to read: at most <see cref="Limit"/> items, continuing after <see cref="ContinuationToken"/>.</summary>
public readonly record struct PageRequest
{
    /// <summary>The default page size, 50.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The largest page size, 1000.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Creates a page request.</summary>
    /// <param name="limit">The page size, 1 to <see cref="MaxLimit"/>.</param>
    /// <param name="continuationToken">The token of the previous page, or <see langword="null"/> for the first page.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is outside 1..1000.</exception>
    public PageRequest(int limit = DefaultLimit, string? continuationToken = null)
    {
        if (limit is < 1 or > MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"The page size must be between 1 and {MaxLimit}.");
        }

        _limit = limit;
        ContinuationToken = continuationToken;
    }

    private readonly int _limit;

    /// <summary>The page size; <see cref="DefaultLimit"/> for <c>default(PageRequest)</c>.</summary>
    public int Limit => _limit == 0 ? DefaultLimit : _limit;

    /// <summary>The opaque token returned with the previous page, or <see langword="null"/> for the first page.</summary>
    public string? ContinuationToken { get; }

    /// <summary>The first page of the default size.</summary>
    public static PageRequest First => new(DefaultLimit);
}
