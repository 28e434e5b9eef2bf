using System.Buffers.Binary;
using System.Security.Cryptography;

namespace VisionDrive.Parking.Data.DynamoDb.Hashing;

/// <summary>
/// A canonical hash of a DynamoDB item, stable across processes and machines: independent of attribute order (names sorted by Unicode code point,
/// maps recursively), of number spelling (<c>10</c>, <c>10.0</c>, <c>1e1</c> hash alike) and of set element order; type-tagged, so <c>S "1"</c> and
/// <c>N 1</c> differ. The first 128 bits of SHA-256 over a canonical encoding; the algorithm is specified in <c>docs/canonical-hash.md</c>.
/// </summary>
public static class ItemHash
{
    /// <summary>Computes the canonical hash of <paramref name="item"/>.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The first 16 bytes of SHA-256 over the canonical encoding, read as a big-endian unsigned integer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    /// <exception cref="ArgumentException">An attribute value (at any depth) is null or has no value set, or a number is not a number.</exception>
    public static UInt128 Compute(IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var encoder = CanonicalItemEncoder.Rent();
        try
        {
            encoder.WriteItem(item);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(encoder.Written, digest);
            return BinaryPrimitives.ReadUInt128BigEndian(digest);
        }
        finally
        {
            CanonicalItemEncoder.Return(encoder);
        }
    }

    /// <summary>Computes the canonical hash of <paramref name="item"/> as 32 lower-case hexadecimal digits.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The hash, e.g. <c>0f3a…</c> (always 32 characters).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    /// <exception cref="ArgumentException">An attribute value (at any depth) is null or has no value set, or a number is not a number.</exception>
    public static string ComputeHex(IReadOnlyDictionary<string, AttributeValue> item) => ToHex(Compute(item));

    /// <summary>Formats a hash as 32 lower-case hexadecimal digits.</summary>
    /// <param name="hash">The hash.</param>
    /// <returns>The hex text.</returns>
    internal static string ToHex(UInt128 hash) => hash.ToString("x32", CultureInfo.InvariantCulture);
}
