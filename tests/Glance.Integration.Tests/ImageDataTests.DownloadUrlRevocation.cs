using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests;

/// <summary>
/// Download URLs follow access: when the image is deactivated, a member is removed, its visibility changes or it is
/// deleted, every download URL issued before stops serving at once, not at its expiry.
/// </summary>
public sealed partial class ImageDataTests
{
    public static TheoryData<string> AccessEndings => ["deactivate", "remove member", "visibility to private", "delete"];

    [Theory]
    [MemberData(nameof(AccessEndings))]
    public async Task DownloadUrl_AccessEnds_TheUrlStopsServingAtOnce(string ending)
    {
        var owner = "rv-owner-" + Guid.NewGuid().ToString("N")[..6];
        var reader = "rv-reader-" + Guid.NewGuid().ToString("N")[..6];
        using var client = service.Client(owner);
        using var other = service.Client(reader);
        var bytes = RandomNumberGenerator.GetBytes(20_000);
        var id = await CreateAsync(client, "raw");
        Assert.Equal(HttpStatusCode.NoContent, (await PutFileAsync(client, id, bytes)).StatusCode);
        var holder = client;
        if (ending == "remove member")
        {
            await client.PatchJsonAsync($"/v2/images/{id}", """[{"op":"replace","path":"/visibility","value":"shared"}]""");
            Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync($"/v2/images/{id}/members", $$"""{"member":"{{reader}}"}""")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await PutJsonAsync(other, $"/v2/images/{id}/members/{reader}", """{"status":"accepted"}""")).StatusCode);
            holder = other;
        }
        if (ending == "visibility to private")
        {
            await client.PatchJsonAsync($"/v2/images/{id}", """[{"op":"replace","path":"/visibility","value":"community"}]""");
            holder = other;
        }
        var issued = await (await holder.PostAsync($"/v2/images/{id}/download-url", null)).JsonAsync();
        var url = issued.GetProperty("url").GetString()!;
        using var raw = new HttpClient();
        Assert.Equal(bytes, await raw.GetByteArrayAsync(url));

        var ended = ending switch
        {
            "deactivate" => await client.PostAsync($"/v2/images/{id}/actions/deactivate", null),
            "remove member" => await client.DeleteAsync($"/v2/images/{id}/members/{reader}"),
            "visibility to private" => await client.PatchJsonAsync($"/v2/images/{id}", """[{"op":"replace","path":"/visibility","value":"private"}]"""),
            _ => await client.DeleteAsync($"/v2/images/{id}"),
        };

        Assert.True(ended.IsSuccessStatusCode, $"{ending}: {ended.StatusCode}");
        Assert.Equal(HttpStatusCode.NotFound, (await raw.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task DownloadUrl_AfterARevocation_ANewUrlServesThoseStillAllowed()
    {
        using var client = service.Client("rv-again");
        var bytes = RandomNumberGenerator.GetBytes(3000);
        var id = await CreateAsync(client, "raw");
        await PutFileAsync(client, id, bytes);
        var first = (await (await client.PostAsync($"/v2/images/{id}/download-url", null)).JsonAsync()).GetProperty("url").GetString()!;
        await client.PostAsync($"/v2/images/{id}/actions/deactivate", null);
        await client.PostAsync($"/v2/images/{id}/actions/reactivate", null);

        var second = (await (await client.PostAsync($"/v2/images/{id}/download-url", null)).JsonAsync()).GetProperty("url").GetString()!;

        using var raw = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await raw.GetAsync(first)).StatusCode);
        Assert.Equal(bytes, await raw.GetByteArrayAsync(second));
    }

    private static Task<HttpResponseMessage> PutJsonAsync(HttpClient client, string path, string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return client.PutAsync(path, content);
    }
}
