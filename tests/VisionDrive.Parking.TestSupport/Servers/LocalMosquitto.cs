using System;
using System.Globalization;
using System.IO;
using System.Net.Sockets;

namespace VisionDrive.Parking.TestSupport.Servers;

/// <summary>
/// The mosquitto broker of the test process: anonymous, 127.0.0.1 only, a free port, persistence in its folder (QoS 1 queues of
/// persistent sessions survive <see cref="Restart"/>).
/// </summary>
public sealed class LocalMosquitto : IDisposable
{
    private readonly string _folder;
    private readonly string _mosquitto;
    private ServerProcess? _process;

    private LocalMosquitto(string mosquitto, string folder, int port)
    {
        _mosquitto = mosquitto;
        _folder = folder;
        Port = port;
    }

    /// <summary>The TCP port on 127.0.0.1; the same after a restart.</summary>
    public int Port { get; }

    /// <summary><c>mqtt://127.0.0.1:PORT</c>.</summary>
    public string Url => string.Create(CultureInfo.InvariantCulture, $"mqtt://127.0.0.1:{Port}");

    /// <summary>The mosquitto program, or a failure that names the command installing it.</summary>
    public static string FindProgram() =>
        LocalServers.FindOnPath("mosquitto") ?? (File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : null)
        ?? throw new InvalidOperationException(
            $"mosquitto is not installed: `bash scripts/services.sh` installs it (apt-get install mosquitto, as root), or set {TestEnvironment.MqttVariable} to a broker of yours.");

    /// <summary>Starts a broker in a new folder under <paramref name="parent"/>.</summary>
    public static LocalMosquitto Create(string parent)
    {
        var mq = new LocalMosquitto(FindProgram(), LocalServers.CreateFolder(Path.Combine(parent, "mosquitto")), LoopbackPorts.Free());
        try
        {
            File.WriteAllText(Path.Combine(mq._folder, "mosquitto.conf"), string.Join('\n',
                "# VisionDrive.Parking.Data test broker (tests/VisionDrive.Parking.TestSupport)",
                // root keeps root (mosquitto drops privileges only to another user), so the broker can write its folder.
                LocalServers.IsRoot ? "user root" : "",
                string.Create(CultureInfo.InvariantCulture, $"listener {mq.Port} 127.0.0.1"),
                "allow_anonymous true",
                "persistence true",
                $"persistence_location {mq._folder}/",
                "autosave_interval 2",
                "log_dest stderr",
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information",
                "log_timestamp_format %Y-%m-%dT%H:%M:%S",
                ""));
            mq.Start();
            return mq;
        }
        catch
        {
            mq.Dispose();
            throw;
        }
    }

    /// <summary>Starts the broker (again) with the same port and persistence, and waits until it accepts connections.</summary>
    public void Start()
    {
        if (_process is { IsRunning: true })
        {
            return;
        }

        _process?.Dispose();
        _process = ServerProcess.Start("mosquitto", Path.Combine(_folder, "mosquitto.log"), "TERM", "/", [_mosquitto, "-c", Path.Combine(_folder, "mosquitto.conf")]);
        LocalServers.WaitUntil(_process, LocalServers.StartTimeout, () =>
        {
            using var tcp = new TcpClient();
            tcp.Connect("127.0.0.1", Port);
        });
    }

    /// <summary>Stops the broker: SIGTERM (it saves its persistence), or SIGKILL when <paramref name="kill"/>.</summary>
    public void Stop(bool kill = false)
    {
        _process?.Signal(kill ? "KILL" : "TERM", TimeSpan.FromSeconds(30));
        _process?.Dispose();
        _process = null;
    }

    /// <summary>Stop and start, as a broker restart in production.</summary>
    public void Restart()
    {
        Stop();
        Start();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _process?.Dispose();
        _process = null;
    }
}
