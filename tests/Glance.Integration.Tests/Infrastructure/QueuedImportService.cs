namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// A trusted-mode local host over an Azurite of its own, allowed to web-download from a trickling loopback server,
/// with a short idle-read timeout. Its own Azurite, because every host reading an Azurite's import queue runs the
/// imports queued there, and the shared hosts do not allow this server's port.
/// </summary>
public sealed class QueuedImportService : IAsyncLifetime
{
    /// <summary>The host's Glance:Import:WebDownload:IdleReadTimeout.</summary>
    public static readonly TimeSpan IdleReadTimeout = TimeSpan.FromSeconds(2);

    public AzuriteProcess Azurite { get; private set; } = null!;
    public TricklingFileServer Files { get; private set; } = null!;
    public LocalHostInstance Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync();
        Files = await TricklingFileServer.StartAsync();
        Host = await LocalHostInstance.StartAsync(Azurite, "trusted", new Dictionary<string, string?>
        {
            ["Glance:Import:WebDownload:AllowNonPublicAddresses"] = "true",
            ["Glance:Import:WebDownload:AllowedPorts:0"] = Files.Port.ToString(),
            ["Glance:Import:WebDownload:IdleReadTimeout"] = IdleReadTimeout.ToString(),
            ["Glance:LocalHost:QueuePolling:Interval"] = "00:00:00.100",
            ["Glance:LocalHost:BlobPolling:Interval"] = "00:00:00.200",
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Files.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    public HttpClient Client(string project = "queued")
    {
        var client = Host.Client(project);
        client.Timeout = TimeSpan.FromSeconds(60);
        return client;
    }

    /// <summary>A client of the Azurite queue service that encodes messages as the app and the Functions host do.</summary>
    public Azure.Storage.Queues.QueueServiceClient Queues() =>
        new(Azurite.ConnectionString, new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 });
}
