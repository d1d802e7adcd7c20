using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests;

/// <summary>
/// Facts declared before the bytes, on every way in: PUT /file's and PUT /stage's headers, web-download's
/// validation_data and upload-url's body. Bytes that do not match never become the image's data; a hash the service
/// could not verify is refused when it is declared, before a byte is sent.
/// </summary>
public sealed partial class ImageDataTests
{
    private static readonly byte[] Declared = DiskImages.Qcow2;

    private static string Md5Of(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    private static string Sha512Of(byte[] bytes) => Convert.ToHexStringLower(SHA512.HashData(bytes));

    private static Task<HttpResponseMessage> PutDeclaredAsync(HttpClient client, string id, string path, params (string Name, string Value)[] headers)
    {
        var content = new ByteArrayContent(Declared);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        var request = new HttpRequestMessage(HttpMethod.Put, $"/v2/images/{id}/{path}") { Content = content };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }
        return client.SendAsync(request);
    }

    private static string WebDownload(Uri uri, object validationData) =>
        JsonSerializer.Serialize(new { method = new { name = "web-download", uri, validation_data = validationData } });

    [Fact]
    public async Task PutFile_WithTheDeclaredHashes_ActivatesAndWithAnotherChecksum_Is400AndQueued()
    {
        using var client = service.Client("declared");
        var good = await CreateAsync(client);
        var bad = await CreateAsync(client);

        var accepted = await PutDeclaredAsync(client, good, "file",
            ("x-openstack-image-checksum", Md5Of(Declared).ToUpperInvariant()), ("x-openstack-image-os-hash-algo", "SHA512"),
            ("x-openstack-image-os-hash-value", Sha512Of(Declared)));
        var refused = await PutDeclaredAsync(client, bad, "file", ("x-openstack-image-checksum", Md5Of([1, 2, 3])));

        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        AssertActiveWith(await ShowAsync(client, good), Declared, 64L * 1024 * 1024);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("does not match the declared checksum", await refused.Content.ReadAsStringAsync());
        var queued = await ShowAsync(client, bad);
        Assert.Equal("queued", queued.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, queued.GetProperty("checksum").ValueKind);
    }

    [Fact]
    public async Task EveryWayIn_AHashOfAnotherAlgorithm_IsRefusedBeforeAByteIsSent()
    {
        using var client = service.Client("declared");
        var id = await CreateAsync(client);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Declared));
        const string message = "os_hash_algo sha256 is not the service's hashing algorithm sha512.";

        var file = await PutDeclaredAsync(client, id, "file", ("x-openstack-image-os-hash-algo", "sha256"), ("x-openstack-image-os-hash-value", sha256));
        var stage = await PutDeclaredAsync(client, id, "stage", ("x-openstack-image-os-hash-algo", "sha256"));
        var url = await client.PostJsonAsync($"/v2/images/{id}/upload-url", $$"""{"os_hash_algo":"sha256","os_hash_value":"{{sha256}}"}""");
        var web = await client.PostJsonAsync($"/v2/images/{id}/import",
            WebDownload(service.Files.Publish("declared.qcow2", Declared), new { os_hash_algo = "sha256" }));
        // The right algorithm with a digest of another length cannot match either.
        var shortHash = await PutDeclaredAsync(client, id, "file", ("x-openstack-image-os-hash-value", sha256));

        foreach (var response in new[] { file, stage, url, web })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.BadRequest, shortHash.StatusCode);
        Assert.Contains("os_hash_value must be 128 hexadecimal digits for sha512", await shortHash.Content.ReadAsStringAsync());
        Assert.Equal("queued", (await ShowAsync(client, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Stage_AWrongDeclaredSizeIsRefusedAtOnce_AndAWrongHashFailsTheImport()
    {
        using var client = service.Client("declared");
        var sized = await CreateAsync(client);
        var hashed = await CreateAsync(client);

        var wrongSize = await PutDeclaredAsync(client, sized, "stage", ("x-openstack-image-size", (Declared.Length + 1).ToString()));
        var staged = await PutDeclaredAsync(client, hashed, "stage", ("x-openstack-image-os-hash-value", Sha512Of([1, 2, 3])));
        var import = await client.PostJsonAsync($"/v2/images/{hashed}/import", """{"method":{"name":"glance-direct"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, wrongSize.StatusCode);
        Assert.Contains($"Image size {Declared.Length} does not match the declared size {Declared.Length + 1}.", await wrongSize.Content.ReadAsStringAsync());
        Assert.Equal("queued", (await ShowAsync(client, sized)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NoContent, staged.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, import.StatusCode);
        Assert.Equal("queued", (await ImportCompletion.WaitAsync(client, hashed)).GetProperty("status").GetString());
        var task = (await (await client.GetAsync($"/v2/images/{hashed}/tasks")).JsonAsync()).GetProperty("tasks")[0];
        Assert.Equal("failure", task.GetProperty("status").GetString());
        Assert.Contains("does not match the declared os_hash_value", task.GetProperty("message").GetString());
    }

    [Fact]
    public async Task WebDownload_WithValidationData_ActivatesOnlyTheBytesDeclared()
    {
        using var client = service.Client("declared");
        var good = await CreateAsync(client);
        var bad = await CreateAsync(client);
        var uri = service.Files.Publish("validated.qcow2", Declared);

        var accepted = await client.PostJsonAsync($"/v2/images/{good}/import",
            WebDownload(uri, new { os_hash_algo = "sha512", os_hash_value = Sha512Of(Declared), size = Declared.Length }));
        var mismatched = await client.PostJsonAsync($"/v2/images/{bad}/import", WebDownload(uri, new { checksum = Md5Of([1]) }));
        var notAnObject = await client.PostJsonAsync($"/v2/images/{bad}/import", WebDownload(uri, "sha512"));
        var unknownField = await client.PostJsonAsync($"/v2/images/{bad}/import", WebDownload(uri, new { md5 = "x" }));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        AssertActiveWith(await ImportCompletion.WaitAsync(client, good), Declared, 64L * 1024 * 1024);
        Assert.Equal(HttpStatusCode.Accepted, mismatched.StatusCode);
        Assert.Equal("queued", (await ImportCompletion.WaitAsync(client, bad)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, notAnObject.StatusCode);
        Assert.Contains("'validation_data' must be a JSON object.", await notAnObject.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Contains("Unknown validation_data field 'md5'.", await unknownField.Content.ReadAsStringAsync());
    }
}
