using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Glance.Upload.Tests;

/// <summary>glance-upload as its own process, as a user runs it: its output collected, its exit code kept.</summary>
public sealed class ToolProcess : IDisposable
{
    private static readonly string Dll = typeof(ToolProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "GlanceUploadDll").Value!;
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private readonly bool _terminal;
    private Task _pumps = Task.CompletedTask;

    private ToolProcess(Process process, bool terminal) => (_process, _terminal) = (process, terminal);

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the tool with OS_IMAGE_URL set to <paramref name="endpoint"/> (how a user points it at a service).</summary>
    public static ToolProcess Start(string endpoint, IEnumerable<string> arguments) => Start(endpoint, ["dotnet", Dll, .. arguments], terminal: false);

    /// <summary>Starts the tool under a pseudo-terminal (`script`, from util-linux), as at a user's terminal.</summary>
    public static ToolProcess StartOnTerminal(string endpoint, IEnumerable<string> arguments) =>
        Start(endpoint, ["script", "-qec", string.Join(' ', new[] { "dotnet", Dll }.Concat(arguments).Select(Quote)), "/dev/null"], terminal: true);

    private static ToolProcess Start(string endpoint, IReadOnlyList<string> command, bool terminal)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            Environment = { ["OS_IMAGE_URL"] = endpoint, ["OS_AUTH_TOKEN"] = null },
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        var tool = new ToolProcess(Process.Start(start)!, terminal);
        tool._process.StandardInput.Close();
        // Read as it comes, not by lines: line readers take a lone \r, which redraws the progress bar, for a line end.
        tool._pumps = Task.WhenAll(tool.PumpAsync(tool._process.StandardOutput), tool.PumpAsync(tool._process.StandardError));
        return tool;
    }

    /// <summary>Waits for the exit (at most two minutes) and returns the exit code.</summary>
    public async Task<int> WaitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await _process.WaitForExitAsync(timeout.Token);
        await _pumps.WaitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public void Kill() => _process.Kill(entireProcessTree: _terminal);

    /// <summary>SIGINT, what Ctrl-C sends (Process.Kill only sends SIGKILL).</summary>
    public void Interrupt()
    {
        if (kill(_process.Id, 2) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGINT) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        _process.Dispose();
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private async Task PumpAsync(StreamReader reader)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (_output)
            {
                _output.Append(buffer, 0, read);
            }
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
