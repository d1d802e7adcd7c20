using System.Diagnostics;
using System.Net.Sockets;
using Glance.LocalServers;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// A real Azurite (the npm package pinned in the repository) on free loopback ports with its own data folder,
/// started for the tests and stopped after them. Fault tests stop it mid-operation and start it again on the same
/// ports over the same folder; <see cref="AzuriteHttpsOAuth"/> starts one with options of its own. Fails loudly when
/// `npm ci` has not been run.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    // Printed by Azurite once a service has closed its servers and saved its database.
    private static readonly string[] ClosedLines =
        ["Azurite Blob service successfully closed", "Azurite Queue service successfully closed", "Azurite Table service successfully closed"];

    private readonly string _dataFolder;
    private readonly OutputTail _output = new(capacity: 50);
    private Process? _process;

    private AzuriteProcess(string dataFolder, int blobPort, int queuePort, int tablePort)
    {
        _dataFolder = dataFolder;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Added to Azurite's command line at every start (HTTPS, OAuth).</summary>
    private IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>What failure messages call it: the options tell an HTTPS Azurite from a plain one.</summary>
    private string Description => Options.Count == 0 ? "Azurite" : $"Azurite ({string.Join(' ', Options)})";

    public string ConnectionString => ConnectionStringThrough(BlobPort, TablePort);

    /// <summary>A blob of the service's: <c>images</c> holds the served bytes, <c>uploads</c> what upload URLs wrote.</summary>
    public Azure.Storage.Blobs.BlobClient Blob(string container, string name) =>
        new Azure.Storage.Blobs.BlobServiceClient(ConnectionString).GetBlobContainerClient(container).GetBlobClient(name);

    /// <summary>The connection string with blob and table requests sent to other ports (proxies in front of Azurite).</summary>
    public string ConnectionStringThrough(int blobPort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    public static Task<AzuriteProcess> StartAsync() => StartAsync([]);

    /// <summary>Starts Azurite with <paramref name="options"/> added to its command line (HTTPS, OAuth).</summary>
    public static Task<AzuriteProcess> StartAsync(IReadOnlyList<string> options)
    {
        var dataFolder = Directory.CreateTempSubdirectory("glance-azurite-").FullName;
        var azurite = new AzuriteProcess(dataFolder, FreePort.Next(), FreePort.Next(), FreePort.Next()) { Options = options };
        return StartOrDispose.RunAsync(azurite, started => started.LaunchAsync());
    }

    /// <summary>
    /// Stops Azurite as a crash of the storage service looks to its clients: every open connection is cut and new
    /// ones are refused. It first asks Azurite to close (SIGTERM: stop accepting, save its databases), then kills it
    /// (SIGKILL), which resets the connections still open (a request in flight, a body half sent). A bare SIGKILL
    /// would also lose what Azurite acknowledged in the last five seconds (it saves its databases every 5 s), which
    /// Azure Storage never does: tests would then prove things about Azurite's memory, not about the service.
    /// </summary>
    public async Task StopAsync()
    {
        var process = _process ?? throw new InvalidOperationException("Azurite is not running.");
        _output.Clear();
        Signals.Send(process.Id, Signals.Term);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!process.HasExited && !ClosedLines.All(line => _output.Contains(line)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
        process.Dispose();
        _process = null;
    }

    /// <summary>Starts Azurite again on the same ports over the same data folder.</summary>
    public async Task RestartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("Azurite is still running.");
        }
        await LaunchAsync();
    }

    private async Task LaunchAsync()
    {
        var script = System.IO.Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing): run `npm ci` in {RepositoryRoot.Path}.");
        }
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                script, "--skipApiVersionCheck", "--disableTelemetry", "--silent", "--location", _dataFolder,
                "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var option in Options)
        {
            start.ArgumentList.Add(option);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        _output.Follow(process);
        _process = process;
        await WaitForPortsAsync(process);
    }

    private async Task WaitForPortsAsync(Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException(
                        $"{Description} exited with code {process.ExitCode} before listening:{Environment.NewLine}{_output}");
                }
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync("127.0.0.1", port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
