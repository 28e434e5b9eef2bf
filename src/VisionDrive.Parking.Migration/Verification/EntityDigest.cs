namespace VisionDrive.Parking.Migration.Verification;

/// <summary>
/// An order-independent digest of a set of items: count and the sum (mod 2^128) of their canonical hashes, overall and in 4096 buckets
/// chosen by key, so two digests can tell which key ranges differ without holding any key in memory (the data-diff idea).
/// </summary>
internal sealed class EntityDigest
{
    public const int BucketCount = 4096;

    private readonly UInt128[] _sums = new UInt128[BucketCount];
    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    public UInt128 Sum { get; private set; }

    public string Checksum => Sum.ToString("x32", CultureInfo.InvariantCulture);

    public static int BucketOf(string pk, string sk) => (int)(KeyFnv1a(pk, sk) & (BucketCount - 1));

    /// <summary>FNV-1a 64 over the key's UTF-16 code units (<paramref name="pk"/>, a separator, <paramref name="sk"/>): stable across processes and machines.</summary>
    internal static ulong KeyFnv1a(string pk, string sk)
    {
        var h = 14695981039346656037UL;
        foreach (var c in pk)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        h = (h ^ 0xFFFF) * 1099511628211UL;
        foreach (var c in sk)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return h;
    }

    public void Add(string pk, string sk, UInt128 hash)
    {
        var b = BucketOf(pk, sk);
        _sums[b] += hash;
        _counts[b]++;
        Sum += hash;
        Count++;
    }

    public void Merge(EntityDigest other)
    {
        for (var i = 0; i < BucketCount; i++)
        {
            _sums[i] += other._sums[i];
            _counts[i] += other._counts[i];
        }

        Sum += other.Sum;
        Count += other.Count;
    }

    public bool SameAs(EntityDigest other) => Count == other.Count && Sum == other.Sum;

    public bool[] DifferingBuckets(EntityDigest other)
    {
        var diff = new bool[BucketCount];
        for (var i = 0; i < BucketCount; i++)
        {
            diff[i] = _counts[i] != other._counts[i] || _sums[i] != other._sums[i];
        }

        return diff;
    }
}
