using System.Net;
using System.Net.Sockets;

namespace Glance.LocalServers;

/// <summary>
/// A TCP proxy on loopback in front of a local port, which can slow the target's answers to a given rate (so that a
/// read of a few MiB, a validation, lasts long enough for a fault to land in the middle of it), slow the requests sent
/// to it (so that an upload outlives a short-lived URL), or cut the target off (open connections and new ones reset: one of Azurite's services out of reach while the
/// others answer). When the target itself is down, connections are closed at once, which clients retry as they retry
/// a refused connection.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private const int ChunkSize = 16 * 1024;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _targetPort;
    private readonly Task _accepting;
    private long _bytesPerSecond;
    private long _requestBytesPerSecond;
    private long _bytesFromTarget;
    private long _bytesToTarget;
    private volatile CancellationTokenSource _cut = new();

    public FaultProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>The most bytes per second each connection receives from the target; 0 for no limit.</summary>
    public long BytesPerSecond
    {
        get => Interlocked.Read(ref _bytesPerSecond);
        set => Interlocked.Exchange(ref _bytesPerSecond, value);
    }

    /// <summary>The most bytes per second each connection sends to the target; 0 for no limit.</summary>
    public long RequestBytesPerSecond
    {
        get => Interlocked.Read(ref _requestBytesPerSecond);
        set => Interlocked.Exchange(ref _requestBytesPerSecond, value);
    }

    /// <summary>Bytes the target has sent through this proxy so far (answers: what its clients read).</summary>
    public long BytesFromTarget => Interlocked.Read(ref _bytesFromTarget);

    /// <summary>Bytes sent to the target through this proxy so far (requests: what its clients wrote).</summary>
    public long BytesToTarget => Interlocked.Read(ref _bytesToTarget);

    /// <summary>While true, the target is out of reach through this proxy.</summary>
    public bool CutOff
    {
        get => _cut.IsCancellationRequested;
        set
        {
            if (value)
            {
                _cut.Cancel();
            }
            else if (_cut.IsCancellationRequested)
            {
                _cut = new CancellationTokenSource();
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var target = new TcpClient())
        {
            var cut = _cut.Token;
            if (cut.IsCancellationRequested)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                return;
            }
            try
            {
                await target.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                // Closed before a byte of answer: a client retries this as it retries a refused connection.
                return;
            }
            try
            {
                using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, cut);
                var up = CopyAsync(client.GetStream(), target.GetStream(), () => RequestBytesPerSecond, n => Interlocked.Add(ref _bytesToTarget, n), done.Token);
                var down = CopyAsync(target.GetStream(), client.GetStream(), () => BytesPerSecond, n => Interlocked.Add(ref _bytesFromTarget, n), done.Token);
                await Task.WhenAny(up, down);
                if (cut.IsCancellationRequested)
                {
                    client.Client.LingerState = new LingerOption(true, 0);
                }
                done.Cancel();
                await Task.WhenAll(up, down).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private static async Task CopyAsync(NetworkStream from, NetworkStream to, Func<long> bytesPerSecond, Action<int> relayed, CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkSize];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // When the bytes sent so far may have left at the rate: no credit builds up while the connection is idle, so a
        // pooled connection is as slow as a new one.
        var due = TimeSpan.Zero;
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    return;
                }
                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                relayed(read);
                if (bytesPerSecond() is not (> 0 and var rate))
                {
                    continue;
                }
                var now = clock.Elapsed;
                due = (due > now ? due : now) + TimeSpan.FromSeconds((double)read / rate);
                if (due - now > TimeSpan.FromMilliseconds(5))
                {
                    await Task.Delay(due - now, cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
