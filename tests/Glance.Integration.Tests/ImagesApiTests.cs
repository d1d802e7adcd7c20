using System.Net;
using System.Text.Json;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests;

/// <summary>The core Images API over real HTTP, against the local host and a real Azurite.</summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class ImagesApiTests(GlanceService service)
{
    [Fact]
    public async Task CreateShowPatchDelete_FullLifecycle_BehavesAsGlance()
    {
        using var client = service.Client("lifecycle");

        var created = await client.PostJsonAsync("/v2/images", """{"name":"n","disk_format":"qcow2","container_format":"bare","min_ram":1,"tags":["t1","t2"],"k":"v"}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var image = await created.JsonAsync();
        var id = image.GetProperty("id").GetString()!;
        Assert.Equal($"{service.Trusted.BaseUrl}/v2/images/{id}", created.Headers.Location!.ToString());
        Assert.StartsWith("req-", created.Headers.GetValues("X-Openstack-Request-Id").Single());
        Assert.Equal("queued", image.GetProperty("status").GetString());
        Assert.Equal("shared", image.GetProperty("visibility").GetString());
        Assert.Equal("lifecycle", image.GetProperty("owner").GetString());
        Assert.Equal("v", image.GetProperty("k").GetString());

        var shown = await client.GetAsync($"/v2/images/{id}");
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(image.GetRawText(), (await shown.JsonAsync()).GetRawText());

        var patched = await client.PatchJsonAsync($"/v2/images/{id}",
            """[{"op":"replace","path":"/name","value":"n2"},{"op":"add","path":"/k2","value":"v2"},{"op":"remove","path":"/k"},{"op":"replace","path":"/min_disk","value":5}]""");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var after = await patched.JsonAsync();
        Assert.Equal("n2", after.GetProperty("name").GetString());
        Assert.Equal("v2", after.GetProperty("k2").GetString());
        Assert.False(after.TryGetProperty("k", out _));
        Assert.Equal(5, after.GetProperty("min_disk").GetInt32());

        var deleted = await client.DeleteAsync($"/v2/images/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v2/images/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/v2/images/{id}")).StatusCode);
    }

    [Fact]
    public async Task Create_SameIdAfterDelete_IsConflict()
    {
        using var client = service.Client("dup");
        var id = Guid.NewGuid().ToString();
        await client.CreateImageAsync($$"""{"id":"{{id}}"}""");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v2/images/{id}")).StatusCode);

        var again = await client.PostJsonAsync("/v2/images", $$"""{"id":"{{id}}"}""");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Delete_ProtectedImage_IsForbiddenAndImageSurvives()
    {
        using var client = service.Client("protect");
        var id = (await client.CreateImageAsync("""{"protected":true}""")).GetProperty("id").GetString();

        var response = await client.DeleteAsync($"/v2/images/{id}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v2/images/{id}")).StatusCode);
    }

    [Fact]
    public async Task Show_OtherProjectsSharedImage_IsNotFoundButAdminSeesIt()
    {
        using var owner = service.Client("owner-a");
        using var other = service.Client("owner-b");
        using var admin = service.Client("admin-project", "admin,member,reader");
        var id = (await owner.CreateImageAsync()).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/v2/images/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/v2/images/{id}")).StatusCode);
    }

    [Fact]
    public async Task List_CreateThenListAtOnce_SeesTheNewImage()
    {
        using var client = service.Client("ryw-" + Guid.NewGuid().ToString("N")[..8]);
        var id = (await client.CreateImageAsync()).GetProperty("id").GetString();

        var list = await (await client.GetAsync("/v2/images")).JsonAsync();

        Assert.Equal(id, list.GetProperty("images")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task List_WithLimitAndMarker_PagesNewestFirstThroughEveryImage()
    {
        var project = "pages-" + Guid.NewGuid().ToString("N")[..8];
        using var client = service.Client(project);
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await client.CreateImageAsync($$"""{"name":"img{{i}}","visibility":"private"}""")).GetProperty("id").GetString()!);
        }

        var seen = new List<string>();
        var next = $"/v2/images?limit=2&owner={project}";
        var pages = 0;
        while (next is not null)
        {
            var page = await (await client.GetAsync(next)).JsonAsync();
            Assert.Equal($"/v2/images?limit=2&owner={project}", page.GetProperty("first").GetString());
            seen.AddRange(page.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            next = page.TryGetProperty("next", out var n) ? n.GetString() : null;
            pages++;
        }

        Assert.Equal(Enumerable.Reverse(created), seen);
        Assert.Equal(3, pages);
    }

    [Theory]
    [InlineData("PUT", "/v2/images", "GET, POST")]
    [InlineData("POST", "/v2/images/0d5dd2a4-4c33-44b6-a7d5-a2ce5a8cbc8d", "GET, PATCH, DELETE")]
    [InlineData("DELETE", "/v2/schemas/image", "GET")]
    [InlineData("PATCH", "/v2/images/0d5dd2a4-4c33-44b6-a7d5-a2ce5a8cbc8d/file", "GET, PUT")]
    [InlineData("POST", "/v2/images/0d5dd2a4-4c33-44b6-a7d5-a2ce5a8cbc8d/members/p2", "GET, PUT, DELETE")]
    public async Task WrongVerb_OnKnownPath_Is405WithAllow(string method, string path, string allow)
    {
        using var client = service.Client();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allow.Split(", ").Order(), response.Content.Headers.Allow.Order());
        Assert.Equal("405 Method Not Allowed", (await response.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Healthcheck_WithoutCredentials_AnswersOkInPlainText()
    {
        using var client = service.AnonymousClient();

        var get = await client.GetAsync("/healthcheck");
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/healthcheck"));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("text/plain", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal("OK", await get.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, head.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/v2/images/")]
    [InlineData("DELETE", "/v2/images/")]
    [InlineData("GET", "/v2/images/0d5dd2a4-4c33-44b6-a7d5-a2ce5a8cbc8d/")]
    [InlineData("GET", "/v2/images//file")]
    public async Task EmptySegment_AnyRoute_Is404(string method, string path)
    {
        using var client = service.Client();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("404 Not Found", (await response.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Patch_WithJsonContentType_Is415WithAcceptPatch()
    {
        using var client = service.Client();
        var id = (await client.CreateImageAsync()).GetProperty("id").GetString();

        var response = await client.PatchJsonAsync($"/v2/images/{id}", "[]", "application/json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/openstack-images-v2.0-json-patch, application/openstack-images-v2.1-json-patch",
            response.Headers.GetValues("Accept-Patch").Single());
    }

    [Theory]
    [InlineData("{not json", HttpStatusCode.BadRequest)]
    [InlineData("[1,2]", HttpStatusCode.BadRequest)]
    [InlineData("\"text\"", HttpStatusCode.BadRequest)]
    [InlineData("", HttpStatusCode.BadRequest)]
    [InlineData("""{"status":"active"}""", HttpStatusCode.Forbidden)]
    [InlineData("""{"min_ram":"5"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"j":{"k":{"l":{"m":{"n":{"o":{"p":{"q":{"r":{"s":{"t":{"u":{"v":{"w":{"x":{"y":{"z":{"A":{"B":{"C":{"D":{"E":{"F":{"G":1}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}""", HttpStatusCode.BadRequest)]
    public async Task Create_BadBody_Is4xxInGlanceErrorShape(string body, HttpStatusCode expected)
    {
        using var client = service.Client();

        var response = await client.PostJsonAsync("/v2/images", body);

        Assert.Equal(expected, response.StatusCode);
        var error = await response.JsonAsync();
        Assert.Equal($"{(int)expected} {response.ReasonPhrase}", error.GetProperty("code").GetString());
        Assert.EndsWith("<br /><br />\n\n\n", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Create_BodyOverTheLimit_Is413()
    {
        using var client = service.Client();

        var response = await client.PostJsonAsync("/v2/images", $$"""{"k":"{{new string('x', 70_000)}}"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Show_WithBody_Is400()
    {
        using var client = service.Client();
        var id = (await client.CreateImageAsync()).GetProperty("id").GetString();

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v2/images/{id}") { Content = new StringContent("{}") });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AnyRequest_WithoutIdentityInTrustedMode_Is401()
    {
        using var client = service.AnonymousClient();

        var response = await client.GetAsync("/v2/images");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task NoAuthMode_WithoutHeaders_ActsAsAdminWithNoProject()
    {
        using var client = service.AnonymousClient(noAuth: true);

        var response = await client.PostJsonAsync("/v2/images", """{"name":"noauth"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await response.JsonAsync()).GetProperty("owner").ValueKind);
    }

    [Fact]
    public async Task RequestId_ValidOneFromCaller_IsEchoedAndInvalidOneReplaced()
    {
        using var client = service.Client();
        var mine = "req-" + Guid.NewGuid();

        var echoed = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v2/images?limit=1") { Headers = { { "X-Openstack-Request-Id", mine } } });
        var replaced = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v2/images?limit=1") { Headers = { { "X-Openstack-Request-Id", "mine" } } });
        var tooLong = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v2/images?limit=1") { Headers = { { "X-Openstack-Request-Id", new string('a', 65) } } });

        Assert.Equal(mine, echoed.Headers.GetValues("X-Openstack-Request-Id").Single());
        Assert.StartsWith("req-", replaced.Headers.GetValues("X-Openstack-Request-Id").Single());
        Assert.NotEqual("mine", replaced.Headers.GetValues("X-Openstack-Request-Id").Single());
        Assert.Equal((HttpStatusCode)431, tooLong.StatusCode);
    }

    [Fact]
    public async Task Versions_RootIs300AndVersionsIs200WithV2Links()
    {
        using var client = service.AnonymousClient();

        var root = await client.GetAsync("/");
        var versions = await client.GetAsync("/versions");
        var unknownVersion = await client.GetAsync("/v3/images");

        Assert.Equal(HttpStatusCode.MultipleChoices, root.StatusCode);
        Assert.Equal(HttpStatusCode.OK, versions.StatusCode);
        Assert.Equal(HttpStatusCode.MultipleChoices, unknownVersion.StatusCode);
        var document = await versions.JsonAsync();
        var current = document.GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("status").GetString() == "CURRENT");
        Assert.Equal($"{service.Trusted.BaseUrl}/v2/", current.GetProperty("links")[0].GetProperty("href").GetString());
    }

    [Theory]
    [InlineData("image")]
    [InlineData("images")]
    [InlineData("member")]
    [InlineData("members")]
    public async Task Schemas_KnownNames_AreServed(string name)
    {
        using var client = service.Client();

        var response = await client.GetAsync($"/v2/schemas/{name}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(name, (await response.JsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Schemas_UnknownName_Is404()
    {
        using var client = service.Client();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v2/schemas/bogus")).StatusCode);
    }
}
