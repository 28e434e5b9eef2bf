using System.Net;
using System.Net.Sockets;

namespace VisionDrive.Parking.TestSupport;

/// <summary>Ports on 127.0.0.1 for servers a test starts itself, or to point a client at nothing.</summary>
public static class LoopbackPorts
{
    /// <summary>A port nothing listens on right now (the OS picks it; free until someone binds it).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
