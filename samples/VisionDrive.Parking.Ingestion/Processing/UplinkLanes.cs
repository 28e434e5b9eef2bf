using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace VisionDrive.Parking.Ingestion.Processing;

/// <summary>
/// Bounded, ordered concurrency: <c>N</c> lanes, each a bounded channel read by one task; a message goes to the lane of its device
/// (a stable hash of the DevEUI), so one device's messages are handled one after another, in arrival order, while different devices
/// run in parallel. A full lane makes <see cref="EnqueueAsync"/> wait, which stops the MQTT receive loop: back-pressure to the broker.
/// </summary>
internal sealed class UplinkLanes<T>
{
    private readonly Channel<T>[] _lanes;
    private readonly Task[] _readers;

    public UplinkLanes(int count, int capacity, Func<T, CancellationToken, Task> handle, CancellationToken stopping)
    {
        _lanes = new Channel<T>[count];
        _readers = new Task[count];
        for (var i = 0; i < count; i++)
        {
            var lane = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
            _lanes[i] = lane;
            _readers[i] = Task.Run(() => ReadAsync(lane.Reader, handle, stopping), CancellationToken.None);
        }
    }

    public int Count => _lanes.Length;

    public ValueTask EnqueueAsync(string deviceKey, T item, CancellationToken cancellationToken) =>
        _lanes[LaneOf(deviceKey, _lanes.Length)].Writer.WriteAsync(item, cancellationToken);

    /// <summary>FNV-1a over the key's characters: stable across processes (unlike <see cref="string.GetHashCode()"/>).</summary>
    public static int LaneOf(string deviceKey, int count)
    {
        var hash = 2166136261u;
        foreach (var c in deviceKey)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)count);
    }

    /// <summary>Takes no more messages and waits for the lanes to finish what they hold (or to see <c>stopping</c>).</summary>
    public Task CompleteAsync()
    {
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        return Task.WhenAll(_readers);
    }

    private static async Task ReadAsync(ChannelReader<T> reader, Func<T, CancellationToken, Task> handle, CancellationToken stopping)
    {
        try
        {
            await foreach (var item in reader.ReadAllAsync(stopping))
            {
                await handle(item, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
