using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace VisionDrive.Parking.Data.Infrastructure;

/// <summary>
/// One spelling per numeric value, so that <c>10</c>, <c>10.0</c> and <c>1e1</c> compare and hash equal:
/// <c>[-]DIGITS E EXP</c> with no leading or trailing zeros in DIGITS (zero is <c>0</c>). Arbitrary precision: no floating point.
/// </summary>
/// <remarks>
/// Infrastructure for the sibling packages (<c>VisionDrive.Parking.Data.DynamoDb</c> hashes and maps numbers with it), not meant for
/// application code. It is public, not internal, so that packages of different versions can be mixed without a missing-member failure at
/// run time; it is tracked in <c>PublicAPI.Shipped.txt</c> like the rest of the API and changes only as a reviewed, compatible change.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CanonicalNumber
{
    /// <summary>Normalises a JSON or DynamoDB number literal.</summary>
    /// <param name="literal">The literal, e.g. <c>-12.50e3</c>.</param>
    /// <param name="significantDigits">How many significant digits the value has (0 for zero).</param>
    /// <param name="exponent">The base-10 exponent of the most significant digit (0 for zero), e.g. 4 for 12500.</param>
    /// <returns>The canonical spelling.</returns>
    /// <exception cref="FormatException">The literal is not a number.</exception>
    public static string Normalize(ReadOnlySpan<char> literal, out int significantDigits, out long exponent)
    {
        var s = literal.Trim();
        var i = 0;
        var negative = false;
        if (i < s.Length && (s[i] == '-' || s[i] == '+'))
        {
            negative = s[i] == '-';
            i++;
        }

        Span<char> buffer = s.Length <= 256 ? stackalloc char[s.Length] : new char[s.Length];
        var n = 0;
        long fractionDigits = 0;
        var sawDigit = false;
        var sawPoint = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c is >= '0' and <= '9')
            {
                sawDigit = true;
                if (n == 0 && c == '0')
                {
                    // Leading zero: drop it but keep counting fraction positions.
                    if (sawPoint)
                    {
                        fractionDigits++;
                    }

                    continue;
                }

                buffer[n++] = c;
                if (sawPoint)
                {
                    fractionDigits++;
                }
            }
            else if (c == '.' && !sawPoint)
            {
                sawPoint = true;
            }
            else if (c is 'e' or 'E')
            {
                break;
            }
            else
            {
                throw new FormatException($"'{literal.ToString()}' is not a number.");
            }
        }

        if (!sawDigit)
        {
            throw new FormatException($"'{literal.ToString()}' is not a number.");
        }

        long exp = 0;
        if (i < s.Length)
        {
            // s[i] is 'e' or 'E'.
            var expText = s[(i + 1)..];
            if (!long.TryParse(expText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exp))
            {
                throw new FormatException($"'{literal.ToString()}' is not a number.");
            }
        }

        if (n == 0)
        {
            significantDigits = 0;
            exponent = 0;
            return "0";
        }

        var end = n;
        while (end > 0 && buffer[end - 1] == '0')
        {
            end--;
        }

        // value = buffer[0..n] * 10^(exp - fractionDigits); trailing zeros move into the exponent.
        var scale = exp - fractionDigits + (n - end);
        significantDigits = end;
        exponent = scale + end - 1;
        var sb = new StringBuilder(end + 24);
        if (negative)
        {
            sb.Append('-');
        }

        sb.Append(buffer[..end]).Append('E').Append(scale.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>Normalises a number literal.</summary>
    /// <param name="literal">The literal.</param>
    /// <returns>The canonical spelling.</returns>
    public static string Normalize(ReadOnlySpan<char> literal) => Normalize(literal, out _, out _);
}
