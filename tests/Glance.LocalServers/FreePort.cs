using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Glance.LocalServers;

public static class FreePort
{
    // The OS may offer a port again as soon as the probe closes it: two servers started together (Azurite's three
    // services) must not be given the same one.
    private static readonly ConcurrentDictionary<int, byte> Given = new();

    /// <summary>A loopback port nobody listens on right now (the OS picks it), never one this process was given before.</summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (Given.TryAdd(port, 0))
            {
                return port;
            }
        }
    }
}
