namespace Glance.LocalServers;

/// <summary>
/// The service as a separate process (the Release build of the local host, no-auth, over our Azurite), so its
/// memory and I/O can be read from /proc without the benchmark's own in the numbers.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private LocalHostProcess(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public int ProcessId => _process.Id;
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <param name="settings">More settings as command-line pairs (e.g. <c>--Glance:Auth:Mode trusted</c>); they win over the defaults here.</param>
    public static async Task<LocalHostProcess> StartAsync(
        RepositoryLayout repo, string storageConnectionString, CancellationToken cancellationToken, IEnumerable<string>? settings = null)
    {
        var port = FreePort.Next();
        var process = ChildProcess.Start("the local host", "dotnet",
        [
            repo.LocalHostDll, "--urls", $"http://127.0.0.1:{port}",
            // A developer's local.settings.json must not change what is measured.
            "--LocalSettings", "/nonexistent/local.settings.json",
            "--GlanceStorage", storageConnectionString, "--AzureWebJobsStorage", storageConnectionString,
            "--Glance:Auth:Mode", "noauth",
            .. settings ?? [],
        ],
        // Its content root, as under `dotnet run`: appsettings.json there sets the log levels (Information otherwise).
        workingDirectory: Path.GetDirectoryName(repo.LocalHostDll));
        var host = new LocalHostProcess(process, port);
        try
        {
            await host.WaitUntilServingAsync(TimeSpan.FromSeconds(90), cancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    public void EnsureRunning() => _process.EnsureRunning();

    public string Tail() => _process.Tail();

    /// <summary>The last exception the service logged (e.g. why it failed a request), if still in the kept output.</summary>
    public string? LastLoggedException() => _process.LastLineContaining("Exception:");

    private async Task WaitUntilServingAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _process.WaitForPortAsync(Port, timeout, cancellationToken);
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            _process.EnsureRunning();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/images");
                // Heard in noauth mode and in trusted mode alike (the admin role lists every project's images).
                request.Headers.Add("X-Identity-Status", "Confirmed");
                request.Headers.Add("X-Roles", "admin");
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"The local host did not serve GET /v2/images within {timeout.TotalSeconds:0} s.{Tail()}");
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
