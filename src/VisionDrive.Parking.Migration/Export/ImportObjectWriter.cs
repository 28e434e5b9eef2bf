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
    private readonly StreamWriter?[] _spills;

    public ImportObjectWriter(string folder, int segmentIndex, int segmentCount, int objectCount)
    {
        if (objectCount is < 1 or > MaxObjectsPerSegment)
        {
            throw new ArgumentOutOfRangeException(nameof(objectCount), objectCount, $"Between 1 and {MaxObjectsPerSegment} objects per segment.");
        }

        _folder = folder;
        _segmentIndex = segmentIndex;
        _segmentCount = segmentCount;
        _spills = new StreamWriter?[objectCount];
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

    /// <summary>Adds one import line (without line break) for the item with key <paramref name="pk"/>/<paramref name="sk"/>.</summary>
    public void Add(string pk, string sk, string line)
    {
        var hash = KeyHash(pk, sk);
        var part = (int)((hash >> 32) % (ulong)_spills.Length);
        var spill = _spills[part] ??= new StreamWriter(Path.Combine(_spillFolder, part.ToString("D5", CultureInfo.InvariantCulture)), false, Utf8, 1 << 16);
        spill.Write(hash.ToString("x16", CultureInfo.InvariantCulture));
        spill.Write('\t');
        spill.Write(line);
        spill.Write('\n');
    }

    /// <summary>Writes the objects (one per non-empty partition) and removes the spill files.</summary>
    /// <returns>The files, in partition order.</returns>
    /// <exception cref="MigrationException">Two lines have the same key.</exception>
    public async Task<List<ExportFile>> FinishAsync(CancellationToken cancellationToken)
    {
        var files = new List<ExportFile>();
        for (var part = 0; part < _spills.Length; part++)
        {
            var spill = _spills[part];
            if (spill is null)
            {
                continue;
            }

            await spill.DisposeAsync().ConfigureAwait(false);
            _spills[part] = null;
            var spillPath = Path.Combine(_spillFolder, part.ToString("D5", CultureInfo.InvariantCulture));
            files.Add(await WriteObjectAsync(spillPath, ObjectPath(part), cancellationToken).ConfigureAwait(false));
            File.Delete(spillPath);
        }

        Directory.Delete(_spillFolder, recursive: true);
        return files;
    }

    private async Task<ExportFile> WriteObjectAsync(string spillPath, string objectPath, CancellationToken cancellationToken)
    {
        var lines = new List<(ulong Hash, int Index, byte[] Line)>();
        using (var reader = new StreamReader(spillPath, Utf8, false, 1 << 16))
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
            {
                var hash = ulong.Parse(text.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                lines.Add((hash, lines.Count, Utf8.GetBytes(text, 17, text.Length - 17)));
            }
        }

        // Sort by key hash; the index keeps the order total, so the object is the same on every run.
        lines.Sort((a, b) => a.Hash != b.Hash ? a.Hash.CompareTo(b.Hash) : a.Index.CompareTo(b.Index));
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].Hash == lines[i - 1].Hash)
            {
                var a = DynamoDbJson.FromLine(Utf8.GetString(lines[i - 1].Line));
                var b = DynamoDbJson.FromLine(Utf8.GetString(lines[i].Line));
                if (string.Equals(a["PK"].S, b["PK"].S, StringComparison.Ordinal) && string.Equals(a["SK"].S, b["SK"].S, StringComparison.Ordinal))
                {
                    throw new MigrationException(
                        $"Two items with the same key PK='{a["PK"].S}' SK='{a["SK"].S}' would be exported: Import from S3 would keep one silently. " +
                        "The source has two rows that map to one item; fix the source (see docs/data-model.md for the keys).");
                }
            }
        }

        var full = Path.Combine(_folder, objectPath);
        long uncompressed = 0;
        var file = new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            // Fastest: Import from S3 is billed on uncompressed bytes, and Optimal cost the export more CPU than everything else per item (docs/performance.md).
            var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true);
            await using (gzip.ConfigureAwait(false))
            {
                foreach (var (_, _, line) in lines)
                {
                    await gzip.WriteAsync(line, cancellationToken).ConfigureAwait(false);
                    gzip.WriteByte((byte)'\n');
                    uncompressed += line.Length + 1;
                }
            }
        }

        string sha;
        long bytes;
        var read = File.OpenRead(full);
        await using (read.ConfigureAwait(false))
        {
            bytes = read.Length;
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(read, cancellationToken).ConfigureAwait(false));
        }

        return new ExportFile { Path = objectPath, Items = lines.Count, UncompressedBytes = uncompressed, Bytes = bytes, Sha256 = sha };
    }

    public void Dispose()
    {
        foreach (var spill in _spills)
        {
            spill?.Dispose();
        }
    }
}
