using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;

namespace Glance.LocalServers;

/// <summary>
/// A process a test or benchmark started: its output is drained (a full pipe would stall it) and the last lines kept
/// for error messages; disposing kills it and its children, by its own process id.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int KeptLines = 40;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lastLines = new();

    private ChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} could not be started.");
        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until the process accepts TCP connections on a loopback port.</summary>
    public async Task WaitForPortAsync(int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            EnsureRunning();
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"{Name} did not listen on port {port} within {timeout.TotalSeconds:0} s.{Tail()}", e);
            }
        }
    }

    public void EnsureRunning()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}.{Tail()}");
        }
    }

    /// <summary>The last lines the process printed, for error messages.</summary>
    public string Tail() => _lastLines.IsEmpty ? "" : Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", _lastLines);

    /// <summary>The last line the process printed that contains <paramref name="text"/>, if any is still kept.</summary>
    public string? LastLineContaining(string text) => _lastLines.LastOrDefault(l => l.Contains(text, StringComparison.Ordinal))?.Trim();

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _lastLines.Enqueue(line);
        while (_lastLines.Count > KeptLines && _lastLines.TryDequeue(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or refuses to die: nothing more a test or benchmark should do.
        }
        _process.Dispose();
    }
}
