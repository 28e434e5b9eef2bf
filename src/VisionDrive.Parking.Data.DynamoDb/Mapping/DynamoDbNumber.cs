namespace VisionDrive.Parking.Data.DynamoDb.Mapping;

/// <summary>DynamoDB's number rules: at most 38 significant digits, magnitude 1E-130 .. 9.99…E+125 (or zero).</summary>
internal static class DynamoDbNumber
{
    /// <summary>The most significant digits DynamoDB keeps.</summary>
    public const int MaxSignificantDigits = 38;

    /// <summary>The smallest exponent of the most significant digit (1E-130).</summary>
    public const long MinExponent = -130;

    /// <summary>The largest exponent of the most significant digit (9.99…E+125).</summary>
    public const long MaxExponent = 125;

    /// <summary>Checks a number literal against DynamoDB's limits.</summary>
    /// <param name="literal">The literal (JSON or DynamoDB spelling).</param>
    /// <returns><see langword="null"/> when DynamoDB can hold it, else the reason (with what to do).</returns>
    public static string? Check(string literal)
    {
        int digits;
        long exponent;
        try
        {
            CanonicalNumber.Normalize(literal, out digits, out exponent);
        }
        catch (FormatException)
        {
            return $"'{Shorten(literal)}' is not a number.";
        }

        if (digits > MaxSignificantDigits)
        {
            return $"the number '{Shorten(literal)}' has {digits} significant digits; DynamoDB keeps at most {MaxSignificantDigits}. " +
                "Store it as a string in the source document, or round it, then migrate the row again.";
        }

        if (digits > 0 && (exponent < MinExponent || exponent > MaxExponent))
        {
            return $"the number '{Shorten(literal)}' is outside DynamoDB's range (magnitude 1E-130 to 9.99…E+125). " +
                "Store it as a string in the source document, then migrate the row again.";
        }

        return null;
    }

    /// <summary>The size DynamoDB charges for a number: one byte per two significant digits, plus one, plus one for a negative sign (conservative).</summary>
    /// <param name="literal">The literal.</param>
    /// <returns>The size in bytes.</returns>
    public static int Size(ReadOnlySpan<char> literal)
    {
        var negative = false;
        var first = -1;
        var last = -1;
        var count = 0;
        var i = 0;
        if (i < literal.Length && (literal[i] == '-' || literal[i] == '+'))
        {
            negative = literal[i] == '-';
            i++;
        }

        // Significant digits: from the first non-zero digit to the last non-zero digit of the mantissa, ignoring the point.
        for (; i < literal.Length; i++)
        {
            var c = literal[i];
            if (c is 'e' or 'E')
            {
                break;
            }

            if (c is >= '0' and <= '9')
            {
                if (c != '0')
                {
                    if (first < 0)
                    {
                        first = count;
                    }

                    last = count;
                }

                count++;
            }
        }

        var digits = first < 0 ? 0 : last - first + 1;
        return ((digits + 1) / 2) + 1 + (negative && digits > 0 ? 1 : 0);
    }

    private static string Shorten(string literal) => literal.Length <= 64 ? literal : string.Concat(literal.AsSpan(0, 60), "…");
}
