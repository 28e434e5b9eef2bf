using System.Buffers.Binary;
using System.IO.Compression;

namespace VisionDrive.Parking.Migration.Export;

/// <summary>
/// Spreads import lines over a fixed number of objects in randomised key order, in two passes with bounded memory. Pass 1
/// (<see cref="Add"/>): each line goes to the spill file of the partition its key hashes to, so one key can only ever be in one object.
/// Pass 2 (<see cref="FinishAsync"/>): each spill (about one object's worth) is sorted by the key hash — a pseudo-random order, the same on
/// every run — checked for duplicate keys (equal keys hash alike, so they are neighbours after the sort), and written as one gzip object.
/// The same source gives byte-identical objects, which is what lets a re-upload skip what is already in S3.
/// </summary>
internal sealed class ImportObjectWriter : IDisposable
{
    /// <summary>The most objects (open spill files) per segment; more items than this many objects hold need more segments.</summary>
    public const int MaxObjectsPerSegment = 1000;

    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly string _folder;
    private readonly string _spillFolder;
    private readonly int _segmentIndex;
    private readonly int _segmentCount;
    private readonly FileStream?[] _spills;

    public ImportObjectWriter(string folder, int segmentIndex, int segmentCount, int objectCount)
    {
        if (objectCount is < 1 or > MaxObjectsPerSegment)
        {
            throw new ArgumentOutOfRangeException(nameof(objectCount), objectCount, $"Between 1 and {MaxObjectsPerSegment} objects per segment.");
        }

        _folder = folder;
        _segmentIndex = segmentIndex;
        _segmentCount = segmentCount;
        _spills = new FileStream?[objectCount];
        _spillFolder = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $".spill-{segmentIndex:D3}-of-{segmentCount:D3}"));
        if (Directory.Exists(_spillFolder))
        {
            Directory.Delete(_spillFolder, recursive: true);
        }

        Directory.CreateDirectory(_spillFolder);
        Directory.CreateDirectory(Path.Combine(folder, ExportManifest.DataFolder));
    }

    /// <summary>The object name of partition <paramref name="part"/>.</summary>
    public string ObjectPath(int part) =>
        string.Create(CultureInfo.InvariantCulture, $"{ExportManifest.DataFolder}/segment-{_segmentIndex:D3}-of-{_segmentCount:D3}-part-{part:D5}.json.gz");

    /// <summary>A 64-bit hash of the key (FNV-1a over the UTF-16 code units, then a SplitMix64 finaliser so every bit is mixed).</summary>
    public static ulong KeyHash(string pk, string sk)
    {
        var h = Verification.EntityDigest.KeyFnv1a(pk, sk);
        h ^= h >> 30;
        h *= 0xbf58476d1ce4e5b9UL;
        h ^= h >> 27;
        h *= 0x94d049bb133111ebUL;
        h ^= h >> 31;
        return h;
    }

    /// <summary>Adds one import line (UTF-8, without line break) for the item with key <paramref name="pk"/>/<paramref name="sk"/>.</summary>
    public void Add(string pk, string sk, ReadOnlySpan<byte> line)
    {
        var hash = KeyHash(pk, sk);
        var part = (int)((hash >> 32) % (ulong)_spills.Length);
        var spill = _spills[part] ??= new FileStream(SpillPath(part), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);

        // A spill record: the key hash (8 bytes), the line's length (4 bytes), the line.
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, hash);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], line.Length);
        spill.Write(header);
        spill.Write(line);
    }

    /// <summary>
    /// Writes the objects (one per non-empty partition; up to <see cref="ObjectsInParallel"/> at a time, each on its own core) and removes
    /// the spill files.
    /// </summary>
    /// <returns>The files, in partition order.</returns>
    /// <exception cref="MigrationException">Two lines have the same key.</exception>
    public async Task<List<ExportFile>> FinishAsync(CancellationToken cancellationToken)
    {
        var parts = new List<int>();
        for (var part = 0; part < _spills.Length; part++)
        {
            if (_spills[part] is { } spill)
            {
                await spill.DisposeAsync().ConfigureAwait(false);
                _spills[part] = null;
                parts.Add(part);
            }
        }

        var files = new ExportFile[_spills.Length];
        await Parallel.ForEachAsync(parts, new ParallelOptions { MaxDegreeOfParallelism = ObjectsInParallel, CancellationToken = cancellationToken }, async (part, ct) =>
        {
            files[part] = await WriteObjectAsync(SpillPath(part), ObjectPath(part), ct).ConfigureAwait(false);
            File.Delete(SpillPath(part));
        }).ConfigureAwait(false);

        Directory.Delete(_spillFolder, recursive: true);
        return [.. files.Where(f => f is not null)];
    }

    /// <summary>How many objects are sorted and compressed at once: one per core, at most two (each holds its spill in memory).</summary>
    internal static int ObjectsInParallel => Math.Clamp(Environment.ProcessorCount, 1, 2);

    private string SpillPath(int part) => Path.Combine(_spillFolder, part.ToString("D5", CultureInfo.InvariantCulture));

    private async Task<ExportFile> WriteObjectAsync(string spillPath, string objectPath, CancellationToken cancellationToken)
    {
        var spill = await File.ReadAllBytesAsync(spillPath, cancellationToken).ConfigureAwait(false);
        var lines = new List<SpillLine>();
        for (var offset = 0; offset < spill.Length;)
        {
            var hash = BinaryPrimitives.ReadUInt64LittleEndian(spill.AsSpan(offset));
            var length = BinaryPrimitives.ReadInt32LittleEndian(spill.AsSpan(offset + 8));
            lines.Add(new SpillLine(hash, lines.Count, offset + 12, length));
            offset += 12 + length;
        }

        // Sort by key hash; the index keeps the order total, so the object is the same on every run.
        lines.Sort(static (a, b) => a.Hash != b.Hash ? a.Hash.CompareTo(b.Hash) : a.Index.CompareTo(b.Index));
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].Hash == lines[i - 1].Hash)
            {
                var a = DynamoDbJson.FromLine(Utf8.GetString(spill, lines[i - 1].Offset, lines[i - 1].Length));
                var b = DynamoDbJson.FromLine(Utf8.GetString(spill, lines[i].Offset, lines[i].Length));
                if (string.Equals(a["PK"].S, b["PK"].S, StringComparison.Ordinal) && string.Equals(a["SK"].S, b["SK"].S, StringComparison.Ordinal))
                {
                    throw new MigrationException(
                        $"Two items with the same key PK='{a["PK"].S}' SK='{a["SK"].S}' would be exported: Import from S3 would keep one silently. " +
                        "The source has two rows that map to one item; fix the source (see docs/data-model.md for the keys).");
                }
            }
        }

        // Compressed in memory (about a fifth of the spill), so the object's SHA-256 is taken without reading the file back.
        long uncompressed = 0;
        using var compressed = new MemoryStream(spill.Length / 4 + 1024);
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            // Fastest: Import from S3 is billed on uncompressed bytes, and Optimal cost the export more CPU than everything else per item
            // (docs/performance.md). The lines go to the compressor in chunks of 64 KB, not one short write each.
            var chunk = new byte[1 << 16];
            var used = 0;
            foreach (var line in lines)
            {
                if (used + line.Length + 1 > chunk.Length)
                {
                    gzip.Write(chunk, 0, used);
                    used = 0;
                }

                if (line.Length + 1 > chunk.Length)
                {
                    gzip.Write(spill, line.Offset, line.Length);
                    gzip.WriteByte((byte)'\n');
                }
                else
                {
                    spill.AsSpan(line.Offset, line.Length).CopyTo(chunk.AsSpan(used));
                    used += line.Length;
                    chunk[used++] = (byte)'\n';
                }

                uncompressed += line.Length + 1;
            }

            gzip.Write(chunk, 0, used);
        }

        var body = compressed.GetBuffer().AsMemory(0, (int)compressed.Length);
        var sha = Convert.ToHexStringLower(SHA256.HashData(body.Span));
        var file = new FileStream(Path.Combine(_folder, objectPath), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            await file.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        }

        return new ExportFile { Path = objectPath, Items = lines.Count, UncompressedBytes = uncompressed, Bytes = body.Length, Sha256 = sha };
    }

    private readonly record struct SpillLine(ulong Hash, int Index, int Offset, int Length);

    public void Dispose()
    {
        foreach (var spill in _spills)
        {
            spill?.Dispose();
        }
    }
}
