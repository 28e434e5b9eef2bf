namespace VisionDrive.Parking.Migration.State;

/// <summary>
/// The state directory of a run: an exclusive lock (a second run on the same directory is refused), the checkpoint written atomically
/// (temp file, flush to disk, rename), and the append-only <c>rejects.jsonl</c> and <c>warnings.jsonl</c> (deduplicated, so rows re-read
/// after a crash are not listed twice).
/// </summary>
internal sealed class StateStore : IDisposable
{
    public const string StateFileName = "state.json";
    public const string RejectsFileName = "rejects.jsonl";
    public const string WarningsFileName = "warnings.jsonl";
    private const string LockFileName = "lock";

    // The holder's pid, beside the lock: the lock file itself cannot be read while another process holds it (on Unix .NET takes an
    // flock on every open, shared for a reader, which the holder's exclusive one refuses).
    private const string OwnerFileName = "lock.owner";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Converters = { new EntityTypeJsonConverter() } };
    private readonly FileStream _lock;
    private readonly HashSet<string> _rejected = new(StringComparer.Ordinal);
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly RejectTally _rejectReasons = new();
    private readonly object _appendGate = new();
    private readonly List<DataQualityWarning> _warnings = [];

    private StateStore(string directory, FileStream lockStream)
    {
        Directory = directory;
        _lock = lockStream;
    }

    public string Directory { get; }

    public string RejectsPath => Path.Combine(Directory, RejectsFileName);

    public string WarningsPath => Path.Combine(Directory, WarningsFileName);

    public long RejectCount => _rejected.Count;

    /// <summary>Every distinct reason in the rejects file (this run's and earlier runs' on this directory) with its count.</summary>
    public List<RejectReason> RejectReasons()
    {
        lock (_appendGate)
        {
            return _rejectReasons.ToList();
        }
    }

    /// <summary>The warnings committed so far: those listed by earlier runs on this directory, then this run's as their batches are committed.</summary>
    public IReadOnlyList<DataQualityWarning> Warnings
    {
        get
        {
            lock (_appendGate)
            {
                return [.. _warnings];
            }
        }
    }

    /// <summary>Opens (creating if needed) and locks a state directory.</summary>
    public static StateStore Open(string directory)
    {
        var full = Path.GetFullPath(directory);
        try
        {
            System.IO.Directory.CreateDirectory(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MigrationException($"Cannot create the state directory '{full}': {ex.Message}. Choose a writable --state-dir.", ex);
        }

        FileStream lockStream;
        var lockPath = Path.Combine(full, LockFileName);
        try
        {
            lockStream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new MigrationException($"The state directory '{full}' is not writable ({ex.Message}). Choose a writable --state-dir.", ex);
        }
        catch (IOException ex) when (!IsLockConflict(ex))
        {
            // EROFS, ENOSPC, EIO…: not another run (the message must not send the operator looking for one).
            throw new MigrationException(
                $"Cannot create the lock file in the state directory '{full}' ({ex.Message}). Is the disk full or read-only? Free space or choose a writable --state-dir.", ex);
        }
        catch (IOException ex)
        {
            var holder = TryReadHolder(Path.Combine(full, OwnerFileName));
            throw new MigrationException(
                $"Another run is using the state directory '{full}'{holder}. Wait for it to finish, or give this run its own --state-dir.", ex);
        }

        try
        {
            var pid = Encoding.UTF8.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            lockStream.SetLength(0);
            lockStream.Write(pid);
            lockStream.Flush(true);
            File.WriteAllBytes(Path.Combine(full, OwnerFileName), pid);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try
            {
                lockStream.Dispose();
            }
            catch (IOException)
            {
                // Disposing flushes the same unwritten bytes and fails the same way; the error to report is the first one.
            }

            throw new MigrationException($"Cannot write in the state directory '{full}' ({ex.Message}). Is the disk full or read-only? Free space or choose another --state-dir.", ex);
        }

        var store = new StateStore(full, lockStream);
        DropTornTail(store.RejectsPath);
        DropTornTail(store.WarningsPath);
        store.LoadSeen(store.RejectsPath, store._rejected, "table", "primaryKey");
        store.LoadRejectReasons();
        store.LoadSeen(store.WarningsPath, store._warned, "entity", "key", "field", "message");
        store._warnings.AddRange(store.ReadWarnings());
        return store;
    }

    /// <summary>Reads the checkpoint, or a fresh one when there is none; refuses a corrupt file or one written for other options.</summary>
    public Checkpoint Load(string fingerprint)
    {
        var path = Path.Combine(Directory, StateFileName);
        if (!File.Exists(path))
        {
            return new Checkpoint { Fingerprint = fingerprint };
        }

        Checkpoint? cp;
        try
        {
            cp = JsonSerializer.Deserialize<Checkpoint>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new MigrationException(
                $"The state file '{path}' is corrupt ({ex.Message}). Nothing was written. Delete it to start over " +
                "(rows already in the table are rewritten idempotently), or restore it from a backup.", ex);
        }

        if (cp is null || cp.Version != Checkpoint.CurrentVersion || cp.Tables is null)
        {
            throw new MigrationException(
                $"The state file '{path}' is not a checkpoint of this version (expected version {Checkpoint.CurrentVersion}). " +
                "Delete it to start over, or use a new --state-dir.");
        }

        if (!string.Equals(cp.Fingerprint, fingerprint, StringComparison.Ordinal))
        {
            throw new MigrationException(
                $"The state directory '{Directory}' belongs to a run with other options ({cp.Fingerprint}); this run has ({fingerprint}). " +
                "Rerun with the same table, segment and retention, or use a new --state-dir.");
        }

        return cp;
    }

    /// <summary>Writes the checkpoint atomically: a temp file flushed to disk, then renamed over the old one.</summary>
    public void Save(Checkpoint checkpoint)
    {
        var path = Path.Combine(Directory, StateFileName);
        var tmp = path + ".tmp";
        try
        {
            using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(fs, checkpoint, JsonOptions);
                fs.Flush(true);
            }

            File.Move(tmp, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MigrationException(
                $"Cannot save the checkpoint in '{Directory}' ({ex.Message}). Is the disk full or read-only? The last saved checkpoint is intact: " +
                "free space and rerun to resume.", ex);
        }
    }

    /// <summary>Appends a rejected row, unless it is already listed. Returns whether it was new.</summary>
    public bool AppendReject(RowFailure failure)
    {
        var id = failure.Table + "\u0001" + failure.PrimaryKey;
        lock (_appendGate)
        {
            if (!_rejected.Add(id))
            {
                return false;
            }

            var line = new StringBuilder(256 + failure.RowJson.Length);
            using (var sw = new StringWriter(line, CultureInfo.InvariantCulture))
            using (var w = new Utf8JsonStringWriter(sw))
            {
                w.WriteReject(failure);
            }

            AppendLine(RejectsPath, line.ToString());
            _rejectReasons.Add(failure.Table, failure.Field, failure.Reason);
            return true;
        }
    }

    /// <summary>Appends a data-quality warning, unless it is already listed. Returns whether it was new.</summary>
    public bool AppendWarning(DataQualityWarning warning)
    {
        // The message too: one field can have two problems (a malformed DevEUI that is also shared), each listed and counted once.
        var id = warning.Entity + "\u0001" + warning.Key + "\u0001" + warning.Field + "\u0001" + warning.Message;
        lock (_appendGate)
        {
            if (!_warned.Add(id))
            {
                return false;
            }

            AppendLine(WarningsPath, JsonSerializer.Serialize(warning));
            _warnings.Add(warning);
            return true;
        }
    }

    /// <summary>Reads every warning listed so far.</summary>
    public List<DataQualityWarning> ReadWarnings()
    {
        var list = new List<DataQualityWarning>();
        if (!File.Exists(WarningsPath))
        {
            return list;
        }

        foreach (var line in File.ReadLines(WarningsPath))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var w = JsonSerializer.Deserialize<DataQualityWarning>(line);
                if (w is not null)
                {
                    list.Add(w);
                }
            }
            catch (JsonException)
            {
                // A line torn by a crash mid-append: the warning is raised again when its row is re-read.
            }
        }

        return list;
    }

    public void Dispose() => _lock.Dispose();

    private void AppendLine(string path, string line)
    {
        try
        {
            using var fs = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            var bytes = Encoding.UTF8.GetBytes(line + "\n");
            fs.Write(bytes);
            fs.Flush(true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MigrationException($"Cannot append to '{path}' ({ex.Message}). Is the disk full or read-only? Free space and rerun to resume.", ex);
        }
    }

    private void LoadSeen(string path, HashSet<string> seen, params string[] fields)
    {
        if (!File.Exists(path))
        {
            return;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line);
                var parts = new string[fields.Length];
                for (var i = 0; i < fields.Length; i++)
                {
                    parts[i] = doc.RootElement.TryGetProperty(fields[i], out var p) ? p.GetString() ?? "" : "";
                }

                seen.Add(string.Join('\u0001', parts));
            }
            catch (JsonException)
            {
                // A torn last line after a crash: its row is re-read and re-listed.
            }
        }
    }

    private void LoadRejectReasons()
    {
        if (!File.Exists(RejectsPath))
        {
            return;
        }

        foreach (var line in File.ReadLines(RejectsPath))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line);
                _rejectReasons.Add(Text(doc.RootElement, "table"), Text(doc.RootElement, "field"), Text(doc.RootElement, "reason"));
            }
            catch (JsonException)
            {
                // A torn line: its row is re-read, re-listed and counted then.
            }
        }

        static string Text(JsonElement e, string name) => e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";
    }

    /// <summary>
    /// Cuts a last line left without its newline by a crash or a full disk mid-append: its row is re-read (it is after the checkpoint)
    /// and listed again, and the next line appended must not be glued to the fragment.
    /// </summary>
    private static void DropTornTail(string path)
    {
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
            if (fs.Length == 0)
            {
                return;
            }

            var end = fs.Length;
            var block = new byte[64 * 1024];
            while (end > 0)
            {
                var start = Math.Max(0, end - block.Length);
                fs.Position = start;
                fs.ReadExactly(block, 0, (int)(end - start));
                var newline = Array.LastIndexOf(block, (byte)'\n', (int)(end - start) - 1);
                if (newline >= 0)
                {
                    end = start + newline + 1;
                    break;
                }

                end = start;
            }

            if (end < fs.Length)
            {
                fs.SetLength(end);
                fs.Flush(true);
            }
        }
        catch (FileNotFoundException)
        {
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MigrationException($"Cannot repair '{path}' after an interrupted append ({ex.Message}). Is the disk full or read-only? Free space and rerun to resume.", ex);
        }
    }

    /// <summary>Whether opening the lock file failed because another process holds it (not because the disk is read-only or full).</summary>
    private static bool IsLockConflict(IOException ex) =>
        ex.HResult is 11 /* EWOULDBLOCK/EAGAIN, Linux */ or 35 /* EWOULDBLOCK, macOS */
            or unchecked((int)0x80070020) /* ERROR_SHARING_VIOLATION */ or unchecked((int)0x80070021) /* ERROR_LOCK_VIOLATION */;

    private static string TryReadHolder(string ownerPath)
    {
        try
        {
            var pid = File.ReadAllText(ownerPath).Trim();
            return pid.Length > 0 && pid.Length <= 10 && pid.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0 ? $" (process {pid})" : "";
        }
        catch (FileNotFoundException)
        {
            return "";
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
