using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using static Glance.Integration.Tests.Differential.Step;

namespace Glance.Integration.Tests.Differential;

/// <summary>
/// The access rules against the reference Glance. Where we deliberately differ from Zed on sqlite (ids in another
/// case than they were created in), the difference is asserted as such, so a change on either side shows.
/// </summary>
public sealed partial class DifferentialTests
{
    [Fact]
    public Task ImageIdCase_SameCaseAsCreated_MatchGlance()
    {
        var upper = Guid.NewGuid().ToString().ToUpperInvariant();
        return AssertSameAsync(
            Post("/v2/images", $$"""{"id":"{{upper}}","name":"upper-case-id"}"""),
            Get($"/v2/images/{upper}"),
            Patch($"/v2/images/{upper}", """[{"op":"replace","path":"/name","value":"renamed"}]"""),
            Post("/v2/images", $$"""{"id":"{{upper}}"}"""),
            Delete($"/v2/images/{upper}"),
            Get($"/v2/images/{upper}"));
    }

    /// <summary>
    /// Zed on sqlite stores the id as given and finds it only in that case (on MySQL, Glance's usual database, any
    /// case finds it); we store it lower-case and find it in any case, so an id never names two images.
    /// </summary>
    [Fact]
    public async Task ImageIdCase_OtherCaseThanCreated_FindsTheImageWhereZedOnSqliteDoesNot()
    {
        var lower = Guid.NewGuid().ToString();
        var upper = lower.ToUpperInvariant();
        var theirs = new GlanceSession(reference.BaseUrl);
        var mine = new GlanceSession(ours.Trusted.BaseUrl);
        var create = Post("/v2/images", $$"""{"id":"{{upper}}","name":"case"}""");
        Assert.Equal(await theirs.RunAsync(create), await mine.RunAsync(create));

        foreach (var step in new[] { Get($"/v2/images/{lower}"), Patch($"/v2/images/{lower}", """[{"op":"replace","path":"/name","value":"x"}]""") })
        {
            Assert.Equal(404, (await theirs.RunAsync(step)).Status);
            Assert.Equal(200, (await mine.RunAsync(step)).Status);
        }
        var again = Post("/v2/images", $$"""{"id":"{{lower}}"}""");
        Assert.Equal(201, (await theirs.RunAsync(again)).Status);
        Assert.Equal(409, (await mine.RunAsync(again)).Status);
        Assert.Equal(204, (await mine.RunAsync(Delete($"/v2/images/{lower}"))).Status);
    }

    /// <summary>
    /// Glance's get_task_info lists the tasks tasks_get_by_image lets the caller see: its project's, or all for an
    /// admin; a member of a shared image or a community viewer gets an empty list, one who cannot see the image 404.
    /// The task bodies differ (Zed records its own input and fields), so what is compared is who sees how many.
    /// </summary>
    [Fact]
    public async Task Tasks_ForOwnerAdminMemberAndViewers_MatchGlance()
    {
        var owner = "tasks-" + Run;
        Assert.Equal(await TaskViewsAsync(reference.BaseUrl, owner), await TaskViewsAsync(ours.Trusted.BaseUrl, owner));
    }

    private static async Task<List<string>> TaskViewsAsync(string baseUrl, string owner)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? project, string roles = "member,reader", HttpContent? content = null)
        {
            var request = new HttpRequestMessage(method, path) { Content = content };
            request.Headers.Add("X-Identity-Status", "Confirmed");
            if (project is not null)
            {
                request.Headers.Add("X-Project-Id", project);
            }
            request.Headers.Add("X-User-Id", "u-" + (project ?? "none"));
            request.Headers.Add("X-Roles", roles);
            return await http.SendAsync(request);
        }
        StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
        async Task<string> ImportedAsync()
        {
            using var created = await SendAsync(HttpMethod.Post, "/v2/images", owner, content: Json("""{"disk_format":"raw","container_format":"bare"}"""));
            var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
            var bytes = new ByteArrayContent(new byte[4096]);
            bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Put, $"/v2/images/{id}/stage", owner, content: bytes)).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted,
                (await SendAsync(HttpMethod.Post, $"/v2/images/{id}/import", owner, content: Json("""{"method":{"name":"glance-direct"}}"""))).StatusCode);
            return id;
        }
        async Task<string> ViewAsync(string label, string id, string? project, string roles = "member,reader")
        {
            using var response = await SendAsync(HttpMethod.Get, $"/v2/images/{id}/tasks", project, roles);
            var text = await response.Content.ReadAsStringAsync();
            var tasks = response.IsSuccessStatusCode
                ? string.Join(",", JsonDocument.Parse(text).RootElement.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("owner").GetString()))
                : "";
            return $"{label}: {(int)response.StatusCode} [{tasks}]";
        }

        var shared = await ImportedAsync();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"/v2/images/{shared}/members", owner, content: Json("""{"member":"tasks-member"}"""))).StatusCode);
        var community = await ImportedAsync();
        var patch = new StringContent("""[{"op":"replace","path":"/visibility","value":"community"}]""", Encoding.UTF8);
        patch.Headers.ContentType = new MediaTypeHeaderValue("application/openstack-images-v2.1-json-patch");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Patch, $"/v2/images/{community}", owner, content: patch)).StatusCode);
        return
        [
            await ViewAsync("shared, owner", shared, owner),
            await ViewAsync("shared, owner's reader", shared, owner, "reader"),
            await ViewAsync("shared, admin of another project", shared, "admins", "admin,member,reader"),
            await ViewAsync("shared, member", shared, "tasks-member"),
            await ViewAsync("shared, stranger", shared, "tasks-stranger"),
            await ViewAsync("shared, without project", shared, null),
            await ViewAsync("community, owner", community, owner),
            await ViewAsync("community, viewer", community, "tasks-stranger"),
            await ViewAsync("community, without project", community, null),
        ];
    }
}
