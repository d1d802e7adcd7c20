using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using Glance.Integration.Tests.Faults;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Restore;

/// <summary>
/// Delete with a retention window and POST /v2/images/{id}/actions/restore over HTTP: what a client sees, what stays in
/// storage, who may restore, the quota it is charged against, and the events.
/// </summary>
[Collection(RetentionServiceCollection.Name)]
public sealed class RestoreApiTests(RetentionService service)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string Project(string name) => name + "-" + Guid.NewGuid().ToString("N")[..6];

    internal static async Task<string> ActiveImageAsync(HttpClient client, byte[] bytes)
    {
        var id = (await client.CreateImageAsync("""{"name":"kept","disk_format":"raw","container_format":"bare","k":"v","tags":["t"]}"""))
            .GetProperty("id").GetString()!;
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/v2/images/{id}/file", content)).StatusCode);
        return id;
    }

    internal static Task<HttpResponseMessage> RestoreAsync(HttpClient client, string id) => client.PostAsync($"/v2/images/{id}/actions/restore", null);

    private static async Task<JsonElement[]> ListedAsync(HttpClient client, string query = "") =>
        (await (await client.GetAsync("/v2/images" + query)).JsonAsync()).GetProperty("images").EnumerateArray().ToArray();

    private static async Task<string[]> ListedIdsAsync(HttpClient client, string query = "") =>
        (await ListedAsync(client, query)).Select(i => i.GetProperty("id").GetString()!).ToArray();

    private static async Task<long> ImageCountAsync(HttpClient client) =>
        (await (await client.GetAsync("/v2/info/usage")).JsonAsync()).GetProperty("usage").GetProperty("image_count_total").GetProperty("usage").GetInt64();

    [Fact]
    public async Task Restore_WithinTheWindow_BringsBackStatusPropertiesTagsMembersAndTheSameBytes()
    {
        var owner = Project("rs-owner");
        var member = Project("rs-member");
        using var client = service.Client(owner);
        using var memberClient = service.Client(member);
        var bytes = RandomNumberGenerator.GetBytes(100_003);
        var id = await ActiveImageAsync(client, bytes);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync($"/v2/images/{id}/members", $$"""{"member":"{{member}}"}""")).StatusCode);
        var accept = new StringContent("""{"status":"accepted"}""", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await memberClient.PutAsync($"/v2/images/{id}/members/{member}", accept)).StatusCode);
        var before = await (await client.GetAsync($"/v2/images/{id}")).JsonAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v2/images/{id}")).StatusCode);

        // To the client exactly a Glance delete; in storage the sealed bytes stay.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v2/images/{id}")).StatusCode);
        Assert.DoesNotContain(id, await ListedIdsAsync(client));
        Assert.DoesNotContain(id, await ListedIdsAsync(memberClient));
        Assert.True(await service.ImageBlob(id).ExistsAsync());
        var retained = Assert.Single(await ListedAsync(client, "?status=deleted"));
        Assert.Equal((id, "deleted"), (retained.GetProperty("id").GetString(), retained.GetProperty("status").GetString()));
        var until = DateTimeOffset.Parse(retained.GetProperty("os_glance_restorable_until").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(until - DateTimeOffset.UtcNow, RetentionService.Window - TimeSpan.FromMinutes(1), RetentionService.Window);
        Assert.Empty(await ListedAsync(memberClient, "?status=deleted"));

        Assert.Equal(HttpStatusCode.NoContent, (await RestoreAsync(client, id)).StatusCode);

        var after = await (await client.GetAsync($"/v2/images/{id}")).JsonAsync();
        foreach (var key in new[] { "status", "name", "k", "size", "checksum", "os_hash_value", "visibility", "owner", "created_at" })
        {
            Assert.Equal(before.GetProperty(key).ToString(), after.GetProperty(key).ToString());
        }
        Assert.Equal(["t"], after.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.False(after.TryGetProperty("os_glance_restorable_until", out _));
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(await client.GetByteArrayAsync($"/v2/images/{id}/file")));
        Assert.Contains(id, await ListedIdsAsync(client));
        Assert.Contains(id, await ListedIdsAsync(memberClient));
        Assert.Empty(await ListedAsync(client, "?status=deleted"));

        var events = (await service.Events.WaitForAsync(all => all.Any(e => e.GetProperty("type").GetString() == "image.restore"
                && e.GetProperty("subject").GetString() == $"/images/{id}"), Patience))
            .Where(e => e.GetProperty("subject").GetString() == $"/images/{id}").DistinctBy(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(["image.delete", "image.restore"], events.Select(e => e.GetProperty("type").GetString()).Where(t => t is "image.delete" or "image.restore"));
        var restored = events.Single(e => e.GetProperty("type").GetString() == "image.restore").GetProperty("data");
        Assert.Equal(("active", false), (restored.GetProperty("status").GetString(), restored.GetProperty("deleted").GetBoolean()));
    }

    [Fact]
    public async Task Delete_WithRetention_NoUrlIssuedBeforeReadsOrChangesTheKeptBytes()
    {
        using var client = service.Client(Project("rs-urls"));
        var bytes = RandomNumberGenerator.GetBytes(64 * 1024 + 7);
        var id = await client.CreateRawImageAsync("through urls");
        var upload = await client.PostAsync($"/v2/images/{id}/upload-url", null);
        var uploadUrl = new Uri((await upload.JsonAsync()).GetProperty("url").GetString()!);
        await new BlobClient(uploadUrl).UploadAsync(new BinaryData(bytes));
        await Poll.UntilAsync(async () => (await (await client.GetAsync($"/v2/images/{id}")).JsonAsync()).GetProperty("status").GetString() == "active",
            Patience, "the uploaded bytes were never validated");
        var downloadUrl = (await (await client.PostAsync($"/v2/images/{id}/download-url", null)).JsonAsync()).GetProperty("url").GetString()!;
        using var raw = new HttpClient();
        Assert.Equal(bytes, await raw.GetByteArrayAsync(downloadUrl));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v2/images/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await raw.GetAsync(downloadUrl)).StatusCode);
        // The upload URL still writes the upload area; the validation finds the image deleted and throws it away.
        await new BlobClient(uploadUrl).UploadAsync(new BinaryData(RandomNumberGenerator.GetBytes(1000)), overwrite: true);
        await Poll.UntilAsync(async () => !await service.UploadBlob(id).ExistsAsync(), Patience, "the upload for a deleted image was kept");

        Assert.Equal(HttpStatusCode.NoContent, (await RestoreAsync(client, id)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await raw.GetAsync(downloadUrl)).StatusCode);
        Assert.Equal(bytes, await client.GetByteArrayAsync($"/v2/images/{id}/file"));
        var fresh = (await (await client.PostAsync($"/v2/images/{id}/download-url", null)).JsonAsync()).GetProperty("url").GetString()!;
        Assert.Equal(bytes, await raw.GetByteArrayAsync(fresh));
    }

    [Fact]
    public async Task Restore_RefusedCases_AnswerGlancesErrors()
    {
        var owner = Project("rs-refused");
        using var client = service.Client(owner);
        using var reader = service.Client(owner, "reader");
        using var stranger = service.Client(Project("rs-stranger"));
        var id = await ActiveImageAsync(client, RandomNumberGenerator.GetBytes(10));

        var live = await RestoreAsync(client, id);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v2/images/{id}")).StatusCode);
        var byStranger = await RestoreAsync(stranger, id);
        var byReader = await RestoreAsync(reader, id);
        var unknown = await RestoreAsync(client, Guid.NewGuid().ToString());
        var withGet = await client.GetAsync($"/v2/images/{id}/actions/restore");
        var withBody = await client.PostJsonAsync($"/v2/images/{id}/actions/restore", "{}");

        Assert.Equal((HttpStatusCode.Conflict, "409 Conflict"), (live.StatusCode, (await live.JsonAsync()).GetProperty("code").GetString()));
        Assert.Equal((HttpStatusCode.NotFound, "404 Not Found"), (byStranger.StatusCode, (await byStranger.JsonAsync()).GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, byReader.StatusCode);
        Assert.Contains("restore_image", await byReader.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, withGet.StatusCode);
        Assert.False(withBody.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await RestoreAsync(client, id)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await RestoreAsync(client, id)).StatusCode);
    }

    [Fact]
    public async Task Restore_OverTheProjectsImageCount_Is413_AndUsageFollowsDeleteAndRestore()
    {
        using var client = service.Client(RetentionService.OneImageProject);
        var first = await client.CreateRawImageAsync("first");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v2/images/{first}")).StatusCode);
        var afterDelete = await ImageCountAsync(client);
        var second = await client.CreateRawImageAsync("second");

        var refused = await RestoreAsync(client, first);
        var whileRefused = await ImageCountAsync(client);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v2/images/{second}")).StatusCode);
        var restored = await RestoreAsync(client, first);

        Assert.Equal(0, afterDelete);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("image_count_total is over limit of 1 due to current usage 1 and delta 1", await refused.Content.ReadAsStringAsync());
        Assert.Equal(1, whileRefused);
        Assert.Equal(HttpStatusCode.NoContent, restored.StatusCode);
        Assert.Equal(1, await ImageCountAsync(client));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v2/images/{first}")).StatusCode);
    }
}
