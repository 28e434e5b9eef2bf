namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>
/// The logger factory handed to Npgsql: everything passes through unchanged, except that Npgsql's <c>Npgsql.Command</c> category (one
/// Information line per executed statement) logs at <see cref="LogLevel.Debug"/>. An application sees those lines only when it enables
/// that category at Debug (<c>"Logging:LogLevel:Npgsql.Command": "Debug"</c>). Does not own the inner factory.
/// </summary>
internal sealed class CommandLogDemotingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    /// <summary>Npgsql's category of command execution logs.</summary>
    public const string CommandCategory = "Npgsql.Command";

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return string.Equals(categoryName, CommandCategory, StringComparison.Ordinal) ? new Demoting(logger) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // The host owns the inner factory.
    }

    private sealed class Demoting(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(Demote(logLevel));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.Log(Demote(logLevel), eventId, state, exception, formatter);

        private static LogLevel Demote(LogLevel level) => level == LogLevel.Information ? LogLevel.Debug : level;
    }
}
