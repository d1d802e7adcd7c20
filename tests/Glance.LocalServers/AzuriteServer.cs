namespace Glance.LocalServers;

/// <summary>
/// An Azurite of our own on free loopback ports, persisting to a folder of ours (its in-memory mode leaks, and
/// holds every blob in the heap); disposing stops it and deletes the folder.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // Azurite's well-known development account key (public, documented by Microsoft).
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ChildProcess _process;
    private readonly string _folder;
    private readonly int _queuePort;
    private readonly int _tablePort;

    private AzuriteServer(ChildProcess process, string folder, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _folder = folder;
        BlobPort = blobPort;
        _queuePort = queuePort;
        _tablePort = tablePort;
    }

    public int BlobPort { get; }
    public string ConnectionString => ConnectionStringWithBlobPort(BlobPort);

    /// <summary>The connection string with blob requests sent to another port (a counting proxy in front of Azurite).</summary>
    public string ConnectionStringWithBlobPort(int blobPort) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{_queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{_tablePort}/devstoreaccount1;";
    public int ProcessId => _process.Id;

    /// <param name="inMemory">
    /// Keep everything in memory: for table-only work, where persisting means re-serialising the whole table database
    /// on Azurite's single thread every few seconds.
    /// </param>
    public static async Task<AzuriteServer> StartAsync(RepositoryLayout repo, string folder, CancellationToken cancellationToken, bool inMemory = false)
    {
        Directory.CreateDirectory(folder);
        var (blob, queue, table) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var process = ChildProcess.Start("Azurite", "node",
        [
            repo.AzuriteScript, "--skipApiVersionCheck", "--disableTelemetry", "--silent", .. (inMemory ? ["--inMemoryPersistence"] : new[] { "--location", folder }),
            "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(), "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
        ]);
        var server = new AzuriteServer(process, folder, blob, queue, table);
        try
        {
            foreach (var port in new[] { blob, queue, table })
            {
                await process.WaitForPortAsync(port, TimeSpan.FromSeconds(60), cancellationToken);
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"warning: could not delete {_folder}: {e.Message}");
        }
    }
}
