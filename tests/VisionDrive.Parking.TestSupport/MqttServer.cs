using System;

namespace VisionDrive.Parking.TestSupport;

/// <summary>The mosquitto broker from <c>VDP_TEST_MQTT</c> (<c>mqtt://127.0.0.1:PORT</c>), else the one this test process starts (<see cref="Servers.LocalMosquitto"/>).</summary>
public sealed class MqttServer
{
    public MqttServer()
        : this(TestEnvironment.Require(TestEnvironment.MqttVariable, "The MQTT broker (mosquitto)"))
    {
    }

    /// <summary>Another broker, e.g. one a test starts itself: <c>mqtt://host:port</c>.</summary>
    public MqttServer(string url)
    {
        var uri = new Uri(url);
        Host = uri.Host;
        Port = uri.Port > 0 ? uri.Port : 1883;
    }

    public string Host { get; }

    public int Port { get; }
}
