namespace VisionDrive.Parking.Migration.Verification;

/// <summary>
/// One side's record of a key in a differing bucket: the key (<c>PK|SK</c>, with the length of <c>PK</c> so both parts come back
/// exactly), the entity type (<see langword="null"/>: no entity type claims the item), the item's canonical hash, and for a source item
/// that sync may put, the item as a DynamoDB JSON line.
/// </summary>
internal readonly record struct DiffRecord(string Key, int PkLength, byte Type, UInt128 Hash, string? Item)
{
    /// <summary>The <see cref="Type"/> of an item no entity type claims.</summary>
    public const byte Unclaimed = byte.MaxValue;

    public string Pk => Key[..PkLength];

    public string Sk => Key[(PkLength + 1)..];

    /// <summary>What the record costs in memory while buffered, roughly (the strings' UTF-16 and the struct).</summary>
    public long Size => 64 + (2L * Key.Length) + (2L * (Item?.Length ?? 0));

    public static DiffRecord Of(string pk, string sk, byte type, UInt128 hash, string? item) => new(pk + "|" + sk, pk.Length, type, hash, item);

    public void WriteTo(BinaryWriter w)
    {
        w.Write(Key);
        w.Write(PkLength);
        w.Write(Type);
        w.Write((ulong)(Hash >> 64));
        w.Write((ulong)Hash);
        w.Write(Item is not null);
        if (Item is not null)
        {
            w.Write(Item);
        }
    }

    public static DiffRecord ReadFrom(BinaryReader r)
    {
        var key = r.ReadString();
        var pkLength = r.ReadInt32();
        var type = r.ReadByte();
        var hi = r.ReadUInt64();
        var lo = r.ReadUInt64();
        var item = r.ReadBoolean() ? r.ReadString() : null;
        return new DiffRecord(key, pkLength, type, ((UInt128)hi << 64) | lo, item);
    }
}

/// <summary>
/// Where a comparison keeps what it cannot hold: sorted runs of <see cref="DiffRecord"/> in a folder of its own under the temp folder,
/// deleted with it. Memory is one buffer of at most <see cref="BufferBytes"/> per <see cref="Sorter"/> and one read buffer per run while
/// merging, whatever the number of differences.
/// </summary>
internal sealed class DiffSpill : IDisposable
{
    /// <summary>The records a <see cref="Sorter"/> buffers before it sorts them and writes a run, in bytes (8 MiB).</summary>
    public const long BufferBytes = 8L << 20;

    /// <summary>The most runs merged at once; more are first merged into larger runs (bounds open files and read buffers).</summary>
    public const int MaxFanIn = 64;

    private const int FileBufferBytes = 64 << 10;

    private int _next;

    public DiffSpill()
    {
        Folder = Directory.CreateTempSubdirectory("vdp-diff-").FullName;
    }

    /// <summary>The folder that holds the runs.</summary>
    public string Folder { get; }

    public string NewFile(string kind) => Path.Combine(Folder, kind + "-" + Interlocked.Increment(ref _next) + ".bin");

    public Sorter NewSorter() => new(this);

    /// <summary>Every record of the sorters' runs, in ordinal key order (a k-way merge; ties keep no particular order).</summary>
    public IEnumerable<DiffRecord> Merged(IEnumerable<Sorter> sorters)
    {
        var runs = new List<string>();
        foreach (var s in sorters)
        {
            s.Flush();
            runs.AddRange(s.Runs);
        }

        while (runs.Count > MaxFanIn)
        {
            var merged = NewFile("merged");
            using (var w = Writer(merged))
            {
                foreach (var r in Merge(runs.GetRange(0, MaxFanIn)))
                {
                    r.WriteTo(w);
                }
            }

            foreach (var done in runs.GetRange(0, MaxFanIn))
            {
                File.Delete(done);
            }

            runs.RemoveRange(0, MaxFanIn);
            runs.Add(merged);
        }

        return Merge(runs);
    }

    public static BinaryWriter Writer(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, FileBufferBytes), System.Text.Encoding.UTF8, leaveOpen: false);

    public static IEnumerable<DiffRecord> Read(string path)
    {
        using var r = new BinaryReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferBytes), System.Text.Encoding.UTF8);
        while (r.BaseStream.Position < r.BaseStream.Length)
        {
            yield return DiffRecord.ReadFrom(r);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static IEnumerable<DiffRecord> Merge(List<string> runs)
    {
        var readers = new List<IEnumerator<DiffRecord>>(runs.Count);
        try
        {
            var queue = new PriorityQueue<int, string>(StringComparer.Ordinal);
            foreach (var run in runs)
            {
                var e = Read(run).GetEnumerator();
                readers.Add(e);
                if (e.MoveNext())
                {
                    queue.Enqueue(readers.Count - 1, e.Current.Key);
                }
            }

            while (queue.TryDequeue(out var i, out _))
            {
                var e = readers[i];
                yield return e.Current;
                if (e.MoveNext())
                {
                    queue.Enqueue(i, e.Current.Key);
                }
            }
        }
        finally
        {
            foreach (var e in readers)
            {
                e.Dispose();
            }
        }
    }

    /// <summary>Buffers records, and writes each full buffer sorted by key as a run. Not thread-safe: one per writer (scan segment).</summary>
    internal sealed class Sorter
    {
        private readonly DiffSpill _spill;
        private readonly List<DiffRecord> _buffer = [];
        private long _bytes;

        public Sorter(DiffSpill spill)
        {
            _spill = spill;
        }

        public List<string> Runs { get; } = [];

        public long Count { get; private set; }

        public void Add(DiffRecord record)
        {
            _buffer.Add(record);
            _bytes += record.Size;
            Count++;
            if (_bytes >= BufferBytes)
            {
                Flush();
            }
        }

        public void Flush()
        {
            if (_buffer.Count == 0)
            {
                return;
            }

            _buffer.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            var path = _spill.NewFile("run");
            using (var w = Writer(path))
            {
                foreach (var r in _buffer)
                {
                    r.WriteTo(w);
                }
            }

            Runs.Add(path);
            _buffer.Clear();
            _buffer.TrimExcess();
            _bytes = 0;
        }
    }
}
