using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Glance.LocalHost;
using Glance.LocalServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Upload.Tests;

/// <summary>
/// Azurite and the local host in noauth mode on loopback ports, and a work folder for the test files and the
/// tool's journals; shared by the tests of a collection.
/// </summary>
public sealed class UploadService : IAsyncLifetime
{
    private AzuriteServer _azurite = null!;
    private WebApplication _host = null!;
    private WebApplication _shortUrlHost = null!;
    private FaultProxy _slowBlobs = null!;

    /// <summary>
    /// The upload URL lifetime of <see cref="ShortUrlBaseUrl"/>'s host. A SAS expiry has whole seconds, so a URL lives
    /// 2-3 s: never expired on arrival, always before a 128 MiB upload ends, because that host's URLs name a proxy that
    /// passes requests to storage at <see cref="ShortUrlUploadBytesPerSecond"/> (however fast the machine).
    /// </summary>
    public static readonly TimeSpan ShortUrlLifetime = TimeSpan.FromSeconds(3);

    /// <summary>128 MiB at this rate takes more than 5 s.</summary>
    public const long ShortUrlUploadBytesPerSecond = 24L * 1024 * 1024;

    public WorkFolder Work { get; } = new();
    public string BaseUrl { get; private set; } = "";
    public string ShortUrlBaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var repo = RepositoryLayout.Locate(null, needsLocalHostBuild: false);
        _azurite = await AzuriteServer.StartAsync(repo, Work.Child("azurite"), CancellationToken.None);
        (_host, BaseUrl) = await StartHostAsync(_azurite, []);
        _slowBlobs = new FaultProxy(_azurite.BlobPort) { RequestBytesPerSecond = ShortUrlUploadBytesPerSecond };
        (_shortUrlHost, ShortUrlBaseUrl) = await StartHostAsync(_azurite,
        [
            new("Glance:Data:UploadUrlLifetime", ShortUrlLifetime.ToString()),
            new("GlanceStorage", _azurite.ConnectionStringWithBlobPort(_slowBlobs.Port)),
        ]);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { _host, _shortUrlHost })
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }
        await _slowBlobs.DisposeAsync();
        await _azurite.DisposeAsync();
        Work.Dispose();
    }

    /// <summary>GET /v2/images/{id} as noauth's admin (no identity headers).</summary>
    public async Task<JsonElement> ShowAsync(string imageId)
    {
        using var http = new HttpClient();
        return await http.GetFromJsonAsync<JsonElement>($"{BaseUrl}/v2/images/{imageId}");
    }

    /// <summary>The image's blob in the upload area, with the account key, which may read what an upload URL may not.</summary>
    public BlockBlobClient UploadBlob(string imageId) =>
        new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient(Glance.Storage.StorageOptions.UploadsContainer).GetBlockBlobClient(imageId);

    public Task<string> CreateFileAsync(string name, long size) => Work.CreateRandomFileAsync(name, size, CancellationToken.None);

    /// <summary>Starts glance-upload pointed at the service (through OS_IMAGE_URL).</summary>
    public ToolProcess StartTool(params string[] arguments) => ToolProcess.Start(BaseUrl, arguments);

    private static async Task<(WebApplication Host, string BaseUrl)> StartHostAsync(AzuriteServer azurite, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["GlanceStorage"] = azurite.ConnectionString,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Glance:Auth:Mode"] = "noauth",
            ["Glance:LocalHost:BlobPolling:Interval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            overrides[key] = value;
        }
        // A developer's own local.settings.json must not leak into the tests.
        var host = GlanceLocalHost.Build(["--LocalSettings", "/nonexistent/local.settings.json"], overrides);
        await host.StartAsync();
        return (host, host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/'));
    }
}

[CollectionDefinition(Name)]
public sealed class UploadServiceCollection : ICollectionFixture<UploadService>
{
    public const string Name = "upload service";
}
