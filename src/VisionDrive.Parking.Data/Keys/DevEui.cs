namespace VisionDrive.Parking.Data.Keys;

/// <summary>LoRaWAN DevEUI normalisation: upper-case hexadecimal without separators. A valid DevEUI has 16 hex digits.</summary>
public static class DevEui
{
    /// <summary>Upper-cases <paramref name="value"/> and removes separators (<c>:</c>, <c>-</c>, <c>.</c>, white space). Other characters are kept, never "fixed".</summary>
    /// <param name="value">A DevEUI as written by a person or a device, e.g. <c>a8-40-41-00-01-81-23-45</c>.</param>
    /// <returns>e.g. <c>A840410001812345</c>.</returns>
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var needsWork = false;
        foreach (var c in value)
        {
            if (c is ':' or '-' or '.' || char.IsWhiteSpace(c) || c is >= 'a' and <= 'z')
            {
                needsWork = true;
                break;
            }
        }

        if (!needsWork)
        {
            return value;
        }

        return string.Create(CountKept(value), value, static (span, v) =>
        {
            var n = 0;
            foreach (var c in v)
            {
                if (c is ':' or '-' or '.' || char.IsWhiteSpace(c))
                {
                    continue;
                }

                span[n++] = c is >= 'a' and <= 'z' ? (char)(c - 32) : c;
            }
        });
    }

    /// <summary>Whether <paramref name="value"/>, once normalised, is 16 hexadecimal digits.</summary>
    /// <param name="value">The DevEUI.</param>
    /// <returns><see langword="true"/> for a well-formed DevEUI.</returns>
    public static bool IsWellFormed(string value)
    {
        var normalized = Normalize(value);
        if (normalized.Length != 16)
        {
            return false;
        }

        foreach (var c in normalized)
        {
            if (!char.IsAsciiHexDigitUpper(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static int CountKept(string value)
    {
        var n = 0;
        foreach (var c in value)
        {
            if (!(c is ':' or '-' or '.' || char.IsWhiteSpace(c)))
            {
                n++;
            }
        }

        return n;
    }
}
