using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Glance.Integration.Tests.Faults;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Locations;

/// <summary>
/// The locations API (2.17) over real HTTP and Azurite: a queued image given an active image's bytes by the URL of
/// their copy (202, then active with the source's facts, served byte for byte), a declared hash that does not match,
/// every refusal (nothing changes), GET with and without the service role, and the copy landing in the URL's store.
/// </summary>
public sealed class LocationsApiTests(LocationsService service) : IClassFixture<LocationsService>
{
    private const string Roles = "member,reader";
    private const string ServiceRoles = "service";

    private static async Task<string> CreateAsync(HttpClient client, string visibility = "private") =>
        (await client.CreateImageAsync($$"""{"disk_format":"raw","container_format":"bare","visibility":"{{visibility}}"}""")).GetProperty("id").GetString()!;

    private static async Task<(string Id, byte[] Bytes)> ActiveAsync(HttpClient client, string? store = null)
    {
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var id = await CreateAsync(client);
        var put = new HttpRequestMessage(HttpMethod.Put, $"/v2/images/{id}/file") { Content = new ByteArrayContent(bytes) };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (store is not null)
        {
            put.Headers.Add("X-Image-Meta-Store", store);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(put)).StatusCode);
        return (id, bytes);
    }

    private static async Task<JsonElement> LocationsAsync(LocalHostInstance host, string project, string id)
    {
        using var nova = host.Client(project, ServiceRoles, "nova");
        var response = await nova.GetAsync($"/v2/images/{id}/locations");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static Task<HttpResponseMessage> AddAsync(HttpClient client, string id, string url, string? validation = null) =>
        client.PostJsonAsync($"/v2/images/{id}/locations",
            validation is null ? JsonSerializer.Serialize(new { url }) : $$"""{"url": {{JsonSerializer.Serialize(url)}}, "validation_data": {{validation}}}""");

    private static async Task<JsonElement> ShowAsync(HttpClient client, string id) => await (await client.GetAsync($"/v2/images/{id}")).JsonAsync();

    [Fact]
    public async Task Post_UrlOfAnActiveImagesCopy_Answers202AndTheImageBecomesActiveWithTheSameBytes()
    {
        using var client = service.Single.Client("clone", Roles);
        var (source, bytes) = await ActiveAsync(client);
        var url = (await LocationsAsync(service.Single, "clone", source))[0].GetProperty("url").GetString()!;
        Assert.Equal(service.SingleAzurite.Blob("images", source).Uri.AbsoluteUri, url);
        var target = await CreateAsync(client);
        var hash = Convert.ToHexStringLower(SHA512.HashData(bytes));

        var response = await AddAsync(client, target, url, $$"""{"os_hash_algo": "sha512", "os_hash_value": "{{hash}}"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var image = await ImportCompletion.WaitAsync(client, target);
        var original = await ShowAsync(client, source);
        Assert.Equal("active", image.GetProperty("status").GetString());
        foreach (var field in new[] { "checksum", "os_hash_algo", "os_hash_value", "size" })
        {
            Assert.Equal(original.GetProperty(field).ToString(), image.GetProperty(field).ToString());
        }
        Assert.Equal(hash, image.GetProperty("os_hash_value").GetString());
        Assert.Equal(bytes, await client.GetByteArrayAsync($"/v2/images/{target}/file"));
        var task = Assert.Single(await DirectUpload.TasksAsync(client, target));
        Assert.Equal(("location_import", "success"), (task.GetProperty("type").GetString(), task.GetProperty("status").GetString()));
        Assert.Equal(url, task.GetProperty("input").GetProperty("loc_url").GetString());
        // The target's own copy, sealed as any served blob; the source is untouched.
        Assert.Equal(bytes, (await service.SingleAzurite.Blob("images", target).DownloadContentAsync()).Value.Content.ToArray());
        Assert.Equal(bytes, await client.GetByteArrayAsync($"/v2/images/{source}/file"));
        var listed = await LocationsAsync(service.Single, "clone", target);
        Assert.Equal($$$"""[{"url":"{{{service.SingleAzurite.Blob("images", target).Uri.AbsoluteUri}}}","metadata":{}}]""", listed.GetRawText());
    }

    [Fact]
    public async Task Post_HashThatDoesNotMatch_FailsTheTaskWithGlancesMessageAndLeavesTheImageQueuedWithoutData()
    {
        using var client = service.Single.Client("mismatch", Roles);
        var (source, bytes) = await ActiveAsync(client);
        var url = service.SingleAzurite.Blob("images", source).Uri.AbsoluteUri;
        var target = await CreateAsync(client);
        var given = new string('0', 128);

        Assert.Equal(HttpStatusCode.Accepted, (await AddAsync(client, target, url, $$"""{"os_hash_algo": "sha512", "os_hash_value": "{{given}}"}""")).StatusCode);

        var image = await ImportCompletion.WaitAsync(client, target);
        Assert.Equal("queued", image.GetProperty("status").GetString());
        foreach (var field in new[] { "checksum", "os_hash_algo", "os_hash_value", "size" })
        {
            Assert.Equal(JsonValueKind.Null, image.GetProperty(field).ValueKind);
        }
        var task = Assert.Single(await DirectUpload.TasksAsync(client, target));
        Assert.Equal("failure", task.GetProperty("status").GetString());
        Assert.Equal($"os_hash_value: ({given}) not matched with actual os_hash_value: ({Convert.ToHexStringLower(SHA512.HashData(bytes))})",
            task.GetProperty("message").GetString());
        Assert.False(await service.SingleAzurite.Blob("images", target).ExistsAsync());
        Assert.Equal("[]", (await LocationsAsync(service.Single, "mismatch", target)).GetRawText());
    }

    public static TheoryData<string, string> UnusableUrls() => new()
    {
        { "another project's private image", "{other}" },
        { "another account", "http://127.0.0.1:{port}/otheraccount/images/{source}" },
        { "the upload area", "http://127.0.0.1:{port}/devstoreaccount1/uploads/{source}" },
        { "another host", "http://example.com/x" },
        { "a blob name that is no image id", "http://127.0.0.1:{port}/devstoreaccount1/images/not-an-image" },
        { "an upper-case image id", "http://127.0.0.1:{port}/devstoreaccount1/images/{SOURCE}" },
        { "a SAS query", "{url}?sv=2024-01-01&sig=x" },
        { "the image itself", "http://127.0.0.1:{port}/devstoreaccount1/images/{target}" },
        { "an image that does not exist", "http://127.0.0.1:{port}/devstoreaccount1/images/0b5a6a52-7c1e-4e3a-9d9e-6f0c2b1d8e47" },
        { "not a URL", "images/{source}" },
    };

    [Theory]
    [MemberData(nameof(UnusableUrls))]
    public async Task Post_UrlNamingNothingTheCallerMayTake_Is400WithOneMessageAndChangesNothing(string what, string template)
    {
        using var client = service.Single.Client("refused", Roles);
        using var other = service.Single.Client("other-project", Roles);
        var (source, _) = await ActiveAsync(client);
        var (others, _) = await ActiveAsync(other);
        var target = await CreateAsync(client);
        var url = template.Replace("{other}", service.SingleAzurite.Blob("images", others).Uri.AbsoluteUri)
            .Replace("{url}", service.SingleAzurite.Blob("images", source).Uri.AbsoluteUri)
            .Replace("{port}", service.SingleAzurite.BlobPort.ToString())
            .Replace("{source}", source).Replace("{SOURCE}", source.ToUpperInvariant()).Replace("{target}", target);

        var response = await AddAsync(client, target, url);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {response.StatusCode}");
        Assert.Contains("Invalid location", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var image = await ShowAsync(client, target);
        Assert.Equal("queued", image.GetProperty("status").GetString());
        Assert.Empty(await DirectUpload.TasksAsync(client, target));
    }

    [Theory]
    [InlineData("not the owner's project", "stranger", Roles, 404)]
    [InlineData("a reader of the project", "owner", "reader", 403)]
    public async Task Post_CallerWhoMayNot_IsRefused(string what, string project, string roles, int expected)
    {
        using var owner = service.Single.Client("owner", Roles);
        using var caller = service.Single.Client(project, roles);
        var (source, _) = await ActiveAsync(owner);
        var target = await CreateAsync(owner);

        var response = await AddAsync(caller, target, service.SingleAzurite.Blob("images", source).Uri.AbsoluteUri);

        Assert.True(expected == (int)response.StatusCode, $"{what}: {response.StatusCode}");
        Assert.Equal("queued", (await ShowAsync(owner, target)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{"os_hash_algo": "sha512", "os_hash_value": "abcd"}""")]
    [InlineData("""{"os_hash_value": "00000000000000000000000000000000"}""")]
    [InlineData("""{"os_hash_algo": "sha123", "os_hash_value": "00000000000000000000000000000000"}""")]
    [InlineData("""{"os_hash_algo": "sha256", "os_hash_value": "0000000000000000000000000000000000000000000000000000000000000000"}""")]
    public async Task Post_ValidationDataTheServiceCannotCheck_Is400(string validation)
    {
        using var client = service.Single.Client("validation", Roles);
        var (source, _) = await ActiveAsync(client);
        var target = await CreateAsync(client);

        var response = await AddAsync(client, target, service.SingleAzurite.Blob("images", source).Uri.AbsoluteUri, validation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("queued", (await ShowAsync(client, target)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Post_ImageNotQueued_Is409()
    {
        using var client = service.Single.Client("active-target", Roles);
        var (source, _) = await ActiveAsync(client);
        var (target, _) = await ActiveAsync(client);

        var response = await AddAsync(client, target, service.SingleAzurite.Blob("images", source).Uri.AbsoluteUri);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("It's not allowed to add locations if image status is active.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithAndWithoutTheServiceRole()
    {
        using var client = service.Single.Client("getter", Roles);
        using var admin = service.Single.Client("getter", "admin,member,reader");
        var (id, _) = await ActiveAsync(client);
        var queued = await CreateAsync(client);

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/v2/images/{id}/locations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/v2/images/{id}/locations")).StatusCode);
        Assert.Equal(1, (await LocationsAsync(service.Single, "getter", id)).GetArrayLength());
        Assert.Equal("[]", (await LocationsAsync(service.Single, "getter", queued)).GetRawText());
        using var nova = service.Single.Client("getter", ServiceRoles, "nova");
        Assert.Equal(HttpStatusCode.NotFound, (await nova.GetAsync("/v2/images/0b5a6a52-7c1e-4e3a-9d9e-6f0c2b1d8e47/locations")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await nova.DeleteAsync($"/v2/images/{id}/locations")).StatusCode);
    }

    [Fact]
    public async Task ImageRepresentations_WithTheOptionsOn_CarryLocationsForTheProjectAndNoneForOthers()
    {
        using var client = service.Single.Client("shown", Roles);
        using var stranger = service.Single.Client("stranger-shown", Roles);
        var (id, _) = await ActiveAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await client.PatchJsonAsync($"/v2/images/{id}", """[{"op":"replace","path":"/visibility","value":"community"}]""")).StatusCode);
        var url = service.SingleAzurite.Blob("images", id).Uri.AbsoluteUri;

        var own = await ShowAsync(client, id);
        var others = await ShowAsync(stranger, id);
        var listed = (await (await client.GetAsync("/v2/images?visibility=community")).JsonAsync()).GetProperty("images").EnumerateArray()
            .Single(i => i.GetProperty("id").GetString() == id);

        Assert.Equal($$$"""[{"url":"{{{url}}}","metadata":{}}]""", own.GetProperty("locations").GetRawText());
        Assert.Equal(url, own.GetProperty("direct_url").GetString());
        Assert.Equal(own.GetProperty("locations").GetRawText(), listed.GetProperty("locations").GetRawText());
        Assert.Equal("[]", others.GetProperty("locations").GetRawText());
        Assert.False(others.TryGetProperty("direct_url", out _));
        using var multi = service.Multi.Client("shown", Roles);
        var (elsewhere, _) = await ActiveAsync(multi);
        Assert.False((await ShowAsync(multi, elsewhere)).TryGetProperty("locations", out _));
    }

    [Fact]
    public async Task Multistore_CopyLandsInTheUrlsStore()
    {
        using var client = service.Multi.Client("multi", Roles);
        var (source, bytes) = await ActiveAsync(client, store: "cheap");
        var listed = await LocationsAsync(service.Multi, "multi", source);
        Assert.Equal("cheap", listed[0].GetProperty("metadata").GetProperty("store").GetString());
        var url = listed[0].GetProperty("url").GetString()!;
        Assert.Equal(service.MultiAzurite.Blob(LocationsService.CheapContainer, source).Uri.AbsoluteUri, url);
        var target = await CreateAsync(client);

        Assert.Equal(HttpStatusCode.Accepted, (await AddAsync(client, target, url)).StatusCode);

        var image = await ImportCompletion.WaitAsync(client, target);
        Assert.Equal(("active", "cheap"), (image.GetProperty("status").GetString(), image.GetProperty("stores").GetString()));
        Assert.True(await service.MultiAzurite.Blob(LocationsService.CheapContainer, target).ExistsAsync());
        Assert.False(await service.MultiAzurite.Blob(LocationsService.FastContainer, target).ExistsAsync());
        Assert.Equal(bytes, await client.GetByteArrayAsync($"/v2/images/{target}/file"));
        Assert.Equal($$$"""[{"url":"{{{service.MultiAzurite.Blob(LocationsService.CheapContainer, target).Uri.AbsoluteUri}}}","metadata":{"store":"cheap"}}]""",
            (await LocationsAsync(service.Multi, "multi", target)).GetRawText());
        // A store that does not hold the source is refused as any other unusable URL.
        var other = await CreateAsync(client);
        var response = await AddAsync(client, other, service.MultiAzurite.Blob(LocationsService.FastContainer, source).Uri.AbsoluteUri);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
