namespace VisionDrive.Parking.Cli;

/// <summary>Plain log lines to standard error, with every known secret redacted.</summary>
internal sealed class RedactingConsoleLoggerProvider(LogLevel minimum, TimeProvider time) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, minimum, time);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, LogLevel minimum, TimeProvider time) : ILogger
    {
        private readonly string _short = category[(category.LastIndexOf('.') + 1)..];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var level = logLevel switch
            {
                LogLevel.Trace => "trce",
                LogLevel.Debug => "dbug",
                LogLevel.Information => "info",
                LogLevel.Warning => "WARN",
                LogLevel.Error => "FAIL",
                _ => "CRIT",
            };
            var line = string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():HH:mm:ss.fff} {level} {_short}: {formatter(state, exception)}");
            if (exception is not null && minimum <= LogLevel.Debug)
            {
                line += Environment.NewLine + exception;
            }

            Console.Error.WriteLine(Secrets.Redact(line));
        }
    }
}
