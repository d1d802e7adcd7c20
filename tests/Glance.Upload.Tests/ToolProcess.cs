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

    private ToolProcess(Process process) => _process = process;

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
    public static ToolProcess Start(string endpoint, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            Environment = { ["OS_IMAGE_URL"] = endpoint, ["OS_AUTH_TOKEN"] = null },
        };
        start.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var tool = new ToolProcess(Process.Start(start)!);
        tool._process.OutputDataReceived += (_, e) => tool.Keep(e.Data);
        tool._process.ErrorDataReceived += (_, e) => tool.Keep(e.Data);
        tool._process.BeginOutputReadLine();
        tool._process.BeginErrorReadLine();
        tool._process.StandardInput.Close();
        return tool;
    }

    /// <summary>Waits for the exit (at most two minutes) and returns the exit code.</summary>
    public async Task<int> WaitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // Drains the redirected output to the end.
        return _process.ExitCode;
    }

    public void Kill() => _process.Kill();

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

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
