using System.Diagnostics;
using System.Reflection;
using Glance.LocalServers;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// The local host as a child process (the build's Glance.LocalHost.dll), so that a test can kill it outright
/// (SIGKILL: no shutdown, no finally blocks, no flush) and start it again on the same port with the same settings.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly OutputTail _output = new(capacity: 60);
    private Process? _process;

    private LocalHostProcess(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        Port = FreePort.Next();
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public static Task<LocalHostProcess> StartAsync(IReadOnlyDictionary<string, string?> settings) =>
        StartOrDispose.RunAsync(new LocalHostProcess(settings), host => host.LaunchAsync());

    /// <summary>SIGKILL, as when the machine or the worker dies.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("The local host is not running.");
        process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
        _process = null;
    }

    public Task RestartAsync() => _process is null ? LaunchAsync() : throw new InvalidOperationException("The local host is still running.");

    /// <summary>The last lines the host printed, for failure messages.</summary>
    public string Tail() => _output.ToString();

    private async Task LaunchAsync()
    {
        var dll = LocalHostDll();
        var start = new ProcessStartInfo("dotnet")
        {
            // Its content root, as under `dotnet run`, so its appsettings.json applies.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A developer's own local.settings.json must not leak into the tests.
        foreach (var argument in new[] { dll, "--urls", BaseUrl, "--LocalSettings", "/nonexistent/local.settings.json", "--Logging:LogLevel:Default", "Warning" })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in _settings)
        {
            start.ArgumentList.Add("--" + key);
            start.ArgumentList.Add(value ?? "");
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        _output.Follow(process);
        _process = process;
        await WaitUntilServingAsync(process, TimeSpan.FromSeconds(60));
    }

    private async Task WaitUntilServingAsync(Process process, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The local host exited with code {process.ExitCode}:{Environment.NewLine}{Tail()}");
            }
            try
            {
                using var response = await http.GetAsync("/versions");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The local host did not serve within {timeout.TotalSeconds:0} s:{Environment.NewLine}{Tail()}");
            }
            await Task.Delay(100);
        }
    }

    internal static string LocalHostDll()
    {
        var configuration = typeof(LocalHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dll = Path.Combine(RepositoryRoot.Path, "src", "Glance.LocalHost", "bin", configuration, "net10.0", "Glance.LocalHost.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build src/Glance.LocalHost -c {configuration}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
            process.Dispose();
            _process = null;
        }
    }
}
