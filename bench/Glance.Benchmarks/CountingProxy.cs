using System.Net;
using System.Net.Sockets;

namespace Glance.Benchmarks;

/// <summary>
/// A loopback TCP relay that counts the bytes in each direction. In front of the service's HTTP port it shows what
/// the benchmark's client sent to the service; in front of Azurite's blob port (the service's connection string
/// pointing at it) what the service exchanged with blob storage. /proc/pid/io cannot: .NET's sockets use
/// send/recv system calls, which Linux does not count in rchar/wchar.
/// </summary>
internal sealed class CountingProxy : IAsyncDisposable
{
    private const int BufferSize = 256 * 1024;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _relays = [];
    private readonly Lock _gate = new();
    private readonly Task _acceptLoop;
    private long _toTarget;
    private long _fromTarget;

    /// <param name="targetPort">The loopback port the relay forwards to.</param>
    public CountingProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>Bytes the clients sent to the target and the target sent back, since the proxy started.</summary>
    public (long ToTarget, long FromTarget) Counts => (Interlocked.Read(ref _toTarget), Interlocked.Read(ref _fromTarget));

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            lock (_gate)
            {
                _relays.RemoveAll(t => t.IsCompleted);
                _relays.Add(RelayAsync(client));
            }
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using (client)
        using (var target = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            try
            {
                client.NoDelay = true;
                target.NoDelay = true;
                await target.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                await Task.WhenAll(
                    PumpAsync(client, target, count => Interlocked.Add(ref _toTarget, count)),
                    PumpAsync(target, client, count => Interlocked.Add(ref _fromTarget, count)));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // A connection closed or reset by either side, or the proxy stopping.
            }
        }
    }

    private async Task PumpAsync(Socket from, Socket to, Action<long> count)
    {
        var buffer = new byte[BufferSize];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    break;
                }
                count(read);
                var sent = 0;
                while (sent < read)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, _stop.Token);
                }
            }
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Closing the other direction too makes its pump finish.
            to.Close();
            from.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _acceptLoop;
        Task[] relays;
        lock (_gate)
        {
            relays = [.. _relays];
        }
        await Task.WhenAll(relays);
        _stop.Dispose();
    }
}
