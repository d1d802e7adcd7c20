using System.Net;
using System.Text.Json;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests;

/// <summary>
/// The three access rules end to end in trusted-header and noauth modes: tasks shown to their owner and admins only,
/// with the stored input redacted; an image id in any case names the same image; callers without a project cannot
/// create images.
/// </summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class AccessRulesTests(GlanceService service)
{
    private static readonly string Run = Guid.NewGuid().ToString("N")[..8];

    private static async Task<JsonElement> TasksAsync(HttpClient client, string id, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync($"/v2/images/{id}/tasks");
        Assert.Equal(expected, response.StatusCode);
        return await response.JsonAsync();
    }

    private HttpClient WithoutProject(string roles)
    {
        var client = service.AnonymousClient();
        client.DefaultRequestHeaders.Add("X-Identity-Status", "Confirmed");
        client.DefaultRequestHeaders.Add("X-User-Id", "u-without-project");
        client.DefaultRequestHeaders.Add("X-Roles", roles);
        client.DefaultRequestHeaders.Add("Accept", "application/json");
        return client;
    }

    /// <summary>A shared image of the owner, shared with <c>member</c>, imported by web-download from a URI with a SAS-like query.</summary>
    private async Task<string> ImportedSharedImageAsync(string owner, string member)
    {
        using var client = service.Client(owner);
        var id = await client.CreateRawImageAsync("tasks");
        var uri = service.Files.Publish($"{owner}.raw", new byte[4096]) + "?sv=2024-01-01&sig=SECRET-SIGNATURE#frag";
        var import = await client.PostJsonAsync($"/v2/images/{id}/import", $$$"""{"method":{"name":"web-download","uri":"{{{uri}}}"}}""");
        Assert.Equal(HttpStatusCode.Accepted, import.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync($"/v2/images/{id}/members", $$"""{"member":"{{member}}"}""")).StatusCode);
        return id;
    }

    [Fact]
    public async Task ListTasks_OwnerAndAdmin_SeeTheTaskWithItsUriRedacted()
    {
        var owner = "tasks-owner-" + Run;
        var id = await ImportedSharedImageAsync(owner, "tasks-member-" + Run);
        using var ownerClient = service.Client(owner);
        using var admin = service.Client("tasks-admin-" + Run, "admin,member,reader");
        // The download itself used the whole URI (it travels in the queued job only), and finished.
        await Glance.Integration.Tests.Faults.Poll.UntilAsync(
            async () => (await (await ownerClient.GetAsync($"/v2/images/{id}")).JsonAsync()).GetProperty("status").GetString() == "active",
            TimeSpan.FromSeconds(30), () => $"image {id} did not become active");

        foreach (var client in new[] { ownerClient, admin })
        {
            var task = Assert.Single((await TasksAsync(client, id)).GetProperty("tasks").EnumerateArray());
            Assert.Equal(owner, task.GetProperty("owner").GetString());
            Assert.Equal("u-" + owner, task.GetProperty("user").GetString());
            var uri = task.GetProperty("input").GetProperty("method").GetProperty("uri").GetString();
            Assert.Equal($"http://127.0.0.1:{service.Files.Port}/files/{owner}.raw", uri);
            Assert.DoesNotContain("SECRET", task.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ListTasks_MemberOfTheSharedImage_GetsAnEmptyList()
    {
        var member = "tasks-member-" + Run;
        var id = await ImportedSharedImageAsync("tasks-owner2-" + Run, member);
        using var client = service.Client(member);

        var tasks = await TasksAsync(client, id);

        Assert.Empty(tasks.GetProperty("tasks").EnumerateArray());
    }

    [Fact]
    public async Task ListTasks_CommunityViewerAndCallerWithoutProject_GetAnEmptyList()
    {
        var owner = "tasks-owner3-" + Run;
        var id = await ImportedSharedImageAsync(owner, "tasks-member3-" + Run);
        using var ownerClient = service.Client(owner);
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.PatchJsonAsync($"/v2/images/{id}", """[{"op":"replace","path":"/visibility","value":"community"}]""")).StatusCode);
        using var viewer = service.Client("tasks-viewer-" + Run);
        using var withoutProject = WithoutProject("member,reader");

        Assert.Empty((await TasksAsync(viewer, id)).GetProperty("tasks").EnumerateArray());
        Assert.Empty((await TasksAsync(withoutProject, id)).GetProperty("tasks").EnumerateArray());
    }

    [Fact]
    public async Task ListTasks_ProjectThatCannotSeeTheImage_IsNotFound()
    {
        var id = await ImportedSharedImageAsync("tasks-owner4-" + Run, "tasks-member4-" + Run);
        using var stranger = service.Client("tasks-stranger-" + Run);

        var body = await TasksAsync(stranger, id, HttpStatusCode.NotFound);

        Assert.StartsWith("The resource could not be found.", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImageId_CreatedInUpperCase_IsStoredLowerCaseAndFoundOnEveryRouteInAnyCase()
    {
        var project = "id-case-" + Run;
        using var client = service.Client(project);
        var lower = Guid.NewGuid().ToString();
        var upper = lower.ToUpperInvariant();
        var mixed = string.Concat(lower.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c));

        var created = await client.CreateImageAsync($$"""{"id":"{{upper}}","disk_format":"raw","container_format":"bare","visibility":"shared"}""");

        Assert.Equal(lower, created.GetProperty("id").GetString());
        Assert.Equal($"/v2/images/{lower}", created.GetProperty("self").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostJsonAsync("/v2/images", $$"""{"id":"{{mixed}}"}""")).StatusCode);
        foreach (var id in new[] { upper, mixed, lower })
        {
            var shown = await client.GetAsync($"/v2/images/{id}");
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
            Assert.Equal(lower, (await shown.JsonAsync()).GetProperty("id").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, (await client.PatchJsonAsync($"/v2/images/{mixed}", """[{"op":"replace","path":"/name","value":"renamed"}]""")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/v2/images/{upper}/tags/t1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v2/images/{mixed}/tags/t1")).StatusCode);
        var member = await client.PostJsonAsync($"/v2/images/{upper}/members", """{"member":"Other-Project"}""");
        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
        Assert.Equal(lower, (await member.JsonAsync()).GetProperty("image_id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v2/images/{mixed}/members")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v2/images/{upper}/members/Other-Project")).StatusCode);
        // Member ids are project ids and are compared as given, as in Glance.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v2/images/{upper}/members/other-project")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v2/images/{mixed}/members/Other-Project")).StatusCode);
        using (var content = new ByteArrayContent(new byte[4096]))
        {
            content.Headers.ContentType = new("application/octet-stream");
            Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/v2/images/{upper}/file", content)).StatusCode);
        }
        Assert.Equal(new byte[4096], await client.GetByteArrayAsync($"/v2/images/{mixed}/file"));
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/v2/images/{upper}/download-url", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v2/images/{upper}/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/v2/images/{mixed}/actions/deactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/v2/images/{upper}/actions/reactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v2/images?marker={upper}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v2/images/{upper}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v2/images/{lower}")).StatusCode);
    }

    [Fact]
    public async Task ImageId_UpperCaseOnTheDataRoutes_ReachesTheSameImage()
    {
        using var client = service.Client("id-case-data-" + Run);
        var lower = Guid.NewGuid().ToString();
        var upper = lower.ToUpperInvariant();
        await client.CreateImageAsync($$"""{"id":"{{lower}}","disk_format":"raw","container_format":"bare"}""");
        using var content = new ByteArrayContent(new byte[4096]);
        content.Headers.ContentType = new("application/octet-stream");

        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/v2/images/{upper}/stage", content)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync($"/v2/images/{upper}/import", """{"method":{"name":"glance-direct"}}""")).StatusCode);

        // The import runs in the queue trigger after the 202.
        await Glance.Integration.Tests.Faults.Poll.UntilAsync(
            async () => (await (await client.GetAsync($"/v2/images/{lower}")).JsonAsync()).GetProperty("status").GetString() == "active",
            TimeSpan.FromSeconds(30), () => $"image {lower} did not become active");
        Assert.Single((await TasksAsync(client, upper)).GetProperty("tasks").EnumerateArray());
        var other = (await client.CreateImageAsync("""{"disk_format":"raw","container_format":"bare"}""")).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync($"/v2/images/{other.ToUpperInvariant()}/upload-url", "{}")).StatusCode);
    }

    [Theory]
    [InlineData("member,reader", "", "You are not authorized to complete add_image action.")]
    [InlineData("member,reader", ",\"owner\":\"p1\"", "Access was denied to this resource.")]
    [InlineData("reader", ",\"visibility\":\"community\"", "You are not authorized to complete add_image action.")]
    public async Task Create_TrustedHeadersWithoutProject_IsForbiddenAndStoresNothing(string roles, string more, string message)
    {
        using var client = WithoutProject(roles);
        using var admin = service.Client("admins", "admin,member,reader");
        var name = "without-project-" + Guid.NewGuid().ToString("N");

        var response = await client.PostJsonAsync("/v2/images", $$"""{"name":"{{name}}"{{more}}}""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.StartsWith(message, (await response.JsonAsync()).GetProperty("message").GetString(), StringComparison.Ordinal);
        var stored = await (await admin.GetAsync($"/v2/images?name={name}")).JsonAsync();
        Assert.Empty(stored.GetProperty("images").EnumerateArray());
    }

    [Fact]
    public async Task Create_AdminWithoutProject_CreatesAnImageWithoutOwner()
    {
        using var trusted = WithoutProject("admin,member,reader");
        using var noAuth = service.AnonymousClient(noAuth: true);

        foreach (var client in new[] { trusted, noAuth })
        {
            var created = await client.CreateImageAsync("""{"name":"admin-without-project"}""");
            Assert.Equal(JsonValueKind.Null, created.GetProperty("owner").ValueKind);
        }
    }
}
