using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Glance.Integration.Tests.Faults;
using Glance.Integration.Tests.Infrastructure;
using Glance.LocalServers;
using Xunit.Abstractions;

namespace Glance.Integration.Tests.Stores;

/// <summary>
/// copy-image (and a location import) over Azurite with two stores, the service reaching Blob Storage through a
/// counting proxy: what a copy moves through the service, and reads once a store's container is gone.
/// </summary>
public sealed class CopyImageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Size = 256 * 1024 * 1024;
    private const long Slack = 1024 * 1024;

    private AzuriteProcess _azurite = null!;
    private FaultProxy _blobs = null!;
    private LocalHostInstance _host = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        _blobs = new FaultProxy(_azurite.BlobPort);
        _host = await LocalHostInstance.StartAsync(_azurite, "trusted", Settings);
    }

    private Dictionary<string, string?> Settings
    {
        get
        {
            var storage = _azurite.ConnectionStringThrough(_blobs.Port, _azurite.TablePort);
            return new Dictionary<string, string?>
            {
                ["GlanceStorage"] = storage,
                ["AzureWebJobsStorage"] = storage,
                ["Glance:Stores:Default"] = "fast",
                ["Glance:Stores:cheap:Container"] = "cheap-images",
                ["Glance:Stores:cheap:AccessTier"] = "Cool",
                ["Glance:Stores:fast:Container"] = "fast-images",
                ["Glance:LocalHost:BlobPolling:Interval"] = "00:00:00.200",
                ["Glance:LocalHost:QueuePolling:Interval"] = "00:00:00.200",
            };
        }
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _blobs.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task CopyImage_256MiB_WritesNoByteThroughTheServiceAndReadsTheCopyOnceToVerifyIt()
    {
        using var admin = Client("admins", "admin,member,reader");
        var bytes = RandomNumberGenerator.GetBytes(Size);
        var id = await admin.CreateRawImageAsync("large");
        var issued = await (await admin.PostAsync($"/v2/images/{id}/upload-url", null)).JsonAsync();
        await new BlobClient(new Uri(issued.GetProperty("url").GetString()!)).UploadAsync(new BinaryData(bytes));
        await WaitAsync(admin, id, image => image.GetProperty("status").GetString() == "active");
        var (read, written) = (_blobs.BytesFromTarget, _blobs.BytesToTarget);
        var clock = Stopwatch.StartNew();

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostJsonAsync($"/v2/images/{id}/import", """{"method":{"name":"copy-image"},"stores":["cheap"]}""")).StatusCode);
        var image = await WaitAsync(admin, id, i => !i.TryGetProperty("os_glance_import_task", out _));

        var (copyRead, copyWritten) = (_blobs.BytesFromTarget - read, _blobs.BytesToTarget - written);
        output.WriteLine($"copy-image of {Size >> 20} MiB: {clock.Elapsed.TotalSeconds:0.0} s; service read {copyRead} bytes, wrote {copyWritten} bytes");
        Assert.Equal("fast,cheap", image.GetProperty("stores").GetString());
        Assert.Equal("active", image.GetProperty("status").GetString());
        Assert.True(copyWritten < Slack, $"the service wrote {copyWritten} bytes to Blob Storage during the copy");
        // The verification reads the copy once (its MD5 and multihash); nothing else of the image passes.
        Assert.InRange(copyRead, Size, Size + Slack);
        Assert.Equal(bytes, await _azurite.Blob("cheap-images", id).DownloadContentAsync().ContinueWith(t => t.Result.Value.Content.ToArray()));
    }

    [Fact]
    public async Task LocationImport_256MiB_WritesNoByteThroughTheServiceAndReadsTheCopyOnceToVerifyIt()
    {
        using var owner = Client("owners", "member,reader");
        var bytes = RandomNumberGenerator.GetBytes(Size);
        var source = await owner.CreateRawImageAsync("large-source");
        var issued = await (await owner.PostAsync($"/v2/images/{source}/upload-url", null)).JsonAsync();
        await new BlobClient(new Uri(issued.GetProperty("url").GetString()!)).UploadAsync(new BinaryData(bytes));
        await WaitAsync(owner, source, image => image.GetProperty("status").GetString() == "active");
        var target = await owner.CreateRawImageAsync("large-clone");
        // The URL the service gives out: its stores' endpoint is the proxy's, not Azurite's own.
        using var nova = Client("owners", "service");
        var url = (await (await nova.GetAsync($"/v2/images/{source}/locations")).JsonAsync())[0].GetProperty("url").GetString()!;
        var (read, written) = (_blobs.BytesFromTarget, _blobs.BytesToTarget);
        var clock = Stopwatch.StartNew();

        Assert.Equal(HttpStatusCode.Accepted, (await owner.PostJsonAsync($"/v2/images/{target}/locations", $$"""{"url":"{{url}}"}""")).StatusCode);
        var image = await WaitAsync(owner, target, i => i.GetProperty("status").GetString() != "importing" && i.GetProperty("status").GetString() != "queued");

        var (cloneRead, cloneWritten) = (_blobs.BytesFromTarget - read, _blobs.BytesToTarget - written);
        output.WriteLine($"location import of {Size >> 20} MiB: {clock.Elapsed.TotalSeconds:0.0} s; service read {cloneRead} bytes, wrote {cloneWritten} bytes");
        Assert.Equal(("active", "fast"), (image.GetProperty("status").GetString(), image.GetProperty("stores").GetString()));
        Assert.True(cloneWritten < Slack, $"the service wrote {cloneWritten} bytes to Blob Storage during the location import");
        Assert.InRange(cloneRead, Size, Size + Slack);
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(bytes)), image.GetProperty("os_hash_value").GetString());
    }

    [Fact]
    public async Task Reads_AfterOneStoresContainerIsDeleted_ComeFromTheOtherStore()
    {
        using var admin = Client("admins", "admin,member,reader");
        var bytes = RandomNumberGenerator.GetBytes(100_000);
        var id = await admin.CreateRawImageAsync("survivor");
        var put = new HttpRequestMessage(HttpMethod.Put, $"/v2/images/{id}/file") { Content = new ByteArrayContent(bytes) };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(put)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostJsonAsync($"/v2/images/{id}/import", """{"method":{"name":"copy-image"},"all_stores":true}""")).StatusCode);
        var image = await WaitAsync(admin, id, i => !i.TryGetProperty("os_glance_import_task", out _));
        Assert.Equal("fast,cheap", image.GetProperty("stores").GetString());

        await _azurite.Blob("fast-images", id).GetParentBlobContainerClient().DeleteAsync();

        Assert.Equal(bytes, await admin.GetByteArrayAsync($"/v2/images/{id}/file"));
        var url = (await (await admin.PostAsync($"/v2/images/{id}/download-url", null)).JsonAsync()).GetProperty("url").GetString();
        using var raw = new HttpClient();
        Assert.Equal(bytes, await raw.GetByteArrayAsync(url));
    }

    [Fact]
    public async Task GlanceClient_CopyImageStoresInfoAndStoresDelete_Work()
    {
        await using var noAuth = await LocalHostInstance.StartAsync(_azurite, "noauth", Settings);
        Task<CommandLine.Result> Glance(params string[] arguments) =>
            CommandLine.RunAsync("glance", ["--os-image-url", noAuth.BaseUrl, "--os-auth-token", "x", .. arguments]);
        using var admin = Client("admins", "admin,member,reader");
        var id = await admin.CreateRawImageAsync("cli");
        var put = new HttpRequestMessage(HttpMethod.Put, $"/v2/images/{id}/file") { Content = new ByteArrayContent(new byte[4096]) };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(put)).StatusCode);

        var info = Succeeded(await Glance("stores-info"));
        Assert.Contains("cheap", info, StringComparison.Ordinal);
        Assert.Contains("fast", info, StringComparison.Ordinal);
        // fast holds the image already: Glance's 400, which the client reports.
        var both = await Glance("image-import", "--import-method", "copy-image", "--stores", "cheap,fast", id);
        Assert.NotEqual(0, both.ExitCode);
        Assert.Contains("HTTP 400 Bad Request: Image is already present at store", both.Output, StringComparison.Ordinal);
        Succeeded(await Glance("image-import", "--import-method", "copy-image", "--stores", "cheap", "--allow-failure", "False", id));
        var image = await WaitAsync(admin, id, i => !i.TryGetProperty("os_glance_import_task", out _));
        Assert.Equal("fast,cheap", image.GetProperty("stores").GetString());
        Succeeded(await Glance("stores-delete", "--store", "fast", id));
        image = await (await admin.GetAsync($"/v2/images/{id}")).JsonAsync();
        Assert.Equal("cheap", image.GetProperty("stores").GetString());
    }

    private static string Succeeded(CommandLine.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Output);
        return result.Output;
    }

    private HttpClient Client(string project, string roles)
    {
        var client = new HttpClient { BaseAddress = new Uri(_host.BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Add("X-Identity-Status", "Confirmed");
        client.DefaultRequestHeaders.Add("X-Project-Id", project);
        client.DefaultRequestHeaders.Add("X-User-Id", "u-" + project);
        client.DefaultRequestHeaders.Add("X-Roles", roles);
        return client;
    }

    private static async Task<System.Text.Json.JsonElement> WaitAsync(HttpClient client, string id, Func<System.Text.Json.JsonElement, bool> done)
    {
        System.Text.Json.JsonElement image = default;
        await Poll.UntilAsync(async () =>
        {
            image = await (await client.GetAsync($"/v2/images/{id}")).JsonAsync();
            return done(image);
        }, TimeSpan.FromMinutes(3), () => $"image {id} did not get there: {image}");
        return image;
    }
}
