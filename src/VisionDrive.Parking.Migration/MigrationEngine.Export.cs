using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Migration.Export;
using VisionDrive.Parking.Migration.State;

namespace VisionDrive.Parking.Migration;

public sealed partial class MigrationEngine
{
    /// <summary>The most items in one export file.</summary>
    public const int ExportItemsPerFile = 100_000;

    /// <summary>
    /// Writes the items the migration would write in DynamoDB's S3 import format (DynamoDB JSON lines, gzip) under
    /// <c><paramref name="folder"/>/data/</c>, plus a <c>manifest.json</c> with the counts, for DynamoDB's server-side Import from S3.
    /// Rejected rows go to the state directory's <c>rejects.jsonl</c> as in a migration. Needs no DynamoDB client (an engine created without one
    /// exports).
    /// </summary>
    /// <param name="folder">The output folder; created when missing.</param>
    /// <param name="progress">Receives progress; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The report (<see cref="EntityReport.Written"/> counts exported items).</returns>
    public async Task<MigrationReport> ExportAsync(string folder, IProgress<MigrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var started = _time.GetTimestamp();
        using var state = StateStore.Open(_options.StateDirectory);
        var report = NewReport("export", _options.TableName, _options.EntityTypes);
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(data);
        var files = new List<string>();
        var pipelines = Pipelines();
        var part = 0;
        var inFile = 0;
        Stream? file = null;
        StreamWriter? writer = null;

        void OpenNext()
        {
            writer?.Dispose();
            file?.Dispose();
            var name = string.Create(CultureInfo.InvariantCulture, $"segment-{_options.SegmentIndex:D3}-of-{_options.SegmentCount:D3}-part-{part++:D5}.json.gz");
            files.Add(Path.Combine("data", name));
            file = new GZipStream(File.Create(Path.Combine(data, name)), CompressionLevel.Fastest);
            writer = new StreamWriter(file, new UTF8Encoding(false));
            inFile = 0;
        }

        try
        {
            foreach (var type in _options.EntityTypes)
            {
                var entry = report.Entities[type];
                entry.Written = 0;
                await foreach (var row in pipelines.For(type).TransformAsync(ReadOptions(), inspect: true, cancellationToken).ConfigureAwait(false))
                {
                    entry.Source++;
                    if (row.Item is not { } item)
                    {
                        state.AppendReject(row.Failure!);
                        entry.Rejected++;
                        continue;
                    }

                    foreach (var w in row.Warnings)
                    {
                        state.AppendWarning(w);
                        entry.Warnings++;
                    }

                    if (writer is null || inFile == ExportItemsPerFile)
                    {
                        OpenNext();
                    }

                    await writer!.WriteLineAsync(DynamoDbJson.ToLine(item).AsMemory(), cancellationToken).ConfigureAwait(false);
                    inFile++;
                    entry.Written++;
                }

                ReportProgress(progress, type, "export", entry.Written ?? 0, entry.Source);
            }
        }
        finally
        {
            writer?.Dispose();
            file?.Dispose();
        }

        var manifest = new Dictionary<string, object>
        {
            ["table"] = _options.TableName,
            ["format"] = "DYNAMODB_JSON",
            ["compression"] = "GZIP",
            ["files"] = files,
            ["items"] = report.Entities.ToDictionary(kv => kv.Key.Name(), kv => kv.Value.Written ?? 0),
        };
        await File.WriteAllTextAsync(Path.Combine(folder, "manifest.json"), JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
        report.WarningList.AddRange(state.Warnings);
        report.RejectsFile = state.RejectCount > 0 ? state.RejectsPath : null;
        report.DurationSeconds = Seconds(_time.GetElapsedTime(started));
        return report;
    }
}
