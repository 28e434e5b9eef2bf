using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VisionDrive.Parking.Ingestion.Processing;

namespace VisionDrive.Parking.Samples.Tests.Support;

/// <summary>Ingestion workers of a test's own: their own topic root, client id and dead-letter prefix, so tests on one broker do not meet.</summary>
public static class IngestionWorkers
{
    /// <summary>
    /// The worker's command line: the store's settings, the broker, <c>{root}/+/sensors/+/up</c>, <c>{root}-ingestion</c>,
    /// <c>{root}/deadletter</c>, quick reconnects (0.2–2 s), then <paramref name="more"/> (later settings win).
    /// </summary>
    public static string[] Args(System.Collections.Generic.IEnumerable<string> store, string broker, string root, params string[] more) =>
    [
        .. store,
        "--Ingestion:Broker=" + broker,
        "--Ingestion:ClientId=" + root + "-ingestion",
        "--Ingestion:TopicFilter=" + root + "/+/sensors/+/up",
        "--Ingestion:DeadLetterTopicPrefix=" + root + "/deadletter",
        "--Ingestion:ReconnectMinDelay=00:00:00.200",
        "--Ingestion:ReconnectMaxDelay=00:00:02",
        .. more,
    ];

    /// <summary>Waits until the worker has connected to its broker (30 s at most).</summary>
    public static async Task WaitConnectedAsync(IHost worker)
    {
        var metrics = worker.Services.GetRequiredService<IngestionMetrics>();
        (await Eventually.HoldsAsync(() => Task.FromResult(metrics.Connects > 0), TimeSpan.FromSeconds(30))).Should().BeTrue("the worker connects");
    }
}
