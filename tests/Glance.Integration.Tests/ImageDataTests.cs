using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Glance.Integration.Tests.Infrastructure;
using Glance.LocalServers;

namespace Glance.Integration.Tests;

/// <summary>Image bytes through every path, against the local host, Azurite and real qemu-img images.</summary>
[Collection(GlanceServiceCollection.Name)]
public sealed partial class ImageDataTests(GlanceService service)
{
    private static async Task<string> CreateAsync(HttpClient client, string diskFormat = "qcow2", string containerFormat = "bare") =>
        (await client.CreateImageAsync($$"""{"disk_format":"{{diskFormat}}","container_format":"{{containerFormat}}"}""")).GetProperty("id").GetString()!;

    private static Task<HttpResponseMessage> PutFileAsync(HttpClient client, string id, byte[] bytes, string path = "file", string contentType = "application/octet-stream")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return client.PutAsync($"/v2/images/{id}/{path}", content);
    }

    private static async Task<JsonElement> ShowAsync(HttpClient client, string id) => await (await client.GetAsync($"/v2/images/{id}")).JsonAsync();

    private static async Task<JsonElement> WaitForStatusAsync(HttpClient client, string id, params string[] statuses)
    {
        for (var i = 0; i < 150; i++)
        {
            var image = await ShowAsync(client, id);
            if (statuses.Contains(image.GetProperty("status").GetString()))
            {
                return image;
            }
            await Task.Delay(100);
        }
        return await ShowAsync(client, id);
    }

    private static void AssertActiveWith(JsonElement image, byte[] bytes, long virtualSize)
    {
        Assert.Equal("active", image.GetProperty("status").GetString());
        Assert.Equal(bytes.Length, image.GetProperty("size").GetInt64());
        Assert.Equal(virtualSize, image.GetProperty("virtual_size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(bytes)), image.GetProperty("checksum").GetString());
        Assert.Equal("sha512", image.GetProperty("os_hash_algo").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(bytes)), image.GetProperty("os_hash_value").GetString());
    }

    [Fact]
    public async Task PutFile_RealQcow2_ActivatesAndDownloadsByteForByte()
    {
        using var client = service.Client("data");
        var id = await CreateAsync(client);

        var upload = await PutFileAsync(client, id, DiskImages.Qcow2);

        Assert.Equal(HttpStatusCode.NoContent, upload.StatusCode);
        AssertActiveWith(await ShowAsync(client, id), DiskImages.Qcow2, 64L * 1024 * 1024);
        var download = await client.GetAsync($"/v2/images/{id}/file");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(DiskImages.Qcow2)), download.Content.Headers.GetValues("Content-MD5").Single());
        Assert.Equal(DiskImages.Qcow2, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetFile_Ranges_AreServedAsGlanceDoes()
    {
        using var client = service.Client("ranges");
        var bytes = RandomNumberGenerator.GetBytes(10_000);
        var id = await CreateAsync(client, "raw");
        Assert.Equal(HttpStatusCode.NoContent, (await PutFileAsync(client, id, bytes)).StatusCode);

        async Task<HttpResponseMessage> Get(string range)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/images/{id}/file");
            request.Headers.TryAddWithoutValidation("Range", range);
            return await client.SendAsync(request);
        }

        var middle = await Get("bytes=100-199");
        Assert.Equal(HttpStatusCode.PartialContent, middle.StatusCode);
        Assert.Equal("bytes 100-199/10000", middle.Content.Headers.GetValues("Content-Range").Single());
        Assert.Equal(bytes[100..200], await middle.Content.ReadAsByteArrayAsync());
        var suffix = await Get("bytes=-10");
        Assert.Equal(bytes[^10..], await suffix.Content.ReadAsByteArrayAsync());
        var open = await Get("bytes=9990-");
        Assert.Equal(bytes[9990..], await open.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, (await Get("bytes=10000-")).StatusCode);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, (await Get("pages=1-2")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Get("bytes=0-1,5-6")).StatusCode);
    }

    [Fact]
    public async Task GetFile_QueuedImage_Is204()
    {
        using var client = service.Client("nodata");
        var id = await CreateAsync(client);

        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync($"/v2/images/{id}/file")).StatusCode);
    }

    public static TheoryData<string, string> Malicious() => new()
    {
        { "qcow2 with a backing file", "qcow2" },
        { "qcow2 with an external data file", "qcow2" },
        { "vmdk descriptor naming /etc/passwd", "vmdk" },
        { "qcow2 declared as raw", "raw" },
    };

    private static byte[] MaliciousBytes(string name) => name switch
    {
        "qcow2 with a backing file" => DiskImages.Qcow2WithBackingFile(),
        "qcow2 with an external data file" => DiskImages.Qcow2WithExternalDataFile(),
        "vmdk descriptor naming /etc/passwd" => DiskImages.VmdkDescriptorNamingHostFile(),
        _ => DiskImages.Qcow2,
    };

    [Theory]
    [MemberData(nameof(Malicious))]
    public async Task PutFile_MaliciousOrMismatchedContent_Is415AndImageReturnsToQueuedWithoutBytes(string name, string diskFormat)
    {
        using var client = service.Client("evil");
        var id = await CreateAsync(client, diskFormat);

        var upload = await PutFileAsync(client, id, MaliciousBytes(name));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, upload.StatusCode);
        var image = await ShowAsync(client, id);
        Assert.Equal("queued", image.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, image.GetProperty("size").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync($"/v2/images/{id}/file")).StatusCode);
        Assert.False(await service.ImageBlob(id).ExistsAsync());
        // As in Glance, the user may simply try again with good data.
        var retry = await PutFileAsync(client, id, diskFormat == "raw" ? [1, 2, 3] : DiskImages.Qcow2);
        Assert.Equal(diskFormat == "vmdk" ? HttpStatusCode.UnsupportedMediaType : HttpStatusCode.NoContent, retry.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Malicious))]
    public async Task UploadUrl_MaliciousContent_NeverActivatesAndTheTaskSaysWhy(string name, string diskFormat)
    {
        using var client = service.Client("evil-sas");
        var id = await CreateAsync(client, diskFormat);
        var url = await UploadUrlAsync(client, id);

        await new BlobClient(url).UploadAsync(new BinaryData(MaliciousBytes(name)));

        var image = await WaitForStatusAsync(client, id, "queued", "active");
        Assert.Equal("queued", image.GetProperty("status").GetString());
        var tasks = (await (await client.GetAsync($"/v2/images/{id}/tasks")).JsonAsync()).GetProperty("tasks");
        var task = Assert.Single(tasks.EnumerateArray());
        Assert.Equal("failure", task.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(task.GetProperty("message").GetString()));
        Assert.False(await service.ImageBlob(id).ExistsAsync());
    }

    [Fact]
    public async Task PutFile_WrongStateContentTypeAndSize_FailAsGlance()
    {
        using var client = service.Client("data-errors");
        var id = await CreateAsync(client, "raw");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PutFileAsync(client, id, [1], contentType: "application/json")).StatusCode);
        var mismatch = new HttpRequestMessage(HttpMethod.Put, $"/v2/images/{id}/file") { Content = new ByteArrayContent([1, 2, 3]) };
        mismatch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        mismatch.Headers.Add("x-openstack-image-size", "4");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(mismatch)).StatusCode);
        Assert.Equal("queued", (await ShowAsync(client, id)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await PutFileAsync(client, id, [1, 2, 3])).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PutFileAsync(client, id, [1, 2, 3])).StatusCode);
        var noFormats = (await client.CreateImageAsync()).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.BadRequest, (await PutFileAsync(client, noFormats, [1])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PutFileAsync(client, Guid.NewGuid().ToString(), [1])).StatusCode);
    }

    [Fact]
    public async Task PutFile_OverTheSizeCap_Is413AndImageReturnsToQueued()
    {
        using var client = service.Client("cap");
        var id = await CreateAsync(client, "raw");

        var upload = await PutFileAsync(client, id, new byte[GlanceService.SizeCap + 1]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, upload.StatusCode);
        Assert.Equal("queued", (await ShowAsync(client, id)).GetProperty("status").GetString());
        Assert.False(await service.ImageBlob(id).ExistsAsync());
    }

    [Fact]
    public async Task UploadUrl_SinglePut_ReachesActiveWithNoFurtherCall()
    {
        using var client = service.Client("sas");
        var id = await CreateAsync(client);
        var issued = await (await client.PostAsync($"/v2/images/{id}/upload-url", null)).JsonAsync();
        Assert.Equal("BlockBlob", issued.GetProperty("headers").GetProperty("x-ms-blob-type").GetString());
        Assert.Equal("uploading", (await ShowAsync(client, id)).GetProperty("status").GetString());

        using var raw = new HttpClient();
        var put = new HttpRequestMessage(HttpMethod.Put, issued.GetProperty("url").GetString()) { Content = new ByteArrayContent(DiskImages.Qcow2) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        Assert.Equal(HttpStatusCode.Created, (await raw.SendAsync(put)).StatusCode);

        AssertActiveWith(await WaitForStatusAsync(client, id, "active", "queued"), DiskImages.Qcow2, 64L * 1024 * 1024);
    }

    [Fact]
    public async Task UploadUrl_StagedBlocks_ReachActiveAndServedBytesCannotChange()
    {
        using var client = service.Client("sas-blocks");
        var bytes = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        var id = await CreateAsync(client, "raw");
        var url = await UploadUrlAsync(client, id, $$"""{"size":{{bytes.Length}},"checksum":"{{Convert.ToHexStringLower(MD5.HashData(bytes))}}"}""");
        var blocks = new BlockBlobClient(url);
        var ids = new List<string>();
        for (var offset = 0; offset < bytes.Length; offset += 1024 * 1024)
        {
            var blockId = Convert.ToBase64String(BitConverter.GetBytes(offset));
            await blocks.StageBlockAsync(blockId, new MemoryStream(bytes, offset, Math.Min(1024 * 1024, bytes.Length - offset)));
            ids.Add(blockId);
        }
        await blocks.CommitBlockListAsync(ids);

        AssertActiveWith(await WaitForStatusAsync(client, id, "active", "queued"), bytes, bytes.Length);
        // The URL still writes its upload area, which is never served: the image and its bytes stay as validated.
        await new BlobClient(url).UploadAsync(new BinaryData([9, 9]), overwrite: true);
        AssertActiveWith(await (await client.GetAsync($"/v2/images/{id}")).JsonAsync(), bytes, bytes.Length);
        Assert.Equal(bytes, await (await client.GetAsync($"/v2/images/{id}/file")).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task UploadUrl_GrantsOnlyCreateAndWriteOnOneBlob()
    {
        using var client = service.Client("sas-scope");
        var id = await CreateAsync(client, "raw");
        var url = await UploadUrlAsync(client, id);
        var blob = new BlobClient(url);

        var read = await Record.ExceptionAsync(() => blob.DownloadContentAsync());
        var delete = await Record.ExceptionAsync(() => blob.DeleteAsync());
        var otherBlob = new BlobClient(new Uri(url.ToString().Replace(id, Guid.NewGuid().ToString())));
        var other = await Record.ExceptionAsync(() => otherBlob.UploadAsync(new BinaryData([1])));

        Assert.Equal(403, Assert.IsType<Azure.RequestFailedException>(read).Status);
        Assert.Equal(403, Assert.IsType<Azure.RequestFailedException>(delete).Status);
        Assert.Equal(403, Assert.IsType<Azure.RequestFailedException>(other).Status);
    }

    [Fact]
    public async Task UploadUrl_DeclaredHashMismatch_IsRejected()
    {
        using var client = service.Client("sas-hash");
        var id = await CreateAsync(client, "raw");
        var url = await UploadUrlAsync(client, id, $$"""{"os_hash_value":"{{new string('a', 128)}}"}""");

        await new BlobClient(url).UploadAsync(new BinaryData(new byte[] { 1, 2, 3 }));

        Assert.Equal("queued", (await WaitForStatusAsync(client, id, "queued", "active")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task UploadUrl_WrongStateOrDeclaredSizeOverCap_FailsWithoutIssuing()
    {
        using var client = service.Client("sas-errors");
        var id = await CreateAsync(client, "raw");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge,
            (await client.PostJsonAsync($"/v2/images/{id}/upload-url", $$"""{"size":{{GlanceService.SizeCap + 1}}}""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostJsonAsync($"/v2/images/{id}/upload-url", """{"checksum":"xyz"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PutFileAsync(client, id, [1])).StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/v2/images/{id}/upload-url", null)).StatusCode);
        using var other = service.Client("sas-errors-other");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/v2/images/{id}/upload-url", null)).StatusCode);
    }

    [Fact]
    public async Task DownloadUrl_ReadsTheActiveImage()
    {
        using var client = service.Client("dl-url");
        var bytes = RandomNumberGenerator.GetBytes(5000);
        var id = await CreateAsync(client, "raw");
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/v2/images/{id}/download-url", null)).StatusCode);
        await PutFileAsync(client, id, bytes);

        var issued = await (await client.PostAsync($"/v2/images/{id}/download-url", null)).JsonAsync();
        using var raw = new HttpClient();

        Assert.Equal(bytes, await raw.GetByteArrayAsync(issued.GetProperty("url").GetString()));
    }

    [Fact]
    public async Task StageThenImportGlanceDirect_Activates()
    {
        using var client = service.Client("stage");
        var id = await CreateAsync(client);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostJsonAsync($"/v2/images/{id}/import", """{"method":{"name":"glance-direct"}}""")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await PutFileAsync(client, id, DiskImages.Qcow2, "stage")).StatusCode);
        Assert.Equal("uploading", (await ShowAsync(client, id)).GetProperty("status").GetString());
        var import = await client.PostJsonAsync($"/v2/images/{id}/import", """{"method":{"name":"glance-direct"}}""");

        Assert.Equal(HttpStatusCode.Accepted, import.StatusCode);
        AssertActiveWith(await ImportCompletion.WaitAsync(client, id), DiskImages.Qcow2, 64L * 1024 * 1024);
        var task = (await (await client.GetAsync($"/v2/images/{id}/tasks")).JsonAsync()).GetProperty("tasks")[0];
        Assert.Equal("success", task.GetProperty("status").GetString());
        Assert.Equal("api_image_import", task.GetProperty("type").GetString());
    }

    [Fact]
    public async Task WebDownload_FromAllowedServer_ActivatesAndFromDisallowedTarget_Is400()
    {
        using var client = service.Client("web");
        var id = await CreateAsync(client);
        var uri = service.Files.Publish("web.qcow2", DiskImages.Qcow2);

        var import = await client.PostJsonAsync($"/v2/images/{id}/import", $$$"""{"method":{"name":"web-download","uri":"{{{uri}}}"}}""");

        Assert.Equal(HttpStatusCode.Accepted, import.StatusCode);
        AssertActiveWith(await ImportCompletion.WaitAsync(client, id), DiskImages.Qcow2, 64L * 1024 * 1024);
        var other = await CreateAsync(client);
        foreach (var target in new[] { "http://169.254.169.254/latest/meta-data", $"http://127.0.0.1:{FreePort.Next()}/x", "file:///etc/passwd" })
        {
            var refused = await client.PostJsonAsync($"/v2/images/{other}/import", $$$"""{"method":{"name":"web-download","uri":"{{{target}}}"}}""");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        Assert.Equal("queued", (await ShowAsync(client, other)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task PutFile_LargerThanKestrelsDefaultBodyLimit_IsAccepted()
    {
        using var client = service.AnonymousClient(noAuth: true);
        var id = (await client.CreateImageAsync("""{"disk_format":"raw","container_format":"bare"}""")).GetProperty("id").GetString()!;
        var bytes = new byte[35 * 1024 * 1024];
        new Random(7).NextBytes(bytes);

        var upload = await PutFileAsync(client, id, bytes);

        Assert.Equal(HttpStatusCode.NoContent, upload.StatusCode);
        Assert.Equal(bytes.Length, (await ShowAsync(client, id)).GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task EmptyImage_DownloadsAsEmpty()
    {
        using var client = service.Client("empty");
        var id = await CreateAsync(client, "raw");
        Assert.Equal(HttpStatusCode.NoContent, (await PutFileAsync(client, id, [])).StatusCode);

        var download = await client.GetAsync($"/v2/images/{id}/file");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Empty(await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ImportWhileStaging_IsConflictUntilTheStageCompletes()
    {
        using var client = service.Client("stage-race");
        var id = await CreateAsync(client, "raw");
        var body = new SlowStream(new byte[2 * 1024 * 1024], TimeSpan.FromMilliseconds(1500));
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var stage = client.PutAsync($"/v2/images/{id}/stage", content);
        await body.Started.Task;

        var early = await client.PostJsonAsync($"/v2/images/{id}/import", """{"method":{"name":"glance-direct"}}""");

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await stage).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync($"/v2/images/{id}/import", """{"method":{"name":"glance-direct"}}""")).StatusCode);
        Assert.Equal(2 * 1024 * 1024, (await ImportCompletion.WaitAsync(client, id)).GetProperty("size").GetInt64());
    }

    /// <summary>A request body that pauses after its first bytes, so a test can act while an upload is in flight.</summary>
    private sealed class SlowStream(byte[] bytes, TimeSpan pause) : MemoryStream(bytes)
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position > 0 && !Started.Task.IsCompleted)
            {
                Started.TrySetResult();
                await Task.Delay(pause, cancellationToken);
            }
            return await base.ReadAsync(buffer[..Math.Min(buffer.Length, 64 * 1024)], cancellationToken);
        }
    }

    [Fact]
    public async Task InfoImport_ListsTheEnabledMethods()
    {
        using var client = service.Client();

        var info = await (await client.GetAsync("/v2/info/import")).JsonAsync();

        Assert.Equal(["glance-direct", "web-download"], info.GetProperty("import-methods").GetProperty("value").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task Delete_ActiveImage_DeletesItsBytes()
    {
        using var client = service.Client("del-data");
        var id = await CreateAsync(client, "raw");
        await PutFileAsync(client, id, [1, 2, 3]);
        Assert.True(await service.ImageBlob(id).ExistsAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v2/images/{id}")).StatusCode);

        Assert.False(await service.ImageBlob(id).ExistsAsync());
    }

    private static async Task<Uri> UploadUrlAsync(HttpClient client, string id, string? body = null)
    {
        var response = body is null ? await client.PostAsync($"/v2/images/{id}/upload-url", null) : await client.PostJsonAsync($"/v2/images/{id}/upload-url", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return new Uri((await response.JsonAsync()).GetProperty("url").GetString()!);
    }
}
