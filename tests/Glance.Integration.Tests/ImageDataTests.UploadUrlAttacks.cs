using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests;

/// <summary>
/// What the holder of an upload URL can do with it (a write SAS also allows lease, snapshot, tier, header and
/// metadata operations, page blobs and blocks), before, during and after validation. Each ends with the same audit:
/// the image's bytes, read through GET /file and through a download URL, hash to its recorded checksum and
/// os_hash_value, and the served headers are the service's own.
/// </summary>
public sealed partial class ImageDataTests
{
    public static TheoryData<string> Attacks => ["break lease and overwrite", "snapshot", "set tier archive", "page blob", "hostile headers", "put block and commit"];

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task UploadUrl_AttackAfterActivation_ServedBytesStayAsValidated(string attack)
    {
        using var client = service.Client("attack-after");
        var bytes = RandomNumberGenerator.GetBytes(64 * 1024 + 3);
        var id = await CreateAsync(client, "raw");
        var url = await UploadUrlAsync(client, id);
        await new BlobClient(url).UploadAsync(new BinaryData(bytes));
        AssertActiveWith(await WaitForStatusAsync(client, id, "active", "queued"), bytes, bytes.Length);

        await AttackAsync(url, attack);

        await AuditAsync(client, id, bytes);
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task UploadUrl_AttackWhileUploading_ServedBytesAreTheCommittedUpload(string attack)
    {
        using var client = service.Client("attack-before");
        var bytes = RandomNumberGenerator.GetBytes(64 * 1024 + 5);
        var id = await CreateAsync(client, "raw");
        var url = await UploadUrlAsync(client, id);
        var blocks = new BlockBlobClient(url);
        // Block ids of one blob must all have one length; the attack uses a six-byte id too.
        var block = Convert.ToBase64String("honest"u8.ToArray());
        await blocks.StageBlockAsync(block, new MemoryStream(bytes));

        // Between staging and committing: the image is uploading, nothing is validated yet. The attack may leave the
        // honest commit nothing to commit (a page blob, another block list): whatever storage ends up holding, what
        // is served must be what was hashed.
        await AttackAsync(url, attack);
        await Record.ExceptionAsync(() => blocks.CommitBlockListAsync([block]));

        var image = await WaitForStatusAsync(client, id, "active", "queued");
        if (image.GetProperty("status").GetString() == "active")
        {
            await AuditAsync(client, id, expected: null);
        }
        else
        {
            // What was validated was refused (a page blob): nothing is served.
            Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync($"/v2/images/{id}/file")).StatusCode);
            Assert.False(await service.ImageBlob(id).ExistsAsync());
        }
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task UploadUrl_AttackWhileValidating_WhatIsServedIsWhatWasHashed(string attack)
    {
        using var client = service.Client("attack-during");
        var bytes = RandomNumberGenerator.GetBytes(4 * 1024 * 1024);
        var id = await CreateAsync(client, "raw");
        var url = await UploadUrlAsync(client, id);
        await new BlobClient(url).UploadAsync(new BinaryData(bytes));

        // Right behind the upload, as the blob trigger picks it up: the race is the attacker's to choose.
        for (var i = 0; i < 3; i++)
        {
            await AttackAsync(url, attack);
        }

        var image = await WaitForStatusAsync(client, id, "active", "queued");
        if (image.GetProperty("status").GetString() == "active")
        {
            await AuditAsync(client, id, expected: null);
        }
        else
        {
            // Refused (a page blob by the time it was frozen): nothing is served and the upload area is clear.
            Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync($"/v2/images/{id}/file")).StatusCode);
            Assert.False(await service.ImageBlob(id).ExistsAsync());
        }
    }

    [Fact]
    public async Task UploadUrl_PageBlobInsteadOfImage_IsRefusedBeforeItIsRead()
    {
        using var client = service.Client("attack-page");
        var id = await CreateAsync(client, "raw");
        var url = await UploadUrlAsync(client, id);

        await AttackAsync(url, "page blob");

        Assert.Equal("queued", (await WaitForStatusAsync(client, id, "queued", "active")).GetProperty("status").GetString());
        var tasks = await (await client.GetAsync($"/v2/images/{id}/tasks")).JsonAsync();
        Assert.Contains("block blob", tasks.GetProperty("tasks")[0].GetProperty("message").GetString());
        Assert.False(await service.ImageBlob(id).ExistsAsync());
    }

    [Fact]
    public async Task UploadUrl_HostileHeadersOnTheUpload_ServedAsOctetStreamAttachment()
    {
        using var client = service.Client("attack-headers");
        var bytes = RandomNumberGenerator.GetBytes(10_000);
        var id = await CreateAsync(client, "raw");
        var url = await UploadUrlAsync(client, id);

        using var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(bytes) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        put.Headers.Add("x-ms-blob-content-encoding", "gzip");
        put.Headers.Add("x-ms-blob-content-type", "text/html");
        put.Headers.Add("x-ms-blob-content-disposition", "inline");
        using var raw = new HttpClient();
        Assert.Equal(HttpStatusCode.Created, (await raw.SendAsync(put)).StatusCode);

        AssertActiveWith(await WaitForStatusAsync(client, id, "active", "queued"), bytes, bytes.Length);
        await AuditAsync(client, id, bytes);
        var properties = (await service.ImageBlob(id).GetPropertiesAsync()).Value;
        Assert.Equal(("application/octet-stream", "attachment", null), (properties.ContentType, properties.ContentDisposition, properties.ContentEncoding));
    }

    private async Task AttackAsync(Uri url, string attack)
    {
        using var raw = new HttpClient();
        async Task<HttpStatusCode> SendAsync(HttpMethod method, string query, params (string Name, string Value)[] headers)
        {
            using var request = new HttpRequestMessage(method, url + query) { Content = new ByteArrayContent([]) };
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
            return (await raw.SendAsync(request)).StatusCode;
        }
        switch (attack)
        {
            case "break lease and overwrite":
                await SendAsync(HttpMethod.Put, "&comp=lease", ("x-ms-lease-action", "break"), ("x-ms-lease-break-period", "0"));
                await new BlobClient(url).UploadAsync(new BinaryData("overwritten by the URL holder"u8.ToArray()), overwrite: true);
                break;
            case "snapshot":
                await SendAsync(HttpMethod.Put, "&comp=snapshot");
                break;
            case "set tier archive":
                await SendAsync(HttpMethod.Put, "&comp=tier", ("x-ms-access-tier", "Archive"));
                break;
            case "page blob":
                await SendAsync(HttpMethod.Put, "", ("x-ms-blob-type", "PageBlob"), ("x-ms-blob-content-length", (1024L * 1024 * 1024).ToString()));
                break;
            case "hostile headers":
                await SendAsync(HttpMethod.Put, "&comp=properties", ("x-ms-blob-content-encoding", "gzip"), ("x-ms-blob-content-type", "text/html"),
                    ("x-ms-blob-content-disposition", "inline"));
                await SendAsync(HttpMethod.Put, "&comp=metadata", ("x-ms-meta-evil", "yes"));
                break;
            case "put block and commit":
                var blocks = new BlockBlobClient(url);
                var block = Convert.ToBase64String("attack"u8.ToArray());
                await blocks.StageBlockAsync(block, new MemoryStream("appended by the URL holder"u8.ToArray()));
                await blocks.CommitBlockListAsync([block]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(attack), attack, null);
        }
    }

    /// <summary>The image is active; GET /file and a download URL serve bytes that hash to what was recorded.</summary>
    private async Task AuditAsync(HttpClient client, string id, byte[]? expected)
    {
        var image = await ShowAsync(client, id);
        Assert.Equal("active", image.GetProperty("status").GetString());
        var file = await client.GetAsync($"/v2/images/{id}/file");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var served = await file.Content.ReadAsByteArrayAsync();
        AssertHashesRecorded(image, served);
        if (expected is not null)
        {
            Assert.Equal(expected, served);
        }
        var issued = await (await client.PostAsync($"/v2/images/{id}/download-url", null)).JsonAsync();
        using var raw = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.All });
        var download = await raw.GetAsync(issued.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        AssertHashesRecorded(image, await download.Content.ReadAsByteArrayAsync());
    }

    private static void AssertHashesRecorded(JsonElement image, byte[] bytes)
    {
        Assert.Equal(image.GetProperty("size").GetInt64(), bytes.Length);
        Assert.Equal(image.GetProperty("checksum").GetString(), Convert.ToHexStringLower(MD5.HashData(bytes)));
        Assert.Equal(image.GetProperty("os_hash_value").GetString(), Convert.ToHexStringLower(SHA512.HashData(bytes)));
    }
}
