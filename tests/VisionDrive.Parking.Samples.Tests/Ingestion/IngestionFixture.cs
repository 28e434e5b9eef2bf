using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Ingestion;
using VisionDrive.Parking.Ingestion.Processing;
using VisionDrive.Parking.Samples.Tests.Support;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.Samples.Tests.Ingestion;

/// <summary>A seeded world on DynamoDB Local, the ingestion worker on it (own topic root and client id), and the API to look through.</summary>
public sealed class IngestionFixture : IAsyncLifetime
{
    public ParkingWorld World { get; private set; } = null!;

    public MqttServer Broker { get; private set; } = null!;

    public IHost Worker { get; private set; } = null!;

    public RunningApi Api { get; private set; } = null!;

    /// <summary>The first topic level of this run (instead of <c>visiondrive</c>), so parallel runs on one broker do not meet.</summary>
    public string Root { get; } = "vdpt" + Guid.NewGuid().ToString("N")[..10];

    public string DeadLetterPrefix => Root + "/deadletter";

    public IngestionMetrics Metrics => Worker.Services.GetRequiredService<IngestionMetrics>();

    public IParkingStore Store => Worker.Services.GetRequiredService<IParkingStore>();

    public string UplinkTopic(string devEui, string tenant = "visiondrive") => $"{Root}/{tenant}/sensors/{devEui}/up";

    public async Task InitializeAsync()
    {
        Broker = new MqttServer();
        World = await ParkingWorld.CreateAsync();
        Api = await RunningApi.StartAsync(World.DynamoDbArgs());
        Worker = IngestionHost.Build(IngestionWorkers.Args(World.DynamoDbArgs(), $"mqtt://{Broker.Host}:{Broker.Port}", Root, "--Ingestion:KeepAlive=00:00:05"));
        await Worker.StartAsync();
        await IngestionWorkers.WaitConnectedAsync(Worker);
    }

    public async Task DisposeAsync()
    {
        if (Worker is not null)
        {
            await Worker.StopAsync();
            Worker.Dispose();
        }

        if (Api is not null)
        {
            await Api.DisposeAsync();
        }

        if (World is not null)
        {
            await World.DisposeAsync();
        }
    }
}

/// <summary>The ingestion tests share the broker (one of them restarts it): they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class IngestionCollection : ICollectionFixture<IngestionFixture>
{
    public const string Name = "ingestion";
}
