using Spectre.Console;

namespace VisionDrive.Parking.Cli;

/// <summary>
/// Progress bars per entity type on a terminal (Spectre.Console); with the output redirected (a pipe, a file, CI), plain lines on stdout:
/// one when a table starts a phase, then at most one every <see cref="PlainInterval"/> per table, and one when it reaches its total.
/// </summary>
internal sealed class ConsoleProgress(IReadOnlyList<EntityType> types)
{
    /// <summary>The least time between two plain progress lines of one table.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);
    /// <summary>Whether both output streams are a terminal that can draw progress bars.</summary>
    public static bool IsInteractive =>
        !Console.IsOutputRedirected && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public async Task<MigrationReport> RunAsync(Func<IProgress<MigrationProgress>, Task<MigrationReport>> run)
    {
        if (!IsInteractive)
        {
            return await run(new PlainProgress(Console.Out, TimeProvider.System, PlainInterval));
        }

        MigrationReport? report = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var tasks = new Dictionary<EntityType, ProgressTask>();
                foreach (var t in types)
                {
                    tasks[t] = ctx.AddTask(t.Name(), autoStart: false, maxValue: 1);
                }

                var progress = new SynchronousProgress(p =>
                {
                    var task = tasks[p.EntityType];
                    if (!task.IsStarted)
                    {
                        task.StartTask();
                    }

                    task.Description = $"{p.EntityType.Name()} {p.Phase}";
                    task.MaxValue = Math.Max(1, p.Total ?? Math.Max(p.Processed, 1));
                    task.Value = Math.Min(task.MaxValue, p.Processed);
                });
                report = await run(progress);
                foreach (var task in tasks.Values)
                {
                    task.Value = task.MaxValue;
                    task.StopTask();
                }
            });
        return report!;
    }

    private sealed class SynchronousProgress(Action<MigrationProgress> onReport) : IProgress<MigrationProgress>
    {
        private readonly object _gate = new();

        public void Report(MigrationProgress value)
        {
            lock (_gate)
            {
                onReport(value);
            }
        }
    }
}
