using System.Buffers;
using System.Buffers.Binary;
using System.IO;

namespace VisionDrive.Parking.Data.DynamoDb.Hashing;

/// <summary>
/// Writes the canonical byte encoding of an item (<c>docs/canonical-hash.md</c>): length-prefixed UTF-8 strings, one tag byte per value,
/// map entries and set elements sorted, numbers in <see cref="CanonicalNumber"/> form.
/// </summary>
internal sealed class CanonicalItemEncoder
{
    internal const byte TagString = (byte)'S';
    internal const byte TagNumber = (byte)'N';
    internal const byte TagBinary = (byte)'B';
    internal const byte TagTrue = (byte)'T';
    internal const byte TagFalse = (byte)'F';
    internal const byte TagNull = (byte)'Z';
    internal const byte TagMap = (byte)'M';
    internal const byte TagList = (byte)'L';
    internal const byte TagStringSet = (byte)'s';
    internal const byte TagNumberSet = (byte)'n';
    internal const byte TagBinarySet = (byte)'b';

    [ThreadStatic]
    private static CanonicalItemEncoder? _cached;

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    /// <summary>A cleared encoder for this thread.</summary>
    public static CanonicalItemEncoder Rent()
    {
        var encoder = _cached ?? new CanonicalItemEncoder();
        _cached = null;
        encoder._buffer.ResetWrittenCount();
        return encoder;
    }

    /// <summary>Gives an encoder back for reuse on this thread (large buffers are dropped).</summary>
    public static void Return(CanonicalItemEncoder encoder)
    {
        if (encoder._buffer.Capacity <= 1024 * 1024)
        {
            _cached = encoder;
        }
    }

    /// <summary>Writes <c>u32(count)</c> and the entries sorted by name (code point order), each <c>str(name) value</c>.</summary>
    public void WriteItem(IReadOnlyDictionary<string, AttributeValue> item) => WriteMap(item.Count, item);

    /// <summary>Compares strings by Unicode code point (which is UTF-8 byte order), not by UTF-16 code unit.</summary>
    internal static int CompareCodePoints(string? a, string? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null)
        {
            return -1;
        }

        if (b is null)
        {
            return 1;
        }

        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var ca = a[i];
            var cb = b[i];
            if (ca != cb)
            {
                return Fix(ca) - Fix(cb);
            }
        }

        return a.Length - b.Length;

        // Surrogates (U+D800–U+DFFF, i.e. code points above U+FFFF) sort after U+E000–U+FFFF.
        static int Fix(char c) => c >= 0xD800 ? (c >= 0xE000 ? c - 0x800 : c + 0x2000) : c;
    }

    private void WriteMap(int count, IEnumerable<KeyValuePair<string, AttributeValue>> entries)
    {
        WriteUInt32(count);
        if (count == 0)
        {
            return;
        }

        var pairs = ArrayPool<KeyValuePair<string, AttributeValue>>.Shared.Rent(count);
        try
        {
            var n = 0;
            foreach (var pair in entries)
            {
                pairs[n++] = pair;
            }

            var span = pairs.AsSpan(0, n);
            span.Sort(static (x, y) => CompareCodePoints(x.Key, y.Key));
            foreach (var (name, value) in span)
            {
                WriteString(name);
                WriteValue(value, name);
            }
        }
        finally
        {
            ArrayPool<KeyValuePair<string, AttributeValue>>.Shared.Return(pairs, clearArray: true);
        }
    }

    private void WriteValue(AttributeValue? value, string where)
    {
        if (value is null)
        {
            throw new ArgumentException($"The attribute value of '{where}' is null.", nameof(value));
        }

        if (value.S is not null)
        {
            WriteByte(TagString);
            WriteString(value.S);
        }
        else if (value.N is not null)
        {
            WriteByte(TagNumber);
            WriteString(Canonical(value.N, where));
        }
        else if (value.B is not null)
        {
            WriteByte(TagBinary);
            WriteBytes(value.B);
        }
        else if (value.IsBOOLSet)
        {
            WriteByte(value.BOOL == true ? TagTrue : TagFalse);
        }
        else if (value.NULL == true)
        {
            WriteByte(TagNull);
        }
        else if (value.M is not null)
        {
            WriteByte(TagMap);
            WriteMap(value.M.Count, value.M);
        }
        else if (value.L is not null)
        {
            WriteByte(TagList);
            WriteUInt32(value.L.Count);
            foreach (var element in value.L)
            {
                WriteValue(element, where);
            }
        }
        else if (value.SS is not null)
        {
            WriteByte(TagStringSet);
            var sorted = value.SS.ToArray();
            Array.Sort(sorted, CompareCodePoints);
            WriteUInt32(sorted.Length);
            foreach (var s in sorted)
            {
                WriteString(s);
            }
        }
        else if (value.NS is not null)
        {
            WriteByte(TagNumberSet);
            var sorted = new string[value.NS.Count];
            for (var i = 0; i < sorted.Length; i++)
            {
                sorted[i] = Canonical(value.NS[i], where);
            }

            Array.Sort(sorted, StringComparer.Ordinal);
            WriteUInt32(sorted.Length);
            foreach (var s in sorted)
            {
                WriteString(s);
            }
        }
        else if (value.BS is not null)
        {
            WriteByte(TagBinarySet);
            var sorted = new byte[value.BS.Count][];
            for (var i = 0; i < sorted.Length; i++)
            {
                sorted[i] = value.BS[i].ToArray();
            }

            Array.Sort(sorted, static (x, y) => x.AsSpan().SequenceCompareTo(y));
            WriteUInt32(sorted.Length);
            foreach (var b in sorted)
            {
                WriteUInt32(b.Length);
                _buffer.Write(b);
            }
        }
        else
        {
            throw new ArgumentException($"The attribute value of '{where}' has no value set (none of S, N, B, BOOL, NULL, M, L, SS, NS, BS).", nameof(value));
        }
    }

    private static string Canonical(string number, string where)
    {
        try
        {
            return CanonicalNumber.Normalize(number);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"The number attribute '{where}' holds '{number}', which is not a number.", nameof(number), ex);
        }
    }

    private void WriteByte(byte b)
    {
        _buffer.GetSpan(1)[0] = b;
        _buffer.Advance(1);
    }

    private void WriteUInt32(int value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.GetSpan(4), (uint)value);
        _buffer.Advance(4);
    }

    private void WriteString(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var span = _buffer.GetSpan(4 + max);
        var written = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)written);
        _buffer.Advance(4 + written);
    }

    private void WriteBytes(MemoryStream stream)
    {
        if (stream.TryGetBuffer(out var segment))
        {
            WriteUInt32(segment.Count);
            _buffer.Write(segment.AsSpan());
        }
        else
        {
            var bytes = stream.ToArray();
            WriteUInt32(bytes.Length);
            _buffer.Write(bytes);
        }
    }
}
