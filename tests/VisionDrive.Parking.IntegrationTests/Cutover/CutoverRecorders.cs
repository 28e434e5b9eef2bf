using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using Microsoft.Extensions.Logging;
using VisionDrive.Parking.Cutover;

namespace VisionDrive.Parking.IntegrationTests.Cutover;

/// <summary>The measurements of one <see cref="CutoverTelemetry"/> (its own meter), through a real <see cref="MeterListener"/>.</summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();

    public MetricsRecorder(CutoverTelemetry telemetry)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, telemetry.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            Measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString()))));
        _listener.Start();
    }

    public ConcurrentQueue<(string Name, long Value, Dictionary<string, string?> Tags)> Measurements { get; } = new();

    public long Sum(string name, string? accessPattern = null) =>
        Measurements.Where(m => m.Name == name && (accessPattern is null || m.Tags.GetValueOrDefault(CutoverTelemetry.AccessPatternTag) == accessPattern)).Sum(m => m.Value);

    /// <summary>Collects the observable gauge now.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();
}

/// <summary>The <c>cutover.primary_written</c> activities started while it listens.</summary>
internal sealed class ActivityRecorder : IDisposable
{
    private readonly ActivityListener _listener;

    public ActivityRecorder(Action<Activity>? onStart = null)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CutoverTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity =>
            {
                Started.Enqueue(activity.OperationName + " " + activity.GetTagItem(CutoverTelemetry.OperationTag));
                onStart?.Invoke(activity);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentQueue<string> Started { get; } = new();

    public void Dispose() => _listener.Dispose();
}

/// <summary>A logger that keeps what it is given.</summary>
internal sealed class CapturingLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId, formatter(state, exception)));
}
