using System;
using System.Collections.Generic;
using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace VisionDrive.Parking.Data.DynamoDb.Hashing;

/// <summary>
/// An order-independent checksum of a set of items: the count and the sum, modulo 2^128, of their <see cref="ItemHash"/>es.
/// A sum (not an exclusive or) so that a duplicated item changes the checksum instead of cancelling out; any order of
/// <see cref="Add(IReadOnlyDictionary{string, AttributeValue})"/> and <see cref="Merge"/> gives the same result.
/// Not thread-safe: give each worker its own checksum and <see cref="Merge"/> them.
/// </summary>
public sealed class ItemChecksum : IEquatable<ItemChecksum>
{
    private UInt128 _sum;

    /// <summary>How many items were added.</summary>
    public long Count { get; private set; }

    /// <summary>The sum of the item hashes modulo 2^128, as 32 lower-case hexadecimal digits (all zeros when empty).</summary>
    public string Value => ItemHash.ToHex(_sum);

    /// <summary>Adds an item.</summary>
    /// <param name="item">The item.</param>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    /// <exception cref="ArgumentException">The item holds an attribute value with nothing set.</exception>
    public void Add(IReadOnlyDictionary<string, AttributeValue> item) => Add(ItemHash.Compute(item));

    /// <summary>Adds an item by its hash (from <see cref="ItemHash.Compute"/>), e.g. when per-key hashes are kept anyway.</summary>
    /// <param name="itemHash">The item's hash.</param>
    public void Add(UInt128 itemHash)
    {
        _sum = unchecked(_sum + itemHash);
        Count++;
    }

    /// <summary>Adds every item counted by <paramref name="other"/> (for checksums computed in parallel or per segment).</summary>
    /// <param name="other">Another checksum; it is not changed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public void Merge(ItemChecksum other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _sum = unchecked(_sum + other._sum);
        Count += other.Count;
    }

    /// <summary>Whether both checksums counted the same number of items with the same hash sum.</summary>
    /// <param name="other">The other checksum.</param>
    /// <returns><see langword="true"/> when <see cref="Count"/> and <see cref="Value"/> are equal.</returns>
    public bool Equals(ItemChecksum? other) => other is not null && Count == other.Count && _sum == other._sum;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ItemChecksum other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Count, _sum);

    /// <summary>The checksum as <c>&lt;count&gt;:&lt;value&gt;</c>.</summary>
    /// <returns>e.g. <c>356:0f3a…</c>.</returns>
    public override string ToString() => Count.ToString(CultureInfo.InvariantCulture) + ":" + Value;
}
