using System.IO.Compression;
using VisionDrive.Parking.Data.DynamoDb.Infrastructure;

namespace VisionDrive.Parking.Migration.Planning;

/// <summary>What the sampled rows of one entity type measured: sums over the transformed items, exact for the rows seen.</summary>
internal sealed class EntityMeasurement : IDisposable
{
    private readonly CountingStream _compressed = new();
    private GZipStream? _gzip;

    /// <summary>Rows counted at the source.</summary>
    public long Rows { get; set; }

    public long SampledRows { get; set; }

    public long Items { get; set; }

    public long Gsi1Items { get; set; }

    public long Gsi2Items { get; set; }

    public long ItemBytes { get; set; }

    public long WriteUnits { get; set; }

    public long UncompressedBytes { get; set; }

    public long CompressedBytes
    {
        get
        {
            _gzip?.Dispose();
            _gzip = null;
            return _compressed.Length;
        }
    }

    /// <summary>The write units of one item: <c>ceil(size / 1024)</c> for the table, and the same again for each index it is in (both project ALL).</summary>
    public static int WriteUnitsOf(IReadOnlyDictionary<string, AttributeValue> item, out bool gsi1, out bool gsi2)
    {
        var units = (ItemMetrics.Size(item) + 1023) / 1024;
        gsi1 = item.ContainsKey("GSI1PK") && item.ContainsKey("GSI1SK");
        gsi2 = item.ContainsKey("GSI2PK") && item.ContainsKey("GSI2SK");
        return units * (1 + (gsi1 ? 1 : 0) + (gsi2 ? 1 : 0));
    }

    public void Add(Dictionary<string, AttributeValue> item)
    {
        Items++;
        ItemBytes += ItemMetrics.Size(item);
        WriteUnits += WriteUnitsOf(item, out var gsi1, out var gsi2);
        Gsi1Items += gsi1 ? 1 : 0;
        Gsi2Items += gsi2 ? 1 : 0;
        var line = Encoding.UTF8.GetBytes(DynamoDbJson.ToLine(item) + "\n");
        UncompressedBytes += line.Length;
        // The export's level (ImportObjectWriter), so that the estimate is of the objects the export writes.
        _gzip ??= new GZipStream(_compressed, CompressionLevel.Fastest, leaveOpen: true);
        _gzip.Write(line);
    }

    public void Dispose() => _gzip?.Dispose();

    /// <summary>A write-only stream that only counts.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
