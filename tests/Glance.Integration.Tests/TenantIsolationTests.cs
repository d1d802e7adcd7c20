using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests;

/// <summary>
/// A project that is neither owner nor member learns nothing about another project's private image: every route that
/// names it answers 404 (Glance hides existence), and no list shows it, whatever the filters.
/// </summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class TenantIsolationTests(GlanceService service)
{
    [Fact]
    public async Task Stranger_EveryRouteOfAPrivateImage_IsNotFoundAndNoListShowsIt()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var owner = service.Client("iso-owner-" + tag);
        using var stranger = service.Client("iso-stranger-" + tag);
        var name = "isolated-" + tag;
        var id = (await owner.CreateImageAsync($$"""{"name":"{{name}}","disk_format":"raw","container_format":"bare","visibility":"private","tags":["{{tag}}"]}"""))
            .GetProperty("id").GetString()!;
        var data = new ByteArrayContent([1, 2, 3, 4]);
        data.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Assert.Equal(HttpStatusCode.NoContent, (await owner.PutAsync($"/v2/images/{id}/file", data)).StatusCode);

        var requests = new (string Method, string Path, string? Body, string? ContentType)[]
        {
            ("GET", $"/v2/images/{id}", null, null),
            ("GET", $"/v2/images/{id}/file", null, null),
            ("PUT", $"/v2/images/{id}/file", "xyz", "application/octet-stream"),
            ("PUT", $"/v2/images/{id}/stage", "xyz", "application/octet-stream"),
            ("POST", $"/v2/images/{id}/download-url", null, null),
            ("POST", $"/v2/images/{id}/upload-url", "{}", "application/json"),
            ("POST", $"/v2/images/{id}/import", """{"method":{"name":"glance-direct"}}""", "application/json"),
            ("GET", $"/v2/images/{id}/members", null, null),
            ("POST", $"/v2/images/{id}/members", """{"member":"someone"}""", "application/json"),
            ("GET", $"/v2/images/{id}/members/someone", null, null),
            ("PUT", $"/v2/images/{id}/tags/extra", null, null),
            ("DELETE", $"/v2/images/{id}/tags/{tag}", null, null),
            ("PATCH", $"/v2/images/{id}", """[{"op":"replace","path":"/name","value":"taken"}]""", "application/openstack-images-v2.1-json-patch"),
            ("POST", $"/v2/images/{id}/actions/deactivate", null, null),
            ("GET", $"/v2/images/{id}/tasks", null, null),
            ("GET", $"/v2/images/{id}/locations", null, null),
            ("POST", $"/v2/images/{id}/locations", """{"url":"http://x"}""", "application/json"),
            ("DELETE", $"/v2/images/{id}", null, null),
        };
        foreach (var (method, path, body, contentType) in requests)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType!);
            }
            using var response = await stranger.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        foreach (var query in new[] { "", $"?name={name}", $"?tag={tag}", "?visibility=all", "?visibility=private", "?visibility=shared&member_status=all",
                     $"?owner=iso-owner-{tag}", "?sort=name:asc&limit=1000" })
        {
            var listed = await (await stranger.GetAsync("/v2/images" + query)).JsonAsync();
            Assert.DoesNotContain(listed.GetProperty("images").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
        }
        // Nothing the stranger tried changed the image.
        var image = await (await owner.GetAsync($"/v2/images/{id}")).JsonAsync();
        Assert.Equal(name, image.GetProperty("name").GetString());
        Assert.Equal("active", image.GetProperty("status").GetString());
        Assert.Equal([tag], image.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }
}
