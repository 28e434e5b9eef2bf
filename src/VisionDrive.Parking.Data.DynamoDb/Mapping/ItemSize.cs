namespace VisionDrive.Parking.Data.DynamoDb.Mapping;

/// <summary>
/// An item's size by DynamoDB's rules (see <c>docs/data-model.md</c>): for each attribute the UTF-8 length of its name plus the size of its value,
/// where <c>S</c> is its UTF-8 length, <c>N</c> one byte per two significant digits plus one (plus one more when negative — a conservative
/// reading of the rule), <c>B</c> its length, <c>BOOL</c>/<c>NULL</c> one byte, <c>M</c>/<c>L</c> three bytes plus, per element, one byte
/// plus the element's size (plus the key's UTF-8 length in a map), and a set the sum of its elements' sizes.
/// </summary>
internal static class ItemSize
{
    /// <summary>DynamoDB's maximum item size, 400 KB = 409,600 bytes.</summary>
    public const int MaxItemBytes = 409600;

    /// <summary>Computes the size of <paramref name="item"/>.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The size in bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    public static int Compute(IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        long size = 0;
        foreach (var (name, value) in item)
        {
            size += Encoding.UTF8.GetByteCount(name) + ValueSize(value);
        }

        return size > int.MaxValue ? int.MaxValue : (int)size;
    }

    /// <summary>The size of one value, without its name.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The size in bytes.</returns>
    internal static long ValueSize(AttributeValue? value)
    {
        if (value is null)
        {
            return 0;
        }

        if (value.S is not null)
        {
            return Encoding.UTF8.GetByteCount(value.S);
        }

        if (value.N is not null)
        {
            return DynamoDbNumber.Size(value.N);
        }

        if (value.IsBOOLSet || value.NULL == true)
        {
            return 1;
        }

        if (value.M is not null)
        {
            long size = 3;
            foreach (var (name, member) in value.M)
            {
                size += 1 + Encoding.UTF8.GetByteCount(name) + ValueSize(member);
            }

            return size;
        }

        if (value.L is not null)
        {
            long size = 3;
            foreach (var element in value.L)
            {
                size += 1 + ValueSize(element);
            }

            return size;
        }

        if (value.B is not null)
        {
            return value.B.Length;
        }

        if (value.SS is not null)
        {
            long size = 0;
            foreach (var s in value.SS)
            {
                size += Encoding.UTF8.GetByteCount(s);
            }

            return size;
        }

        if (value.NS is not null)
        {
            long size = 0;
            foreach (var n in value.NS)
            {
                size += DynamoDbNumber.Size(n);
            }

            return size;
        }

        if (value.BS is not null)
        {
            long size = 0;
            foreach (var b in value.BS)
            {
                size += b.Length;
            }

            return size;
        }

        return 0;
    }
}
